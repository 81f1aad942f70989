package io.camvault.gateway.tus;

import static org.assertj.core.api.Assertions.assertThat;

import io.camvault.gateway.GatewayConfig;
import io.camvault.gateway.GatewayServer;
import io.camvault.gateway.backend.InMemoryBackend;
import io.camvault.gateway.protocol.UploadMetadata;
import io.camvault.vault.model.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Creation writes the upload record without waiting for the disk; every answer that acknowledges
 * bytes must come after the record is durable. {@link InMemoryBackend#notYetDurable} counts the
 * writes a power cut would still lose.
 */
class UploadRecordDurabilityTest {
    static final String DOCK = "Bearer dock-token";
    @TempDir
    Path dir;
    InMemoryBackend backend;
    GatewayServer server;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        backend = new InMemoryBackend(dir, Clock.systemUTC());
        backend.addToken("dock-token", "dock-7", Role.DOCK, null);
        server = GatewayServer.start(GatewayConfig.builder().port(0).host("127.0.0.1").build(), backend,
                () -> 100L << 30);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.header("Tus-Resumable", "1.0.0").build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder req(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Authorization", DOCK);
    }

    String create(long length) throws Exception {
        HttpResponse<String> r = send(req("/files/").header("Upload-Length", Long.toString(length))
                .header("Upload-Metadata", UploadMetadata.render(TusServerTest.metadata(null)))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(r.statusCode()).isEqualTo(201);
        return r.headers().firstValue("Location").orElseThrow();
    }

    HttpResponse<String> patch(String location, long offset, byte[] body) throws Exception {
        return send(req(location).header("Upload-Offset", Long.toString(offset))
                .header("Content-Type", "application/offset+octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    @Test
    void creationDoesNotWaitForTheDiskButAnAcknowledgedOffsetDoes() throws Exception {
        String loc = create(10);
        assertThat(backend.notYetDurable.get()).as("the 201 did not sync the record").isEqualTo(1);

        HttpResponse<String> half = patch(loc, 0, new byte[] {1, 2, 3, 4, 5});
        assertThat(half.statusCode()).isEqualTo(204);
        assertThat(half.headers().firstValue("Upload-Offset")).hasValue("5");
        assertThat(backend.notYetDurable.get()).as("the 204 with an offset came after the record was durable")
                .isZero();

        assertThat(patch(loc, 5, new byte[] {6, 7, 8, 9, 10}).statusCode()).isEqualTo(204);
        assertThat(backend.notYetDurable.get()).isZero();
    }

    @Test
    void aWholeFileInOnePatchIsCoveredByItsSyncedCommit() throws Exception {
        String loc = create(4);
        HttpResponse<String> done = patch(loc, 0, new byte[] {1, 2, 3, 4});
        assertThat(done.statusCode()).isEqualTo(204);
        assertThat(backend.notYetDurable.get()).isZero();
        assertThat(backend.uploadRecords()).isEqualTo(1);
    }

    @Test
    void orphanPartFilesGoOnceOlderThanTheExpiryAndLiveOnesStay() throws Exception {
        String loc = create(10);
        assertThat(patch(loc, 0, new byte[] {1, 2, 3}).statusCode()).isEqualTo(204);
        Path uploads = backend.uploadsDir();
        Instant longAgo = Instant.now().minus(Duration.ofDays(30));
        Path liveId = uploads.resolve(loc.substring(loc.lastIndexOf('/') + 1) + ".part");
        Files.setLastModifiedTime(liveId, FileTime.from(longAgo));
        Path oldOrphan = Files.write(uploads.resolve("0123456789abcdef0123456789abcdef.part"), new byte[] {9});
        Files.setLastModifiedTime(oldOrphan, FileTime.from(longAgo));
        Path freshOrphan = Files.write(uploads.resolve("fedcba9876543210fedcba9876543210.part"), new byte[] {9});

        assertThat(server.uploads().expire(Instant.now())).as("one orphan removed, no record expired").isEqualTo(1);

        assertThat(oldOrphan).doesNotExist();
        assertThat(freshOrphan).as("may be a creation in progress").exists();
        assertThat(liveId).as("has a record").exists();
        assertThat(patch(loc, 3, new byte[] {4}).statusCode()).isEqualTo(204);
    }
}
