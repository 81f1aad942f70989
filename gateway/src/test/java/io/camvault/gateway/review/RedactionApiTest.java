package io.camvault.gateway.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camvault.vault.audit.AuditEvent;
import io.camvault.vault.audit.Outcome;
import io.camvault.vault.integrity.FixityAudit;
import io.camvault.vault.model.Role;
import io.camvault.vault.model.Segment;
import io.camvault.vault.model.Trigger;
import io.camvault.vault.redaction.RedactionSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Redacted copies over HTTP, over a real vault and media worker: a clerk asks, follows the progress,
 * downloads; the record names the original's hash, the spec and its hash and the copy's hash; the
 * original stays byte-identical and passes fixity; auditors see copies but cannot make them, docks
 * see nothing; every creation, view and download is in the segment's custody trail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedactionApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SPEC = "{\"method\":\"blur\",\"regions\":[{\"from\":1000,\"to\":3000,\"keyframes\":"
            + "[{\"t\":1000,\"x\":1180,\"y\":660,\"w\":520,\"h\":290}]}],\"mutes\":[{\"from\":1000,\"to\":2000}]}";

    Path dir;
    ReviewFixture f;
    String clerk;
    String auditor;
    String dock;
    Segment seg;
    Segment face;
    byte[] original;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("redaction-api");
        f = new ReviewFixture(dir);
        clerk = f.token(Role.CLERK);
        auditor = f.token(Role.AUDITOR);
        dock = f.token(Role.DOCK);
        seg = f.ingest(ReviewFixture.H264, "100234", Instant.parse("2026-11-20T08:30:00Z"), Trigger.MANUAL).segment();
        face = f.ingest("D333444_100237_20261120120000.mp4", "100237", Instant.parse("2026-11-20T12:00:00Z"),
                Trigger.MANUAL).segment();
        original = Files.readAllBytes(ReviewFixture.MEDIA.resolve(ReviewFixture.H264));
        f.awaitMedia();
    }

    @AfterAll
    void stop() throws Exception {
        f.close();
        ReviewFixture.deleteTree(dir);
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

    JsonNode json(HttpResponse<byte[]> r) throws Exception {
        return JSON.readTree(r.body());
    }

    JsonNode create(String spec) throws Exception {
        return create(seg, spec);
    }

    JsonNode create(Segment target, String spec) throws Exception {
        HttpResponse<byte[]> r = send("POST", "/api/v1/segments/" + target.id() + "/redactions", clerk, spec);
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(202);
        String id = json(r).path("id").asText();
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode s = json(send("GET", "/api/v1/redactions/" + id, clerk, null));
            if (s.path("state").asText().equals("done") || s.path("state").asText().equals("failed")) {
                return s;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("redaction not done in 180 s");
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void aClerkMakesACopyThatRecordsWhereItCameFromAndDownloadsIt() throws Exception {
        JsonNode r = create(SPEC);
        assertThat(r.path("state").asText()).as(r.toString()).isEqualTo("done");
        String id = r.path("id").asText();
        assertThat(r.path("sourceSha256").asText()).isEqualTo(seg.sha256().hex());
        assertThat(r.path("specSha256").asText()).isEqualTo(RedactionSpec.parse(SPEC).sha256().hex());
        assertThat(RedactionSpec.fromJson(r.path("spec")).canonicalJson()).isEqualTo(RedactionSpec.parse(SPEC).canonicalJson());

        HttpResponse<byte[]> copy = send("GET", "/api/v1/redactions/" + id + "/content", clerk, null);
        assertThat(copy.statusCode()).isEqualTo(200);
        assertThat(copy.headers().firstValue("Content-Type")).hasValue("video/mp4");
        assertThat(sha256(copy.body())).isEqualTo(r.path("redactedSha256").asText());
        assertThat(copy.body()).isNotEqualTo(original);

        List<AuditEvent> trail = f.vault.audit().bySubject("segment:" + seg.id(), 1000);
        assertThat(trail).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("segment.redact");
            assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS);
            assertThat(e.details()).containsEntry("redaction", id)
                    .containsEntry("source_sha256", seg.sha256().hex())
                    .containsEntry("redacted_sha256", r.path("redactedSha256").asText())
                    .containsEntry("spec_sha256", r.path("specSha256").asText())
                    .containsEntry("method", "blur");
        });
        assertThat(trail).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("redaction.download");
            assertThat(e.details()).containsEntry("redaction", id)
                    .containsEntry("object_sha256", r.path("redactedSha256").asText());
        });
        assertThat(trail).anySatisfy(e -> assertThat(e.action()).isEqualTo("redaction.view"));

        JsonNode list = json(send("GET", "/api/v1/segments/" + seg.id() + "/redactions", auditor, null));
        assertThat(list.path("redactions").findValuesAsText("id")).contains(id);
        assertThat(json(send("GET", "/api/v1/redactions", auditor, null)).path("redactions").findValuesAsText("id"))
                .contains(id);
    }

    @Test
    void theOriginalIsByteIdenticalAndPassesFixityAfterRedactions() throws Exception {
        create(SPEC);
        create("{\"method\":\"box\",\"mutes\":[{\"from\":0,\"to\":500}]}");
        HttpResponse<byte[]> o = send("GET", "/api/v1/segments/" + seg.id() + "/original", clerk, null);
        assertThat(o.body()).isEqualTo(original);
        assertThat(sha256(o.body())).isEqualTo(seg.sha256().hex());
        FixityAudit.Result fixity = new FixityAudit(f.vault, Duration.ofDays(30), Long.MAX_VALUE / 4,
                Duration.ofHours(1), io.camvault.vault.integrity.Pacer.SYSTEM).run(Instant.now());
        assertThat(fixity.checked()).isPositive();
        assertThat(fixity.alarms()).isEmpty();
    }

    @Test
    void auditorsSeeCopiesButCannotMakeThemAndDocksSeeNothing() throws Exception {
        String path = "/api/v1/segments/" + seg.id() + "/redactions";
        assertThat(send("POST", path, auditor, SPEC).statusCode()).isEqualTo(403);
        assertThat(send("POST", path, dock, SPEC).statusCode()).isEqualTo(403);
        assertThat(send("GET", path, dock, null).statusCode()).isEqualTo(403);
        assertThat(send("POST", path, null, SPEC).statusCode()).isEqualTo(401);
        assertThat(send("GET", path, auditor, null).statusCode()).isEqualTo(200);
        List<AuditEvent> trail = f.vault.audit().bySubject("segment:" + seg.id(), 1000);
        assertThat(trail).filteredOn(e -> e.action().equals("segment.redact") && e.outcome() == Outcome.DENIED)
                .hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void automaticFaceRedactionRecordsTheDetectedRegionsInTheSpec() throws Exception {
        JsonNode r = create(face, "{\"method\":\"pixelate\",\"auto\":[\"faces\"]}");
        assertThat(r.path("state").asText()).as(r.toString()).isEqualTo("done");
        assertThat(r.path("detectedRegions").asInt()).isPositive();
        JsonNode regions = r.path("spec").path("regions");
        assertThat(regions.size()).isEqualTo(r.path("detectedRegions").asInt());
        assertThat(regions.get(0).path("source").asText()).isEqualTo("auto:faces");
        // the same spec rendered again is the same copy: the spec alone rebuilds it, without detection
        JsonNode again = create(face, r.path("spec").toString());
        assertThat(again.path("specSha256").asText()).isEqualTo(r.path("specSha256").asText());
    }

    @Test
    void badSpecsAre400WithTheReason() throws Exception {
        String path = "/api/v1/segments/" + seg.id() + "/redactions";
        HttpResponse<byte[]> r = send("POST", path, clerk, "{\"method\":\"pixelate\",\"regons\":[]}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(new String(r.body())).contains("regons");
        assertThat(send("POST", path, clerk, "{\"method\":\"pixelate\"}").statusCode()).isEqualTo(400);
        assertThat(send("POST", path, clerk, "not json").statusCode()).isEqualTo(400);
        assertThat(send("GET", "/api/v1/redactions/nope", clerk, null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/v1/redactions/" + seg.id() + ".r000000000000/content", clerk, null).statusCode())
                .isEqualTo(404);
        assertThat(send("DELETE", "/api/v1/redactions/" + seg.id() + ".r000000000000", clerk, null).statusCode())
                .isEqualTo(405);
    }
}
