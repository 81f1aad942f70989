package io.camvault.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camvault.gateway.protocol.GatewayException;
import io.camvault.vault.kv.Records;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds answers. Error bodies are always {@code {"error":code,"message":safe text}}. */
public final class Responses {
    /** The vault's mapper, but keeping nulls: API fields such as {@code next} and {@code retainUntil} are always present. */
    private static final ObjectMapper JSON = Records.mapper().copy()
            .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS);

    private Responses() {
    }

    public static ObjectMapper json() {
        return JSON;
    }

    public static FullHttpResponse empty(HttpResponseStatus status) {
        return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER);
    }

    public static FullHttpResponse text(HttpResponseStatus status, String contentType, String body) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(body.getBytes(StandardCharsets.UTF_8)));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        return r;
    }

    public static FullHttpResponse json(HttpResponseStatus status, Object body) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON answer", e);
        }
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        return r;
    }

    public static FullHttpResponse error(GatewayException e) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", e.error().code());
        body.put("message", e.clientMessage());
        HttpResponseStatus status = HttpResponseStatus.valueOf(e.error().status(), reason(e.error().status()));
        FullHttpResponse r = json(status, body);
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        return r;
    }

    private static String reason(int status) {
        return switch (status) {
            case 460 -> "Checksum Mismatch";
            default -> HttpResponseStatus.valueOf(status).reasonPhrase();
        };
    }
}
