package io.camvault.vault.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class AuditOriginTest {
    @Test
    void entriesRecordedInAScopeCarryItsOriginAndTheirOwnDetailsWin() {
        AuditEntry e = AuditEntry.success("p_1", "segment.view", "segment:x", Map.of("what", "detail", "client_address", "mine"));
        assertThat(AuditOrigin.annotate(e)).isSameAs(e);
        try (AuditOrigin.Scope s = AuditOrigin.open(Map.of("client_address", "198.51.100.1", "peer_address", "10.0.0.2"))) {
            AuditEntry a = AuditOrigin.annotate(e);
            assertThat(a.details()).containsEntry("what", "detail").containsEntry("peer_address", "10.0.0.2")
                    .containsEntry("client_address", "mine");
            assertThat(a.actor()).isEqualTo("p_1");
        }
        assertThat(AuditOrigin.current()).isEmpty();
    }

    @Test
    void scopesNestAndWorkHandedToAnotherThreadKeepsItsOrigin() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (AuditOrigin.Scope outer = AuditOrigin.open(Map.of("peer_address", "a"))) {
            try (AuditOrigin.Scope inner = AuditOrigin.open(Map.of("peer_address", "b"))) {
                CompletableFuture<Map<String, String>> seen = new CompletableFuture<>();
                pool.execute(AuditOrigin.propagate(() -> seen.complete(AuditOrigin.current())));
                assertThat(seen.get()).containsEntry("peer_address", "b");
            }
            assertThat(AuditOrigin.current()).containsEntry("peer_address", "a");
            CompletableFuture<Map<String, String>> after = new CompletableFuture<>();
            pool.execute(() -> after.complete(AuditOrigin.current()));
            assertThat(after.get()).as("a pool thread keeps nothing from an earlier task").isEmpty();
        } finally {
            pool.shutdown();
        }
    }
}
