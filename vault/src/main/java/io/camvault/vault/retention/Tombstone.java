package io.camvault.vault.retention;

import io.camvault.vault.model.Segment;
import io.camvault.vault.model.Sha256;
import java.time.Instant;

/**
 * What stays, forever, of a purged original: its digest and size, the segment record as it was
 * when purged (officer, recorder, times, retention), why it went and when.
 */
public record Tombstone(Sha256 sha256, long size, Segment segment, String reason, Instant purgedAt,
        Instant queuedAt) {
}
