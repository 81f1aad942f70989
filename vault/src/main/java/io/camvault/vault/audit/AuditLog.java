package io.camvault.vault.audit;

import io.camvault.vault.kv.KvBatch;
import io.camvault.vault.kv.KvStore;
import java.time.Clock;
import java.util.List;
import java.util.function.Predicate;

/**
 * SHELL — to be implemented. The append-only audit chain over a {@link KvStore}. Appends are
 * staged into a caller's batch and only become the chain head once that batch is written, so an
 * audit event commits together with the change it describes.
 */
public final class AuditLog {

    public AuditLog(KvStore kv, Clock clock) {
    }

    /**
     * Stages the next events of the chain into {@code batch}. The caller must hold the vault's
     * write lock, write the batch, then call {@link #advance(List)} with the returned events.
     */
    public List<AuditEvent> stage(KvBatch batch, List<AuditEntry> entries) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Moves the in-memory head after the batch holding {@code written} was committed. */
    public void advance(List<AuditEvent> written) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Events in sequence order starting at {@code fromSeq}, until the visitor says stop. */
    public void forEach(long fromSeq, Predicate<AuditEvent> visitor) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Events about one subject, in sequence order. */
    public List<AuditEvent> bySubject(String subject, int limit) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Walks the whole chain; reports the first broken link, if any. */
    public AuditVerification verify() {
        throw new UnsupportedOperationException("not yet");
    }
}
