package io.camvault.vault.retention;

import io.camvault.vault.model.RetentionClass;
import io.camvault.vault.model.Segment;
import java.time.Instant;
import java.util.Objects;

/**
 * What the rules say about one segment at one instant.
 *
 * @param retainUntil null: permanent
 * @param purgeable   expired and nothing protects it (no hold, no open or held or major case, not marked)
 * @param reason      why, in words, for logs and audit details
 */
public record Decision(RetentionClass retentionClass, Instant retainUntil, boolean purgeable, String reason) {
    public Decision {
        Objects.requireNonNull(retentionClass, "retentionClass");
        Objects.requireNonNull(reason, "reason");
    }

    /** Whether applying this decision changes the stored class or retain-until of {@code s}. */
    public boolean changes(Segment s) {
        return s.retentionClass() != retentionClass || !Objects.equals(s.retainUntil(), retainUntil);
    }

    public Segment applyTo(Segment s) {
        return changes(s) ? s.withRetention(retentionClass, retainUntil) : s;
    }
}
