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
 * @param legalHold   a protection that can end is in force (a hold on the segment or a linked case, a
 *                    link to an open case, a linked case that cannot be read): a store that enforces
 *                    retention keeps the object under a removable legal hold for it, while the
 *                    retain-until becomes the store's lock, which only grows
 */
public record Decision(RetentionClass retentionClass, Instant retainUntil, boolean purgeable, String reason,
        boolean legalHold) {
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
