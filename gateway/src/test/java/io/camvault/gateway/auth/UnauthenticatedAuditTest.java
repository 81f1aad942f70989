package io.camvault.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.camvault.gateway.GatewayConfig;
import io.camvault.gateway.GatewayServer;
import io.camvault.gateway.backend.InMemoryBackend;
import io.camvault.vault.audit.AuditEntry;
import io.camvault.vault.audit.Outcome;
import io.camvault.vault.model.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests without a valid token cannot make the daemon write what and as much as they like. */
class UnauthenticatedAuditTest {
    @TempDir
    Path dir;

    /**
     * Issue 16: 200 unauthenticated requests with a 3,900-character subject made 200 synced audit events
     * of that size. Now: subjects are bounded, one event per source and minute plus one summary that
     * counts the rest, so the record that they happened is kept.
     */
    @Test
    void unauthenticatedRequestsAreAFreeAuditWriteAmplifier() throws Exception {
        InMemoryBackend backend = new InMemoryBackend(dir, Clock.systemUTC());
        backend.addToken("clerk-token", "clerk-1", Role.CLERK, null);
        GatewayServer server = GatewayServer.start(GatewayConfig.builder().port(0).host("127.0.0.1").build(), backend,
                () -> 100L << 30);
        HttpClient http = HttpClient.newHttpClient();
        String longId = "x".repeat(3900);
        int sent = 0;
        try {
            Instant start = Instant.now();
            for (int i = 0; i < 200; i++) {
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                        + "/api/v1/segments/" + longId)).GET();
                if (i % 2 == 1) {
                    b.header("Authorization", "Bearer cv_wrong");
                }
                HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(401);
                sent++;
            }
            boolean sameMinute = Instant.now().getEpochSecond() / 60 == start.getEpochSecond() / 60;
            assertThat(denials(backend).size()).isLessThanOrEqualTo(sameMinute ? 1 : 3);
        } finally {
            server.close();
        }
        List<AuditEntry> denied = denials(backend);
        long recorded = 0;
        for (AuditEntry e : denied) {
            assertThat(e.subject().length()).isLessThanOrEqualTo(AuditEntry.MAX_SUBJECT);
            assertThat(e.details().get("source")).isEqualTo("127.0.0.1");
            recorded += e.action().equals(UnauthenticatedDenials.REPEATED) ? Long.parseLong(e.details().get("count")) : 1;
        }
        assertThat(recorded).as("every refusal is counted").isEqualTo(sent);
        assertThat(denied).anyMatch(e -> e.action().equals(UnauthenticatedDenials.REPEATED)
                && e.details().get("actions").equals("segment.get"));
        assertThat(denied.size()).isLessThanOrEqualTo(4);
    }

    @Test
    void aLongSubjectKeepsItsStartAndItsLength() {
        AuditEntry e = AuditEntry.denied("anonymous", "segment.get", "segment:" + "y".repeat(3900), "x");
        assertThat(e.subject()).startsWith("segment:yyyy").endsWith("...(3908 chars)");
        assertThat(e.subject().length()).isLessThanOrEqualTo(AuditEntry.MAX_SUBJECT);
        assertThat(AuditEntry.denied("a", "b", "segment:abc", "x").subject()).isEqualTo("segment:abc");
    }

    @Test
    void summariesComePerSourceOnceTheMinuteIsOver() {
        UnauthenticatedDenials d = new UnauthenticatedDenials();
        Instant t = Instant.parse("2026-12-07T10:00:05Z");
        AuditEntry refusal = AuditEntry.denied("anonymous", "audit.read", "audit", "missing bearer token");
        assertThat(d.note("10.0.0.1", t, refusal)).hasSize(1);
        assertThat(d.note("10.0.0.1", t.plusSeconds(10), refusal)).isEmpty();
        assertThat(d.note("10.0.0.2", t.plusSeconds(10), refusal)).hasSize(1);
        assertThat(d.drain(t.plusSeconds(20))).isEmpty();
        List<AuditEntry> next = d.note("10.0.0.1", t.plusSeconds(60), refusal);
        assertThat(next).hasSize(2);
        assertThat(next.get(0).action()).isEqualTo(UnauthenticatedDenials.REPEATED);
        assertThat(next.get(0).details()).containsEntry("count", "1").containsEntry("minute", "2026-12-07T10:00:00Z");
        assertThat(next.get(0).outcome()).isEqualTo(Outcome.DENIED);
        assertThat(d.drain(t.plusSeconds(120))).isEmpty(); // 10.0.0.2 had only its first, recorded at once
    }

    private static List<AuditEntry> denials(InMemoryBackend backend) {
        return backend.audit.stream().filter(e -> e.outcome() == Outcome.DENIED).toList();
    }
}
