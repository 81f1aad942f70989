package io.camvault.vault.timeliness;

import io.camvault.vault.model.SegmentId;
import java.time.Instant;

/**
 * A segment that reached the vault later than the rule allows after its recording ended.
 *
 * @param year     statistics year of the recording (its start, in the configured statistics zone)
 * @param delayMs  ingest time minus recording end
 */
public record LateUpload(SegmentId segmentId, int year, String unitCode, String officerBadge, String recorderSerial,
        Instant recordedEnd, Instant ingestedAt, long delayMs) {
}
