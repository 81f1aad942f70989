package io.camvault.vault.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One original recording file and what is known about it. The bytes themselves live in the
 * object store under {@link #sha256()}; this record is never used to change them.
 *
 * @param recordedStart start by the recorder's clock (as the device reported it)
 * @param clockDriftMs  device clock minus dock clock, measured when the dock synchronised it
 * @param ingestedAt    when the gateway committed the original (gateway clock)
 * @param retainUntil   earliest instant the retention job may purge; {@code null} means permanent
 * @param caseIds       cases the segment is currently linked to
 */
public record Segment(
        SegmentId id,
        Sha256 sha256,
        String sm3,
        long size,
        String originalName,
        MediaKind mediaKind,
        String recorderSerial,
        String officerBadge,
        String unitCode,
        Instant recordedStart,
        Instant recordedEnd,
        long clockDriftMs,
        Instant ingestedAt,
        String stationId,
        Trigger trigger,
        String uploadedBy,
        RetentionClass retentionClass,
        Instant retainUntil,
        List<Hold> holds,
        List<String> caseIds) {

    public Segment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(recordedStart, "recordedStart");
        Objects.requireNonNull(recordedEnd, "recordedEnd");
        Objects.requireNonNull(ingestedAt, "ingestedAt");
        Objects.requireNonNull(retentionClass, "retentionClass");
        holds = holds == null ? List.of() : List.copyOf(holds);
        caseIds = caseIds == null ? List.of() : List.copyOf(caseIds);
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
    }

    public boolean permanent() {
        return retainUntil == null;
    }

    public Segment withRetention(RetentionClass cls, Instant until) {
        return new Segment(id, sha256, sm3, size, originalName, mediaKind, recorderSerial, officerBadge, unitCode,
                recordedStart, recordedEnd, clockDriftMs, ingestedAt, stationId, trigger, uploadedBy, cls, until,
                holds, caseIds);
    }

    public Segment withHolds(List<Hold> newHolds) {
        return new Segment(id, sha256, sm3, size, originalName, mediaKind, recorderSerial, officerBadge, unitCode,
                recordedStart, recordedEnd, clockDriftMs, ingestedAt, stationId, trigger, uploadedBy, retentionClass,
                retainUntil, newHolds, caseIds);
    }

    public Segment withCaseIds(List<String> newCaseIds) {
        return new Segment(id, sha256, sm3, size, originalName, mediaKind, recorderSerial, officerBadge, unitCode,
                recordedStart, recordedEnd, clockDriftMs, ingestedAt, stationId, trigger, uploadedBy, retentionClass,
                retainUntil, holds, newCaseIds);
    }
}
