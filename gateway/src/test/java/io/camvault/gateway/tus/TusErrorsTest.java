package io.camvault.gateway.tus;

import static org.assertj.core.api.Assertions.assertThat;

import io.camvault.gateway.GatewayConfig;
import io.camvault.gateway.GatewayServer;
import io.camvault.gateway.backend.InMemoryBackend;
import io.camvault.gateway.protocol.UploadMetadata;
import io.camvault.vault.audit.Outcome;
import io.camvault.vault.model.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One raw request per error code, and the tus headers every answer must carry. */
class TusErrorsTest {
    static final String DOCK = "Bearer dock-token";
    @TempDir
    Path dir;
    InMemoryBackend backend;
    GatewayServer server;
    final AtomicLong free = new AtomicLong(100L << 30);
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        backend = new InMemoryBackend(dir, Clock.systemUTC());
        backend.addToken("dock-token", "dock-7", Role.DOCK, null);
        backend.addToken("other-dock", "dock-8", Role.DOCK, null);
        backend.addToken("recorder-token", "rec-A1", Role.RECORDER, "A1");
        backend.addToken("clerk-token", "clerk-1", Role.CLERK, null);
        server = GatewayServer.start(GatewayConfig.builder().port(0).host("127.0.0.1").maxUploadSize(1 << 20)
                .maxActiveUploads(1).build(), backend, free::get);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    HttpRequest.Builder req(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Tus-Resumable", "1.0.0");
    }

    HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder create(String auth, long length, Map<String, String> md) {
        return req("/files/").header("Authorization", auth).header("Upload-Length", Long.toString(length))
                .header("Upload-Metadata", UploadMetadata.render(md)).POST(HttpRequest.BodyPublishers.noBody());
    }

