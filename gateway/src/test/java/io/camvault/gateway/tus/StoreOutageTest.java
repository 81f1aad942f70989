package io.camvault.gateway.tus;

import static org.assertj.core.api.Assertions.assertThat;

import io.camvault.gateway.GatewayConfig;
import io.camvault.gateway.GatewayServer;
import io.camvault.gateway.backend.InMemoryBackend;
import io.camvault.vault.VaultException;
import io.camvault.vault.model.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The object store goes away (RGW down, an OSD down and RGW hanging until the SDK's timeout): the
 * final PATCH is answered 503 with Retry-After and every byte is kept; /readyz says why; /metrics
 * shows the backlog and the failures; the client's retry commits exactly once, and what no client
 * comes back for is committed by the gateway itself once the store answers again.
 */
class StoreOutageTest {
    static final String DOCK = "dock-token";
    @TempDir
    Path dir;
    InMemoryBackend backend;
    GatewayServer server;
    TusHttp tus;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        backend = new InMemoryBackend(dir, Clock.systemUTC());
        backend.addToken(DOCK, "dock-7", Role.DOCK, null);
        server = GatewayServer.start(GatewayConfig.builder().port(0).host("127.0.0.1").diskReserve(0)
                .overloadRetryAfter(Duration.ofSeconds(1)).build(), backend, () -> Long.MAX_VALUE / 4);
        tus = new TusHttp(() -> server.port(), DOCK);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theFinalPatchIs503RetryAfterTheBytesAreKeptAndTheRetryCommitsOnce() throws Exception {
        Path src = file(250_000, 21);
        backend.storeDown = "rgw did not answer";
        backend.failNextCommit = new VaultException(VaultException.Kind.UNAVAILABLE, "the store cannot be reached");
        String location = tus.create(Files.size(src));

        HttpResponse<String> last = tus.patch(location, src);

        assertThat(last.statusCode()).isEqualTo(503);
        assertThat(last.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(last.body()).contains("\"error\":\"store_unavailable\"");
        assertThat(backend.segments()).isEmpty();
        String metrics = get("/metrics").body();
        assertThat(metrics).contains("camvault_store_backlog_uploads 1\n")
                .contains("camvault_store_backlog_bytes " + Files.size(src) + "\n")
                .contains("camvault_store_failures_total 1\n");
        HttpResponse<String> ready = get("/readyz");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("\"error\":\"store_unavailable\"").contains("1 complete upload(s) wait");
        assertThat(ready.body()).as("the store's own words stay in the log").doesNotContain("rgw did not answer");

        backend.storeDown = null; // back; the client retries as tus clients do: HEAD, offset == length
        HttpResponse<String> head = tus.head(location);

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Upload-Offset")).hasValue(Long.toString(Files.size(src)));
        assertThat(backend.segments()).singleElement()
                .satisfies(s -> assertThat(s.sha256().hex()).isEqualTo(TusServerTest.sha256(src)));
        assertThat(tus.head(location).statusCode()).isEqualTo(200);
        assertThat(tus.patch(location, Files.size(src), new byte[0]).statusCode()).isIn(204, 403);
        assertThat(backend.segments()).as("committed exactly once").hasSize(1);
        assertThat(get("/metrics").body()).contains("camvault_store_backlog_uploads 0\n")
                .contains("camvault_store_backlog_bytes 0\n");
        assertThat(get("/readyz").statusCode()).isEqualTo(200);
    }

    @Test
    void whatNoClientComesBackForIsCommittedWhenTheStoreAnswersAgain() throws Exception {
        Path src = file(90_000, 22);
        backend.storeDown = "rgw did not answer";
        backend.failNextCommit = new VaultException(VaultException.Kind.UNAVAILABLE, "the store cannot be reached");
        String location = tus.create(Files.size(src));
        assertThat(tus.patch(location, src).statusCode()).isEqualTo(503);

        Thread.sleep(2_500); // two drain ticks while the store is still away: nothing is tried
        assertThat(backend.segments()).isEmpty();
        assertThat(get("/metrics").body()).contains("camvault_store_backlog_uploads 1\n");

        backend.storeDown = null;
        for (int i = 0; i < 100 && backend.segments().isEmpty(); i++) {
            Thread.sleep(50);
        }
        assertThat(backend.segments()).as("committed by the gateway, no client asked").singleElement()
                .satisfies(s -> assertThat(s.sha256().hex()).isEqualTo(TusServerTest.sha256(src)));
        assertThat(get("/metrics").body()).contains("camvault_store_backlog_uploads 0\n");
        assertThat(tus.head(location).headers().firstValue("Camvault-Segment"))
                .hasValue(backend.segments().get(0).id().toString());
    }

    @Test
    void readyzSaysWhyItIsNotReady() throws Exception {
        assertThat(get("/readyz").statusCode()).isEqualTo(200);
        backend.storeDown = "rgw did not answer";
        HttpResponse<String> store = get("/readyz");
        assertThat(store.statusCode()).isEqualTo(503);
        assertThat(store.body()).contains("store_unavailable").contains("uploads are received and kept");
        backend.storeDown = null;
        backend.open = false;
        HttpResponse<String> closed = get("/readyz");
        assertThat(closed.statusCode()).isEqualTo(503);
        assertThat(closed.body()).contains("not_ready").contains("the vault is not open");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private Path file(int size, long seed) throws Exception {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        Path p = dir.resolve("src-" + seed);
        Files.write(p, b);
        return p;
    }
}
