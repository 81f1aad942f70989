package io.camvault.cli.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The daemon's JSON API and tus HEAD, as an uploader uses them to confirm what was stored. */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http;

    Api(URI base) {
        this(base, null);
    }

    /** Over HTTPS, trusting what {@code tls} trusts (null: plain HTTP or the JDK's default trust). */
    Api(URI base, javax.net.ssl.SSLContext tls) {
        this.base = base;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1);
        if (tls != null) {
            b.sslContext(tls);
        }
        this.http = b.build();
    }

    URI base() {
        return base;
    }

    /** Every segment matching the query (follows the {@code next} cursor). */
    List<JsonNode> segments(String token, Map<String, String> query) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 1000; page++) {
            Map<String, String> q = new LinkedHashMap<>(query);
            if (cursor != null) {
                q.put("cursor", cursor);
            }
            HttpResponse<String> r = get("/api/v1/segments?" + form(q), token);
            if (r.statusCode() != 200) {
                throw new AssertionError("GET /api/v1/segments?" + form(q) + " -> " + r.statusCode() + " " + r.body());
            }
            JsonNode body = read(r.body());
            body.path("items").forEach(all::add);
            JsonNode next = body.get("next");
            if (next == null || next.isNull() || next.asText().isEmpty()) {
                return all;
            }
            cursor = next.asText();
        }
        throw new AssertionError("segments paging did not end");
    }

    List<JsonNode> segmentsOfOfficer(String token, String officer) {
        return segments(token, Map.of("officer", officer));
    }

    Optional<JsonNode> segmentWithHash(String token, String officer, String sha256) {
        return segmentsOfOfficer(token, officer).stream()
                .filter(s -> sha256.equalsIgnoreCase(s.path("sha256").asText())).findFirst();
    }

    HttpResponse<String> get(String pathAndQuery, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    /** tus HEAD: the server's offset for an upload URL, or -1 with the status when it has none. */
    Head head(URI upload, String token) {
        HttpRequest req = HttpRequest.newBuilder(upload).timeout(Duration.ofSeconds(30))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Tus-Resumable", "1.0.0").header("Authorization", "Bearer " + token).build();
        HttpResponse<String> r = send(req);
        long offset = r.headers().firstValue("Upload-Offset").map(Long::parseLong).orElse(-1L);
        long length = r.headers().firstValue("Upload-Length").map(Long::parseLong).orElse(-1L);
        return new Head(r.statusCode(), offset, length);
    }

    record Head(int status, long offset, long length) {
    }

    HttpResponse<String> send(HttpRequest req) {
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(req.method() + " " + req.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    static String form(Map<String, String> q) {
        return q.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** A tus {@code Upload-Metadata} header value: comma-separated {@code key base64(value)}. */
    static String encodeMetadata(Map<String, String> metadata) {
        return metadata.entrySet().stream()
                .map(e -> e.getKey() + " " + Base64.getEncoder().encodeToString(e.getValue().getBytes(StandardCharsets.UTF_8)))
                .collect(Collectors.joining(","));
    }

    /** Valid metadata for one recording, as a dock sends it; {@code sha256} may be null (not declared). */
    static Map<String, String> metadata(String officer, String recorder, String filename, String sha256) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("filename", filename);
        m.put("recorder", recorder);
        m.put("officer", officer);
        m.put("unit", "110105000000");
        m.put("recordedStart", "2026-11-20T08:00:00+08:00");
        m.put("recordedEnd", "2026-11-20T08:59:59+08:00");
        m.put("trigger", "scheduled");
        m.put("station", "dock-e2e-1");
        m.put("clockDriftMs", "-120");
        if (sha256 != null) {
            m.put("sha256", sha256);
        }
        return m;
    }
}