    String created(long length) throws Exception {
        HttpResponse<String> r = send(create(DOCK, length, TusServerTest.metadata(null)));
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.headers().firstValue("Tus-Resumable")).hasValue("1.0.0");
        assertThat(r.headers().firstValue("Upload-Expires")).isPresent();
        return r.headers().firstValue("Location").orElseThrow();
    }

    HttpRequest.Builder patch(String location, long offset, byte[] body) {
        return req(location).header("Authorization", DOCK).header("Upload-Offset", Long.toString(offset))
                .header("Content-Type", "application/offset+octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(body));
    }

    static void assertError(HttpResponse<String> r, int status, String code) {
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.body()).contains("\"error\":\"" + code + "\"");
        assertThat(r.headers().firstValue("Tus-Resumable")).hasValue("1.0.0");
    }

    @Test
    void optionsAdvertisesVersionExtensionsAndChecksums() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/files/"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.headers().firstValue("Tus-Version")).hasValue("1.0.0");
        assertThat(r.headers().firstValue("Tus-Extension").orElseThrow()).contains("creation", "termination",
                "concatenation", "checksum", "expiration", "creation-defer-length", "creation-with-upload");
        assertThat(r.headers().firstValue("Tus-Checksum-Algorithm")).hasValue("sha1,sha256");
        assertThat(r.headers().firstValue("Tus-Max-Size")).hasValue(Integer.toString(1 << 20));
    }

    @Test
    void missingOrUnknownTokenIs401AndAudited() throws Exception {
        assertError(send(req("/files/").header("Upload-Length", "1").POST(HttpRequest.BodyPublishers.noBody())),
                401, "unauthenticated");
        assertError(send(create("Bearer nope", 1, TusServerTest.metadata(null))), 401, "unauthenticated");
        // the first refusal of a source in a minute is recorded at once; the rest are counted in one summary
        assertThat(backend.audit).filteredOn(e -> e.outcome() == Outcome.DENIED).hasSize(1);
        server.close();
        assertThat(backend.audit).filteredOn(e -> e.outcome() == Outcome.DENIED)
                .extracting(e -> e.action().equals("auth.denied_repeated") ? e.details().get("count") : "1")
                .containsExactly("1", "1");
    }

    @Test
    void clerkMayNotUploadAndRecorderOnlyForItsSerial() throws Exception {
        assertError(send(create("Bearer clerk-token", 1, TusServerTest.metadata(null))), 403, "forbidden");
        Map<String, String> other = new java.util.LinkedHashMap<>(TusServerTest.metadata(null));
        other.put("recorder", "B2");
        assertError(send(create("Bearer recorder-token", 1, other)), 403, "forbidden");
        assertThat(send(create("Bearer recorder-token", 1, TusServerTest.metadata(null))).statusCode()).isEqualTo(201);
        assertThat(backend.audit).filteredOn(e -> e.outcome() == Outcome.DENIED).hasSize(2);
    }

    @Test
    void wrongVersionIs412WithTusVersion() throws Exception {
        HttpResponse<String> r = send(create(DOCK, 1, TusServerTest.metadata(null)).setHeader("Tus-Resumable", "0.2.2"));
        assertError(r, 412, "unsupported_version");
        assertThat(r.headers().firstValue("Tus-Version")).hasValue("1.0.0");
    }

    @Test
    void badMetadataIs400NamingTheKey() throws Exception {
        Map<String, String> md = new java.util.LinkedHashMap<>(TusServerTest.metadata(null));
        md.remove("officer");
        HttpResponse<String> r = send(create(DOCK, 1, md));
        assertError(r, 400, "invalid_metadata");
        assertThat(r.body()).contains("'officer'");
    }

    @Test
    void lengthTogetherWithDeferLengthIs400() throws Exception {
        HttpResponse<String> r = send(create(DOCK, 10, TusServerTest.metadata(null)).header("Upload-Defer-Length", "1"));
        assertError(r, 400, "invalid_header");
        assertThat(r.body()).contains("not both");
    }

    /** tus-java-client opens one more, empty PATCH at offset == length after the last byte. */
    @Test
    void emptyPatchAtTheFinalOffsetOfACompletedUploadIs204() throws Exception {
        String location = created(4);
        assertThat(send(patch(location, 0, new byte[] {1, 2, 3, 4})).statusCode()).isEqualTo(204);
        HttpResponse<String> again = send(patch(location, 4, new byte[0]));
        assertThat(again.statusCode()).isEqualTo(204);
        assertThat(again.headers().firstValue("Upload-Offset")).hasValue("4");
        assertError(send(patch(location, 2, new byte[0])), 409, "offset_mismatch");
        assertError(send(patch(location, 4, new byte[] {9})), 409, "offset_mismatch");
    }

    @Test
    void tooLargeIs413() throws Exception {
        assertError(send(create(DOCK, (1 << 20) + 1, TusServerTest.metadata(null))), 413, "too_large");
    }

    @Test
    void lowDiskIs507WithRetryAfterAndRecovers() throws Exception {
        free.set((1L << 30) + 10);
        HttpResponse<String> r = send(create(DOCK, 100, TusServerTest.metadata(null)));
        assertError(r, 507, "insufficient_storage");
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
        free.set(100L << 30);
        created(100);
    }

    @Test
    void patchRules409And415AndExceedingLength() throws Exception {
        String loc = created(10);
        assertError(send(patch(loc, 3, new byte[2])), 409, "offset_mismatch");
        assertError(send(patch(loc, 0, new byte[2]).setHeader("Content-Type", "text/plain")), 415,
                "unsupported_media_type");
        assertError(send(patch(loc, 0, new byte[11])), 413, "exceeds_length");
        assertThat(send(patch(loc, 0, new byte[4])).headers().firstValue("Upload-Offset")).hasValue("4");
        HttpResponse<String> head = send(req(loc).header("Authorization", DOCK)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Upload-Offset")).hasValue("4");
        assertThat(head.headers().firstValue("Upload-Length")).hasValue("10");
        assertThat(head.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    String createdDeferred() throws Exception {
        HttpResponse<String> r = send(req("/files/").header("Authorization", DOCK).header("Upload-Defer-Length", "1")
                .header("Upload-Metadata", UploadMetadata.render(TusServerTest.metadata(null)))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(r.statusCode()).isEqualTo(201);
        return r.headers().firstValue("Location").orElseThrow();
    }

    HttpResponse<String> head(String loc) throws Exception {
        return send(req(loc).header("Authorization", DOCK).method("HEAD", HttpRequest.BodyPublishers.noBody()));
    }

    /** A PATCH body without Content-Length: the client library sends it chunked. */
    HttpRequest.Builder chunkedPatch(String location, long offset, byte[] body) {
        return patch(location, offset, body).method("PATCH",
                HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)));
    }

    /** Sends and answers the status, or -1 when the server closed the connection while the body was going out. */
    int statusOrClosed(HttpRequest.Builder b) throws Exception {
        return statusOrClosed(http, b);
    }

    static int statusOrClosed(HttpClient client, HttpRequest.Builder b) throws Exception {
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    /** Issue 16: a PATCH refused with 413 still stored its Upload-Length, leaving an upload that could never complete. */
    @Test
    void rejectedPatchStoresNoUploadLength() throws Exception {
        String loc = createdDeferred();
        assertError(send(patch(loc, 0, new byte[11]).header("Upload-Length", "10")), 413, "exceeds_length");
        assertError(send(patch(loc, 5, new byte[2]).header("Upload-Length", "20")), 409, "offset_mismatch");
        assertError(send(patch(loc, 0, new byte[2]).header("Upload-Length", "30").setHeader("Content-Type", "text/x")),
                415, "unsupported_media_type");
        free.set((1L << 30) + 10);
        assertError(send(patch(loc, 0, new byte[20]).header("Upload-Length", "40")), 507, "insufficient_storage");
        free.set(100L << 30);
        HttpResponse<String> h = head(loc);
        assertThat(h.headers().firstValue("Upload-Length")).isEmpty();
        assertThat(h.headers().firstValue("Upload-Defer-Length")).hasValue("1");
        assertThat(h.headers().firstValue("Upload-Offset")).hasValue("0");
        // the upload can still be completed with any length
        HttpResponse<String> ok = send(patch(loc, 0, new byte[12]).header("Upload-Length", "12"));
        assertThat(ok.statusCode()).isEqualTo(204);
        assertThat(ok.headers().firstValue("Upload-Offset")).hasValue("12");
    }

    /** Issue 16: a defer-length upload fed by a chunked PATCH wrote past gateway.max-upload-size and got 204. */
    @Test
    void deferLengthChunkedPatchBypassesMaxUploadSize() throws Exception {
        String loc = createdDeferred();
        String other = createdDeferred();
        int status = statusOrClosed(chunkedPatch(loc, 0, new byte[(1 << 20) + (1 << 19)]));
        assertThat(status).isIn(413, -1);
        long offset = Long.parseLong(head(loc).headers().firstValue("Upload-Offset").orElseThrow());
        assertThat(offset).isLessThanOrEqualTo(1 << 20);
        // with a Content-Length the same body is refused before a byte is written
        int refused = -1;
        for (int i = 0; i < 50; i++) { // this server takes one upload at a time: wait for the refused one's slot
            refused = statusOrClosed(HttpClient.newHttpClient(), patch(other, 0, new byte[(1 << 20) + 1]));
            if (refused != 503) {
                break;
            }
            Thread.sleep(20);
        }
        // answered before the body is read; the client may still be sending it when the connection closes
        assertThat(refused).isIn(413, -1);
        assertThat(head(other).headers().firstValue("Upload-Offset")).hasValue("0");
    }

    /** Issue 16: a chunked PATCH (no Content-Length) on a defer-length upload wrote 256 MiB past the disk reserve. */
    @Test
    void deferLengthChunkedPatchBypassesTheDiskReserve() throws Exception {
        String loc = createdDeferred();
        free.set((1L << 30) + (128 << 10)); // 128 KiB above the reserve
        int status = statusOrClosed(chunkedPatch(loc, 0, new byte[900 << 10]));
        assertThat(status).isIn(507, -1);
        free.set(100L << 30);
        long offset = Long.parseLong(head(loc).headers().firstValue("Upload-Offset").orElseThrow());
        assertThat(offset).isLessThan(900 << 10);
    }

    /** Issue 16: one token could create hundreds of unfinished uploads declaring 50 GB each. */
    @Test
    void oneTokenHoardsUnfinishedUploads() throws Exception {
        server.close();
        server = GatewayServer.start(GatewayConfig.builder().port(0).host("127.0.0.1").maxUploadSize(1 << 20)
                .maxUnfinishedUploadsPerPrincipal(3).maxUnfinishedBytesPerPrincipal(2_500_000).build(), backend,
                free::get);
        String a = created(1 << 20);
        String b = created(1 << 20);
        // the declared bytes: a third 1 MiB upload would hold 3 MiB > 2.5 MB
        assertError(send(create(DOCK, 1 << 20, TusServerTest.metadata(null))), 429, "unfinished_bytes_limit");
        String c = createdDeferred();
        // the count: a fourth unfinished upload
        assertError(send(create(DOCK, 10, TusServerTest.metadata(null))), 429, "unfinished_uploads_limit");
        // a deferred length counts once it is declared, and is refused beyond the quota (storing nothing)
        assertError(send(patch(c, 0, new byte[10]).header("Upload-Length", "600000")), 429, "unfinished_bytes_limit");
        assertThat(head(c).headers().firstValue("Upload-Length")).isEmpty();
        // another principal is not affected
        HttpResponse<String> other = send(create("Bearer other-dock", 10, TusServerTest.metadata(null)));
        assertThat(other.statusCode()).isEqualTo(201);
        // finishing or terminating frees the places
        assertThat(send(patch(a, 0, new byte[1 << 20])).statusCode()).isEqualTo(204);
        assertThat(send(req(b).header("Authorization", DOCK).DELETE()).statusCode()).isEqualTo(204);
        created(1 << 20);
        created(10);
    }

    @Test
    void perRequestChecksumMismatchIs460AndDiscardsTheChunk() throws Exception {
        String loc = created(10);
        byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
        String wrong = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest("other".getBytes()));
        assertError(send(patch(loc, 0, body).header("Upload-Checksum", "sha1 " + wrong)), 460, "checksum_mismatch");
        String right = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(body));
        HttpResponse<String> ok = send(patch(loc, 0, body).header("Upload-Checksum", "sha1 " + right));
        assertThat(ok.statusCode()).isEqualTo(204);
        assertThat(ok.headers().firstValue("Upload-Offset")).hasValue("5");
        assertError(send(patch(loc, 5, body).header("Upload-Checksum", "md5 AAAA")), 400,
                "unsupported_checksum_algorithm");
    }

    @Test
    void methodOverrideTurnsPostIntoPatchAndCompletionNamesTheSegment() throws Exception {
        String loc = created(3);
        HttpResponse<String> r = send(req(loc).header("Authorization", DOCK).header("Upload-Offset", "0")
                .header("X-HTTP-Method-Override", "PATCH").header("Content-Type", "application/offset+octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3})));
        assertThat(r.statusCode()).isEqualTo(204);
        String segment = r.headers().firstValue("Camvault-Segment").orElseThrow();
        HttpResponse<String> head = send(req(loc).header("Authorization", DOCK)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(head.headers().firstValue("Camvault-Segment")).hasValue(segment);
        assertThat(head.headers().firstValue("Upload-Offset")).hasValue("3");
        assertError(send(req(loc).header("Authorization", DOCK).DELETE()), 403, "upload_committed");
    }

    @Test
    void terminationByCreatorOnlyThen404() throws Exception {
        String loc = created(10);
        assertError(send(req(loc).header("Authorization", "Bearer other-dock").DELETE()), 403, "forbidden");
        assertThat(send(req(loc).header("Authorization", DOCK).DELETE()).statusCode()).isEqualTo(204);
        assertError(send(patch(loc, 0, new byte[1])), 404, "not_found");
        assertThat(backend.uploadRecords()).isZero();
    }

    @Test
    void expiredUploadsAre410AndRemovedByExpire() throws Exception {
        String loc = created(10);
        assertThat(server.uploads().expire(java.time.Instant.now().plus(java.time.Duration.ofDays(8)))).isEqualTo(1);
        assertError(send(patch(loc, 0, new byte[1])), 404, "not_found");
        assertThat(backend.uploadRecords()).isZero();
    }

    @Test
    void creationWithUploadAndConcatenation() throws Exception {
        HttpResponse<String> a = send(req("/files/").header("Authorization", DOCK).header("Upload-Length", "3")
                .header("Upload-Concat", "partial").header("Content-Type", "application/offset+octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3})));
        assertThat(a.statusCode()).isEqualTo(201);
        assertThat(a.headers().firstValue("Upload-Offset")).hasValue("3");
        HttpResponse<String> b = send(req("/files/").header("Authorization", DOCK).header("Upload-Length", "2")
                .header("Upload-Concat", "partial").header("Content-Type", "application/offset+octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {4, 5})));
        String la = a.headers().firstValue("Location").orElseThrow();
        String lb = b.headers().firstValue("Location").orElseThrow();
        byte[] whole = {1, 2, 3, 4, 5};
        String sha = java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(whole));
        HttpResponse<String> fin = send(req("/files/").header("Authorization", DOCK)
                .header("Upload-Concat", "final;" + la + " " + lb)
                .header("Upload-Metadata", UploadMetadata.render(TusServerTest.metadata(sha)))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(fin.statusCode()).isEqualTo(201);
        assertThat(fin.headers().firstValue("Camvault-Segment")).isPresent();
        assertThat(backend.segments()).singleElement().satisfies(s -> assertThat(s.size()).isEqualTo(5));
        assertError(send(patch(fin.headers().firstValue("Location").orElseThrow(), 5, new byte[0])), 403,
                "final_upload_immutable");
    }

    @Test
    void unknownUploadIs404() throws Exception {
        assertError(send(patch("/files/0123456789abcdef0123456789abcdef", 0, new byte[1])), 404, "not_found");
        assertError(send(patch("/files/nope", 0, new byte[1])), 404, "not_found");
    }
}
