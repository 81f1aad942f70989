package io.camvault.gateway.http;

import io.camvault.gateway.protocol.GatewayError;
import io.camvault.gateway.protocol.GatewayException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code /healthz}: the process is up and answering. {@code /readyz}: it can take uploads (the
 * vault is open, the uploads file system has more free space than the reserve, and the object store
 * answers); when not, the 503 says why ({@code not_ready} with a detail, or {@code store_unavailable}).
 */
public final class HealthRoute implements Route {
    private static final String TEXT = "text/plain; charset=utf-8";
    private final Supplier<Optional<GatewayException>> notReady;

    /** @param notReady why the gateway cannot take uploads now, as the error to answer; empty when it can */
    public HealthRoute(Supplier<Optional<GatewayException>> notReady) {
        this.notReady = notReady;
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
            Optional<GatewayException> why = notReady.get();
            if (why.isPresent()) {
                throw why.get();
            }
            return Responses.text(HttpResponseStatus.OK, TEXT, "ready\n");
        });
    }
}
