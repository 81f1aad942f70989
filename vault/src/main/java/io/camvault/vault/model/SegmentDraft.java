package io.camvault.vault.model;

import java.time.Instant;

/**
 * What an uploader tells us about an original; the vault adds id, ingest time, retention and the
 * lateness decision.
 *
 * @param officerName the officer's name as the dock read it from the recorder, or null
 * @param unitName    the unit's name, or null (codes stay the keys; names are what people read)
 */
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
        String uploadedBy,
        String officerName,
        String unitName) {

    /** A draft without officer and unit names. */
    public SegmentDraft(String sm3, String originalName, String recorderSerial, String officerBadge, String unitCode,
            Instant recordedStart, Instant recordedEnd, long clockDriftMs, String stationId, Trigger trigger,
            String uploadedBy) {
        this(sm3, originalName, recorderSerial, officerBadge, unitCode, recordedStart, recordedEnd, clockDriftMs,
                stationId, trigger, uploadedBy, null, null);
    }
}
