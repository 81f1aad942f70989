package io.camvault.gateway.tus;

import static org.assertj.core.api.Assertions.assertThat;

import io.camvault.gateway.GatewayConfig;
import io.camvault.gateway.GatewayServer;
import io.camvault.gateway.backend.InMemoryBackend;
import io.camvault.vault.VaultException;
import io.camvault.vault.model.Role;
import io.tus.java.client.TusClient;
import io.tus.java.client.TusURLMemoryStore;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upload whose every byte is on disk but whose commit never answered (the disk was full, the
 * daemon stopped mid-commit). tus clients resuming it see {@code Upload-Offset == Upload-Length}
 * and call it done without another request, so the daemon commits it itself: on that HEAD, at
 * start-up and before expiring uploads. Before this, such an upload stayed uncommitted until it
 * expired and was deleted, while the client believed it stored.
 */
class UnansweredCommitTest {
    static final String DOCK = "dock-token";
    @TempDir
    Path dir;
    InMemoryBackend backend;
    GatewayServer server;
    TusHttp tus;

    @BeforeEach
    void start() {
        backend = new InMemoryBackend(dir, Clock.systemUTC());
        backend.addToken(DOCK, "dock-7", Role.DOCK, null);
        server = startServer();
        tus = new TusHttp(() -> server.port(), DOCK);
    }

