package io.camvault.gateway.review;

import io.camvault.gateway.http.Exchange;
import io.camvault.gateway.http.Responses;
import io.camvault.gateway.http.Route;
import io.camvault.gateway.http.SimpleExchange;
import io.camvault.gateway.protocol.GatewayError;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The review page at {@code /review/}: its static files from the classpath ({@code review/}: the page,
 * its style, the message bundle {@code messages.js} and the scripts), read once at start. The page loads nothing from elsewhere, and the Content-Security-Policy says so.
 */
public final class ReviewPageRoute implements Route {
    private static final String CSP = "default-src 'self'; img-src 'self' data:; media-src 'self'; "
            + "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    /** The files served, by name; {@code /review/} is index.html. */
    static final java.util.List<String> NAMES = java.util.List.of("index.html", "app.css", "messages.js", "zone.js",
            "timeline.js", "app.js");
    private final Map<String, byte[]> bodies = new java.util.HashMap<>();

    public ReviewPageRoute() {
        for (String name : NAMES) {
            bodies.put(name, load(name));
        }
    }

    @Override
    public Exchange open(ChannelHandlerContext ctx, HttpRequest request, String path) {
        if (path.equals("/review")) {
            return new SimpleExchange(ctx, request, () -> {
                FullHttpResponse r = Responses.empty(HttpResponseStatus.MOVED_PERMANENTLY);
                r.headers().set(HttpHeaderNames.LOCATION, "/review/");
                return r;
            });
        }
        if (!path.startsWith("/review/")) {
            return null;
        }
        String name = path.equals("/review/") ? "index.html"
                : path.startsWith("/review/") && NAMES.contains(path.substring(8)) ? path.substring(8) : null;
        if (name == null) {
            return SimpleExchange.failing(ctx, request, GatewayError.NOT_FOUND.exception());
        }
        if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD)) {
            return SimpleExchange.failing(ctx, request, GatewayError.METHOD_NOT_ALLOWED.exception());
        }
        return new SimpleExchange(ctx, request, () -> page(name));
    }

    private FullHttpResponse page(String name) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.wrappedBuffer(bodies.get(name)));
        String type = name.endsWith(".html") ? "text/html; charset=utf-8"
                : name.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8";
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        r.headers().set("Content-Security-Policy", CSP);
        r.headers().set("X-Content-Type-Options", "nosniff");
        r.headers().set("Referrer-Policy", "no-referrer");
        return r;
    }

    private static byte[] load(String name) {
        try (InputStream in = ReviewPageRoute.class.getClassLoader().getResourceAsStream("review/" + name)) {
            if (in == null) {
                throw new IllegalStateException("review page resource missing: review/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
