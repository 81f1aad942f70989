package io.camvault.gateway.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camvault.vault.audit.AuditEvent;
import io.camvault.vault.audit.Outcome;
import io.camvault.vault.model.Role;
import io.camvault.vault.model.Segment;
import io.camvault.vault.model.Trigger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The review API over a real vault and media worker: Range, roles, 404, 405, clips, custody. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReviewApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2026-11-20T08:30:00Z");

    Path dir;
    ReviewFixture f;
    String supervisor;
    String dock;
    Segment seg;
    Segment marked;
    byte[] original;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("review-api");
        f = new ReviewFixture(dir);
        supervisor = f.token(Role.SUPERVISOR);
        dock = f.token(Role.DOCK);
        seg = f.ingest(ReviewFixture.H264, "100234", START, Trigger.MANUAL).segment();
        marked = f.ingest(ReviewFixture.HEVC, "100234", START.plusSeconds(600), Trigger.MARKED).segment();
        original = Files.readAllBytes(ReviewFixture.MEDIA.resolve(ReviewFixture.H264));
        f.awaitMedia();
    }

    @AfterAll
    void stop() throws Exception {
        f.close();
        ReviewFixture.deleteTree(dir);
    }

    HttpResponse<byte[]> get(String path, String token, String range) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(f.base() + path)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (range != null) {
            b.header("Range", range);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(f.base() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    String original() {
        return "/api/v1/segments/" + seg.id() + "/original";
    }

    List<AuditEvent> trail(Segment s) {
        return f.vault.audit().bySubject("segment:" + s.id(), 1000);
    }

    @Test
    void wholeOriginalIs200WithAcceptRanges() throws Exception {
        HttpResponse<byte[]> r = get(original(), supervisor, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(r.headers().firstValue("Content-Type")).hasValue("video/mp4");
        assertThat(r.body()).isEqualTo(original);
    }

    @Test
    void firstBytesMiddleAndSuffix() throws Exception {
        HttpResponse<byte[]> first = get(original(), supervisor, "bytes=0-99");
        assertThat(first.statusCode()).isEqualTo(206);
        assertThat(first.headers().firstValue("Content-Range")).hasValue("bytes 0-99/" + original.length);
        assertThat(first.body()).isEqualTo(Arrays.copyOfRange(original, 0, 100));

        HttpResponse<byte[]> middle = get(original(), supervisor, "bytes=100000-100999");
        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(original, 100000, 101000));

        HttpResponse<byte[]> suffix = get(original(), supervisor, "bytes=-500");
        assertThat(suffix.statusCode()).isEqualTo(206);
        assertThat(suffix.headers().firstValue("Content-Range"))
                .hasValue("bytes " + (original.length - 500) + "-" + (original.length - 1) + "/" + original.length);
        assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(original, original.length - 500, original.length));

        assertThat(trail(seg)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("segment.original");
            assertThat(e.details()).containsEntry("ranges", "100000-100999").containsEntry("status", "206");
        });
    }

    @Test
    void multipleRangesAreMultipartByteranges() throws Exception {
        HttpResponse<byte[]> r = get(original(), supervisor, "bytes=0-9,2000-2009");
        assertThat(r.statusCode()).isEqualTo(206);
        String type = r.headers().firstValue("Content-Type").orElseThrow();
        assertThat(type).startsWith("multipart/byteranges; boundary=");
        String boundary = type.substring(type.indexOf('=') + 1);
        String body = new String(r.body(), StandardCharsets.ISO_8859_1);
        assertThat(body).contains("--" + boundary + "\r\nContent-Type: video/mp4\r\nContent-Range: bytes 0-9/"
                + original.length + "\r\n\r\n" + new String(original, 0, 10, StandardCharsets.ISO_8859_1));
        assertThat(body).contains("Content-Range: bytes 2000-2009/" + original.length + "\r\n\r\n"
                + new String(original, 2000, 10, StandardCharsets.ISO_8859_1));
        assertThat(body).endsWith("\r\n--" + boundary + "--\r\n");
        assertThat(r.headers().firstValueAsLong("Content-Length").orElseThrow()).isEqualTo(r.body().length);
    }

    @Test
    void unsatisfiableIs416() throws Exception {
        HttpResponse<byte[]> r = get(original(), supervisor, "bytes=" + original.length + "-");
        assertThat(r.statusCode()).isEqualTo(416);
        assertThat(r.headers().firstValue("Content-Range")).hasValue("bytes */" + original.length);
    }

    @Test
    void streamServesTheRemuxedRenditionWithTimeRangeAudited() throws Exception {
        HttpResponse<byte[]> r = get("/api/v1/segments/" + seg.id() + "/stream?t=1.5-3", supervisor, "bytes=0-");
        assertThat(r.statusCode()).isEqualTo(206);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("video/mp4");
        assertThat(trail(seg)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("segment.stream");
            assertThat(e.details()).containsEntry("object", "rendition").containsEntry("time", "1.5-3");
        });
        // the H.265 sample is transcoded for browsers
        assertThat(get("/api/v1/segments/" + marked.id() + "/stream", supervisor, "bytes=0-1").statusCode())
                .isEqualTo(206);
    }

    @Test
    void queryTokenWorksForGetOnContentOnly() throws Exception {
        HttpResponse<byte[]> thumb = get("/api/v1/segments/" + seg.id() + "/thumbnail?access_token=" + supervisor,
                null, null);
        assertThat(thumb.statusCode()).isEqualTo(200);
        assertThat(thumb.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(thumb.body()[0] & 0xff).isEqualTo(0xff);
        assertThat(get("/api/v1/segments/" + seg.id() + "?access_token=" + supervisor, null, null).statusCode())
                .isEqualTo(401);
        assertThat(send("POST", "/api/v1/segments/" + seg.id() + "/clips?access_token=" + supervisor, null,
                "{\"from\":0,\"to\":1}").statusCode()).isEqualTo(401);
    }

    @Test
    void dockTokensGet403AndTheRefusalIsAudited() throws Exception {
        for (String kind : List.of("original", "stream", "thumbnail")) {
            assertThat(get("/api/v1/segments/" + seg.id() + "/" + kind, dock, "bytes=0-9").statusCode())
                    .isEqualTo(403);
        }
        assertThat(trail(seg)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("segment.original");
            assertThat(e.outcome()).isEqualTo(Outcome.DENIED);
        });
        assertThat(get("/api/v1/segments", dock, null).statusCode()).isEqualTo(403);
    }

    @Test
    void unknownSegmentsAre404() throws Exception {
        String unknown = "0190a000-0000-7000-8000-000000000000";
        for (String kind : List.of("original", "stream", "thumbnail")) {
            assertThat(get("/api/v1/segments/" + unknown + "/" + kind, supervisor, null).statusCode()).isEqualTo(404);
        }
        assertThat(get("/api/v1/segments/" + unknown, supervisor, null).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/segments/not-an-id/original", supervisor, null).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/clips/" + unknown + ".0-1000-fast", supervisor, null).statusCode()).isEqualTo(404);
    }

    @Test
    void modificationsAre405AndAudited() throws Exception {
        for (String method : List.of("PUT", "DELETE", "PATCH", "POST")) {
            assertThat(send(method, original(), supervisor, "x").statusCode()).as(method).isEqualTo(405);
            assertThat(send(method, "/api/v1/segments/" + seg.id(), supervisor, "x").statusCode()).isEqualTo(405);
        }
        assertThat(send("DELETE", "/api/v1/segments/" + seg.id() + "/stream", supervisor, null).statusCode())
                .isEqualTo(405);
        assertThat(trail(seg)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("segment.modify");
            assertThat(e.outcome()).isEqualTo(Outcome.DENIED);
        });
        assertThat(get(original(), supervisor, null).body()).isEqualTo(original);
    }

    @Test
    void clipIsCutAuditedAndDownloadable() throws Exception {
        HttpResponse<byte[]> r = send("POST", "/api/v1/segments/" + seg.id() + "/clips", supervisor,
                "{\"from\":1,\"to\":2.5,\"exact\":false}");
        assertThat(r.statusCode()).isEqualTo(201);
        JsonNode clip = JSON.readTree(r.body());
        assertThat(clip.get("sourceSha256").asText()).isEqualTo(seg.sha256().hex());
        HttpResponse<byte[]> dl = get(clip.get("url").asText(), supervisor, null);
        assertThat(dl.statusCode()).isEqualTo(200);
        assertThat(dl.body().length).isEqualTo(clip.get("bytes").asLong());
        assertThat(trail(seg)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("segment.clip");
            assertThat(e.details()).containsEntry("source_sha256", seg.sha256().hex())
                    .containsEntry("clip_sha256", clip.get("sha256").asText());
        });
        assertThat(trail(seg)).anySatisfy(e -> assertThat(e.action()).isEqualTo("clip.download"));
        assertThat(send("POST", "/api/v1/segments/" + seg.id() + "/clips", supervisor, "{\"from\":3,\"to\":2}")
                .statusCode()).isEqualTo(400);
        assertThat(send("POST", "/api/v1/segments/" + seg.id() + "/clips", dock, "{\"from\":0,\"to\":1}")
                .statusCode()).isEqualTo(403);
    }

    @Test
    void detailHasMediaFactsAndCustodyTrail() throws Exception {
        get(original(), supervisor, "bytes=0-0");
        JsonNode d = JSON.readTree(get("/api/v1/segments/" + seg.id(), supervisor, null).body());
        assertThat(d.at("/media/status").asText()).isEqualTo("done");
        assertThat(d.at("/media/playability").asText()).isEqualTo("playable");
        assertThat(d.at("/media/width").asInt()).isEqualTo(1920);
        assertThat(d.at("/media/thumbnail").asBoolean()).isTrue();
        List<String> actions = d.get("custody").findValuesAsText("action");
        assertThat(actions).contains("segment.commit", "segment.original", "segment.view");
    }

    @Test
    void searchByTriggerAndCursor() throws Exception {
        JsonNode all = JSON.readTree(get("/api/v1/segments?officer=100234&limit=1", supervisor, null).body());
        assertThat(all.get("items")).hasSize(1);
        assertThat(all.get("next").isNull()).isFalse();
        JsonNode page2 = JSON.readTree(get("/api/v1/segments?officer=100234&limit=1&cursor="
                + all.get("next").asText(), supervisor, null).body());
        assertThat(page2.at("/items/0/id").asText()).isEqualTo(marked.id().toString());
        JsonNode onlyMarked = JSON.readTree(get("/api/v1/segments?officer=100234&trigger=marked", supervisor, null)
                .body());
        assertThat(onlyMarked.get("items").findValuesAsText("id")).containsExactly(marked.id().toString());
        assertThat(get("/api/v1/segments?trigger=bogus", supervisor, null).statusCode()).isEqualTo(400);
    }

    @Test
    void reviewPageIsServedFromTheGatewayWithNothingExternal() throws Exception {
        for (String path : List.of("/review/", "/review/app.js", "/review/app.css")) {
            HttpResponse<byte[]> r = get(path, null, null);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow()).startsWith("default-src 'self'");
            String body = new String(r.body(), StandardCharsets.UTF_8);
            assertThat(body).doesNotContainPattern("(src|href)=\"(https?:)?//").doesNotContain("@import");
        }
        assertThat(get("/review", null, null).statusCode()).isEqualTo(301);
        assertThat(get("/review/nope.js", null, null).statusCode()).isEqualTo(404);
    }
}