    private GatewayServer startServer() {
        return GatewayServer.start(GatewayConfig.builder().port(0).host("127.0.0.1").diskReserve(0).build(),
                backend, () -> Long.MAX_VALUE / 4);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /**
     * tus-js-client 4.x resumes with one HEAD and, when {@code Upload-Offset == Upload-Length},
     * reports success without another request (its {@code _resumeUpload}). That HEAD must
     * therefore only say so once the upload is committed.
     */
    @Test
    void theHeadThatSaysAllBytesAreInCommitsFirst() throws Exception {
        Path src = file(300_000, 11);
        String location = uploadWhoseCommitFails(src, VaultException.Kind.NO_SPACE, 507);
        assertThat(backend.segments()).isEmpty();

        HttpResponse<String> head = head(location);

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Upload-Offset")).hasValue(Long.toString(Files.size(src)));
        assertThat(backend.segments()).as("committed by the HEAD that said offset == length").singleElement()
                .satisfies(s -> assertThat(s.sha256().hex()).isEqualTo(TusServerTest.sha256(src)));
        assertThat(head.headers().firstValue("Camvault-Segment")).hasValue(backend.segments().get(0).id().toString());
    }

    /** tus-java-client sends an empty PATCH at the end instead; that keeps working. */
    @Test
    void tusJavaClientsEmptyPatchStillCommits() throws Exception {
        Path src = file(30_000, 15);
        String location = uploadWhoseCommitFails(src, VaultException.Kind.NO_SPACE, 507);

        TusClient client = new TusClient();
        client.setUploadCreationURL(new URL("http://127.0.0.1:" + server.port() + "/files/"));
        client.setHeaders(Map.of("Authorization", "Bearer " + DOCK));
        TusURLMemoryStore urls = new TusURLMemoryStore();
        urls.set(src.toString(), new URL("http://127.0.0.1:" + server.port() + location));
        client.enableResuming(urls);
        TusUpload upload = new TusUpload(src.toFile());
        upload.setFingerprint(src.toString());
        upload.setMetadata(TusServerTest.metadata(null));
        TusUploader resumed = client.resumeUpload(upload);
        assertThat(resumed.getOffset()).isEqualTo(Files.size(src));
        assertThat(resumed.uploadChunk()).isEqualTo(-1);
        resumed.finish();

        assertThat(backend.segments()).hasSize(1);
    }

    @Test
    void aHeadWhileTheDiskIsStillFullIs507AndCommitsNothing() throws Exception {
        Path src = file(10_000, 12);
        String location = uploadWhoseCommitFails(src, VaultException.Kind.NO_SPACE, 507);

        backend.failNextCommit = new VaultException(VaultException.Kind.NO_SPACE, "still full");
        HttpResponse<String> head = head(location);
        assertThat(head.statusCode()).as("HEAD must not report a finished upload it could not commit").isEqualTo(507);
        assertThat(head.headers().firstValue("Retry-After")).isPresent();
        assertThat(backend.segments()).isEmpty();

        assertThat(head(location).statusCode()).isEqualTo(200);
        assertThat(backend.segments()).hasSize(1);
    }

    @Test
    void aClientThatNeverComesBackStillGetsItsUploadCommitted() throws Exception {
        Path src = file(20_000, 13);
        String location = uploadWhoseCommitFails(src, VaultException.Kind.IO, 500);
        String unfinished = created(5); // bytes still missing: left alone

        assertThat(server.uploads().settleReceived()).isEqualTo(1);

        assertThat(backend.segments()).singleElement()
                .satisfies(s -> assertThat(s.sha256().hex()).isEqualTo(TusServerTest.sha256(src)));
        assertThat(head(location).headers().firstValue("Camvault-Segment")).isPresent();
        assertThat(head(unfinished).headers().firstValue("Upload-Offset")).hasValue("0");
    }

    @Test
    void anUploadHoldingAllItsBytesOutlivesItsExpiryWhileItsCommitKeepsFailing() throws Exception {
        Path src = file(15_000, 16);
        String complete = uploadWhoseCommitFails(src, VaultException.Kind.NO_SPACE, 507);
        String unfinished = created(5);

        backend.failNextCommit = new VaultException(VaultException.Kind.NO_SPACE, "still full");
        int removed = server.uploads().expire(java.time.Instant.now().plus(java.time.Duration.ofDays(8)));

        assertThat(removed).as("only the upload with bytes missing expired").isEqualTo(1);
        assertThat(head(unfinished).statusCode()).isEqualTo(404);
        assertThat(backend.segments()).isEmpty();
        HttpResponse<String> later = head(complete);
        assertThat(later.statusCode()).isEqualTo(200);
        assertThat(later.headers().firstValue("Camvault-Segment")).isPresent();
    }

    /**
     * A commit that stopped right after moving the file into the object store (a crash, a failed
     * index write) leaves no partial file. The upload is finished from the object under the digest
     * it was handed over with, instead of HEAD saying offset 0 and the client sending it all again.
     */
    @Test
    void aCommitThatStoppedAfterTheMoveIsFinishedFromTheObjectStore() throws Exception {
        Path src = file(60_000, 17);
        backend.stopNextCommitAfterMove = true;
        String location = created(Files.size(src));
        assertThat(patch(location, src).statusCode()).isEqualTo(500);
        assertThat(backend.uploadsDir().resolve(location.substring("/files/".length()) + ".part"))
                .as("the file went to the object store").doesNotExist();
        assertThat(backend.segments()).isEmpty();

        HttpResponse<String> head = head(location);

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Upload-Offset")).hasValue(Long.toString(Files.size(src)));
        assertThat(backend.segments()).singleElement()
                .satisfies(s -> assertThat(s.sha256().hex()).isEqualTo(TusServerTest.sha256(src)));
        assertThat(head.headers().firstValue("Camvault-Segment")).hasValue(backend.segments().get(0).id().toString());
    }

    @Test
    void aRestartCommitsWhatTheLastRunLeftComplete() throws Exception {
        Path src = file(40_000, 14);
        String location = uploadWhoseCommitFails(src, VaultException.Kind.IO, 500);
        server.close();

        server = startServer();

        for (int i = 0; i < 100 && backend.segments().isEmpty(); i++) {
            Thread.sleep(50);
        }
        assertThat(backend.segments()).as("committed at start-up, before any client asked").hasSize(1);
        assertThat(head(location).headers().firstValue("Camvault-Segment")).isPresent();
    }

    private Path file(int size, long seed) throws Exception {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        Path p = dir.resolve("src-" + seed);
        Files.write(p, b);
        return p;
    }

    /** Uploads all of {@code src} in one PATCH whose commit fails with {@code kind}, answered with {@code status}. */
    private String uploadWhoseCommitFails(Path src, VaultException.Kind kind, int status) throws Exception {
        backend.failNextCommit = new VaultException(kind, "commit failed: " + kind);
        String location = created(Files.size(src));
        assertThat(patch(location, src).statusCode()).as("the PATCH whose commit failed").isEqualTo(status);
        return location;
    }

    private String created(long length) throws Exception {
        return tus.create(length);
    }

    private HttpResponse<String> patch(String location, Path src) throws Exception {
        return tus.patch(location, src);
    }

    private HttpResponse<String> head(String location) throws Exception {
        return tus.head(location);
    }
}
