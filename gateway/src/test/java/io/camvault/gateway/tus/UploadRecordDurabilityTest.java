package io.camvault.gateway.tus;

import static org.assertj.core.api.Assertions.assertThat;

import io.camvault.gateway.GatewayConfig;
import io.camvault.gateway.GatewayServer;
import io.camvault.gateway.backend.InMemoryBackend;
import io.camvault.vault.model.Role;
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
    @TempDir
    Path dir;
    InMemoryBackend backend;
    GatewayServer server;
    TusHttp tus;

    @BeforeEach
    void start() {
        backend = new InMemoryBackend(dir, Clock.systemUTC());
        backend.addToken("dock-token", "dock-7", Role.DOCK, null);
        server = GatewayServer.start(GatewayConfig.builder().port(0).host("127.0.0.1").build(), backend,
                () -> 100L << 30);
        tus = new TusHttp(() -> server.port(), "dock-token");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    String create(long length) throws Exception {
        return tus.create(length);
    }

    HttpResponse<String> patch(String location, long offset, byte[] body) throws Exception {
        return tus.patch(location, offset, body);
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
