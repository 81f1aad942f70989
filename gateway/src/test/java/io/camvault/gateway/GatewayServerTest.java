package io.camvault.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.camvault.gateway.backend.InMemoryBackend;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayServerTest {
    @TempDir
    Path dir;
    InMemoryBackend backend;
    AtomicLong free = new AtomicLong(10L << 30);
    GatewayServer server;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        backend = new InMemoryBackend(dir, Clock.systemUTC());
        server = GatewayServer.start(GatewayConfig.builder().port(0).host("127.0.0.1").build(), backend, free::get);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void bindsAnEphemeralPort() {
        assertThat(server.port()).isPositive();
    }

    @Test
    void healthzAnswersOk() throws Exception {
        HttpResponse<String> r = get("/healthz");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("ok\n");
    }

    @Test
    void readyzFollowsFreeSpaceAndVaultState() throws Exception {
        assertThat(get("/readyz").statusCode()).isEqualTo(200);
        free.set(GatewayConfig.GIB - 1);
        HttpResponse<String> low = get("/readyz");
        assertThat(low.statusCode()).isEqualTo(503);
        assertThat(low.body()).contains("\"error\":\"not_ready\"");
        free.set(10L << 30);
        assertThat(get("/readyz").statusCode()).isEqualTo(200);
        backend.open = false;
        assertThat(get("/readyz").statusCode()).isEqualTo(503);
    }

    @Test
    void unknownPathIsJson404() throws Exception {
        HttpResponse<String> r = get("/nope");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(r.body()).isEqualTo("{\"error\":\"not_found\",\"message\":\"no such resource\"}");
    }

    @Test
    void metricsReportMediaDeferralOnceTheDaemonWiresIt() throws Exception {
        assertThat(get("/metrics").body()).doesNotContain("camvault_media_deferred_seconds_total");
        server.metrics().mediaDeferred(() -> 1_500_000_000L);
        assertThat(get("/metrics").body()).contains("camvault_media_deferred_seconds_total 1.5\n");
    }

    @Test
    void ingestActivityStartsQuiet() {
        assertThat(server.ingestActivity().activeUploads()).isZero();
        assertThat(server.ingestActivity().bytesReceived()).isZero();
    }

    @Test
    void keepAliveServesManyRequestsOnOneConnection() throws Exception {
        for (int i = 0; i < 50; i++) {
            assertThat(get("/healthz").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void countersKeptOutsideTheGatewayAreExported() throws Exception {
        AtomicLong failures = new AtomicLong();
        server.metrics().counter("camvault_fixity_failures_total", "Originals whose bytes no longer matched.", failures::get);
        assertThat(get("/metrics").body()).contains("# TYPE camvault_fixity_failures_total counter\n")
                .contains("camvault_fixity_failures_total 0\n");
        failures.set(3);
        assertThat(get("/metrics").body()).contains("camvault_fixity_failures_total 3\n");
    }

    @Test
    void closeStopsListeningAndASecondCloseIsHarmless() throws Exception {
        int port = server.port();
        server.close();
        assertThat(canConnect(port)).as("the port is released by the first close").isFalse();
        org.assertj.core.api.Assertions.assertThatCode(server::close).doesNotThrowAnyException();
        // the port can be bound again at once: nothing of the first server holds it
        server = GatewayServer.start(GatewayConfig.builder().port(port).host("127.0.0.1").build(), backend, free::get);
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
    }

    private static boolean canConnect(int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
