package io.camvault.gateway.tus;

import io.camvault.gateway.http.Exchange;
import io.camvault.gateway.http.Route;
import io.camvault.gateway.http.SimpleExchange;
import io.camvault.gateway.protocol.GatewayError;
import io.camvault.gateway.protocol.Tus;
import io.camvault.gateway.protocol.UploadChecksum;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import java.util.Locale;

/**
 * Maps {@code /files/} and {@code /files/{id}} to their exchanges. {@code X-HTTP-Method-Override}
 * on a POST is honoured (tus-java-client sends PATCH that way on JDKs without PATCH).
 */
public final class TusRoute implements Route {
    private static final String BASE = "/files";
    private final TusContext tus;

    public TusRoute(TusContext tus) {
        this.tus = tus;
    }

    @Override
    public Exchange open(ChannelHandlerContext ctx, HttpRequest request, String path) {
        if (!path.equals(BASE) && !path.startsWith(BASE + "/")) {
            return null;
        }
        String rest = path.length() <= BASE.length() + 1 ? "" : path.substring(BASE.length() + 1);
        String method = method(request);
        if (method.equals("OPTIONS")) {
            return options(ctx, request);
        }
        if (rest.isEmpty()) {
            return method.equals("POST") ? new CreateExchange(ctx, request, tus)
                    : failing(ctx, request, GatewayError.METHOD_NOT_ALLOWED);
        }
        if (!Tus.isUploadId(rest)) {
            return failing(ctx, request, GatewayError.NOT_FOUND);
        }
        return switch (method) {
            case "PATCH" -> new PatchExchange(ctx, request, tus, rest);
            case "HEAD", "GET" -> new InfoExchange(ctx, request, tus, rest, false);
            case "DELETE" -> new InfoExchange(ctx, request, tus, rest, true);
            default -> failing(ctx, request, GatewayError.METHOD_NOT_ALLOWED);
        };
    }

    private static String method(HttpRequest request) {
        String override = request.headers().get(Tus.METHOD_OVERRIDE);
        if (override != null && request.method().equals(HttpMethod.POST)) {
            return override.strip().toUpperCase(Locale.ROOT);
        }
        return request.method().name();
    }

    private Exchange failing(ChannelHandlerContext ctx, HttpRequest request, GatewayError error) {
        return new SimpleExchange(ctx, request, () -> tusHeaders(io.camvault.gateway.http.Responses.error(error.exception())));
    }

    private Exchange options(ChannelHandlerContext ctx, HttpRequest request) {
        return new SimpleExchange(ctx, request, () -> {
            FullHttpResponse r = TusExchange.noContent();
            r.headers().set(Tus.TUS_VERSION, Tus.VERSION);
            r.headers().set(Tus.TUS_EXTENSION, Tus.EXTENSIONS);
            r.headers().set(Tus.TUS_MAX_SIZE, tus.config().maxUploadSize());
            r.headers().set(Tus.CHECKSUM_ALGORITHM, UploadChecksum.SUPPORTED);
            return tusHeaders(r);
        });
    }

    private static FullHttpResponse tusHeaders(FullHttpResponse r) {
        r.headers().set(Tus.RESUMABLE, Tus.VERSION);
        return r;
    }
}
