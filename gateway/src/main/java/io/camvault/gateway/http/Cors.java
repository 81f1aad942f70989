package io.camvault.gateway.http;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;

/**
 * The CORS headers browser tus clients need. Tokens travel in the Authorization header, never in
 * cookies, so any origin may call; what matters is that the tus headers are exposed to scripts.
 */
public final class Cors {
    static final String EXPOSED = "Location, Upload-Offset, Upload-Length, Upload-Metadata, Upload-Defer-Length, "
            + "Upload-Expires, Upload-Concat, Tus-Resumable, Tus-Version, Tus-Extension, Tus-Max-Size, "
            + "Tus-Checksum-Algorithm, Camvault-Segment, Retry-After";
    static final String ALLOWED_HEADERS = "Authorization, Content-Type, Upload-Offset, Upload-Length, "
            + "Upload-Metadata, Upload-Defer-Length, Upload-Concat, Upload-Checksum, Tus-Resumable, "
            + "X-HTTP-Method-Override, X-Requested-With";
    static final String ALLOWED_METHODS = "GET, HEAD, POST, PATCH, DELETE, OPTIONS";

    private Cors() {
    }

    static void decorate(HttpRequest request, FullHttpResponse response) {
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        if (origin == null) {
            return;
        }
        HttpHeaders h = response.headers();
        h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        h.set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED);
        if (request.headers().contains(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD)) {
            h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS);
            h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS);
            h.set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, "86400");
        }
    }
}
