package io.camvault.vault.retention;

import io.camvault.vault.model.SegmentId;
import io.camvault.vault.model.Sha256;
import java.time.Instant;

/** A segment the sweep found expired; purged at {@code dueAt} unless something protects it by then. */
public record PendingDeletion(SegmentId segmentId, Sha256 sha256, Instant queuedAt, Instant dueAt, String reason) {
}
