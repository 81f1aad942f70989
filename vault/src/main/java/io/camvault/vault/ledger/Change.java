package io.camvault.vault.ledger;

import io.camvault.vault.audit.AuditEntry;
import java.util.List;

/**
 * What a staged change answers: its result for the caller and the audit entries that describe it,
 * appended in the same batch.
 */
public record Change<T>(T result, List<AuditEntry> audit) {

    public Change {
        audit = List.copyOf(audit);
    }

    public static <T> Change<T> of(T result, List<AuditEntry> audit) {
        return new Change<>(result, audit);
    }

    public static <T> Change<T> of(T result, AuditEntry... audit) {
        return new Change<>(result, List.of(audit));
    }

    /** A change with nothing to answer. */
    public static Change<Void> audited(List<AuditEntry> audit) {
        return new Change<>(null, audit);
    }
}
