package io.camvault.vault.model;

import java.time.Instant;

/** What an uploader tells us about an original; the vault adds id, ingest time and retention. */
public record SegmentDraft(
        String sm3,
        String originalName,
        String recorderSerial,
        String officerBadge,
        String unitCode,
        Instant recordedStart,
        Instant recordedEnd,
        long clockDriftMs,
        String stationId,
        Trigger trigger,
        String uploadedBy) {
}
