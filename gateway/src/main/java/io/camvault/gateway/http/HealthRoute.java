package io.camvault.gateway.http;

import io.camvault.gateway.protocol.GatewayError;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.function.BooleanSupplier;

/**
 * {@code /healthz}: the process is up and answering. {@code /readyz}: it can take uploads (the
 * vault is open and the uploads file system has more free space than the reserve).
 */
public final class HealthRoute implements Route {
    private static final String TEXT = "text/plain; charset=utf-8";
    private final BooleanSupplier ready;

    public HealthRoute(BooleanSupplier ready) {
        this.ready = ready;
    }

    @Override
    public Exchange open(ChannelHandlerContext ctx, HttpRequest request, String path) {
        boolean health = path.equals("/healthz");
        if (!health && !path.equals("/readyz")) {
            return null;
        }
        HttpMethod m = request.method();
        if (!m.equals(HttpMethod.GET) && !m.equals(HttpMethod.HEAD)) {
            return SimpleExchange.failing(ctx, request, GatewayError.METHOD_NOT_ALLOWED.exception());
        }
        return new SimpleExchange(ctx, request, () -> {
            if (health) {
                return Responses.text(HttpResponseStatus.OK, TEXT, "ok\n");
            }
            if (!ready.getAsBoolean()) {
                throw GatewayError.NOT_READY.exception();
            }
            return Responses.text(HttpResponseStatus.OK, TEXT, "ready\n");
        });
    }
}
