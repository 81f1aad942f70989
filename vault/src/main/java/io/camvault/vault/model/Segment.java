package io.camvault.vault.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One original recording file and what is known about it. The bytes themselves live in the
 * object store under {@link #sha256()}; this record is never used to change them.
 *
 * @param recordedStart  start by the recorder's clock (as the device reported it)
 * @param recordedEnd    end as the uploader declared it (a dock's is the file's modification time): what
 *                       retention and lateness were decided from at commit, never shown as the recording's
 *                       end; the end people read is {@link #knownEnd()}
 * @param clockDriftMs   device clock minus dock clock, measured when the dock synchronised it
 * @param ingestedAt     when the gateway committed the original (gateway clock)
 * @param retainUntil    earliest instant the retention job may purge; {@code null} means permanent
 * @param caseIds        cases the segment is currently linked to
 * @param officerName    the officer's name as the dock read it from the recorder; null when not given
 *                       (the badge stays the key)
 * @param unitName       the unit's name as given at upload; null when not given (the unit code stays the key)
 * @param durationMillis the media duration the probe found (0 for a photo); null while unknown (not probed
 *                       yet, or not readable as media): an unknown duration never enters a figure
 * @param late           whether the original reached the vault later than the late-upload threshold after
 *                       its declared end, decided once at commit; null only for segments committed before
 *                       that decision was made at commit, until the vault decides them at its next start
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
        List<String> caseIds,
        String officerName,
        String unitName,
        Long durationMillis,
        Boolean late) {

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
        if (durationMillis != null && durationMillis < 0) {
            throw new IllegalArgumentException("duration must not be negative");
        }
    }

    /** A segment without names, duration or lateness decision (records of earlier releases, tests). */
    public Segment(SegmentId id, Sha256 sha256, String sm3, long size, String originalName, MediaKind mediaKind,
            String recorderSerial, String officerBadge, String unitCode, Instant recordedStart, Instant recordedEnd,
            long clockDriftMs, Instant ingestedAt, String stationId, Trigger trigger, String uploadedBy,
            RetentionClass retentionClass, Instant retainUntil, List<Hold> holds, List<String> caseIds) {
        this(id, sha256, sm3, size, originalName, mediaKind, recorderSerial, officerBadge, unitCode, recordedStart,
                recordedEnd, clockDriftMs, ingestedAt, stationId, trigger, uploadedBy, retentionClass, retainUntil,
                holds, caseIds, null, null, null, null);
    }

    /** The probed duration, empty while unknown. */
    public Optional<Duration> duration() {
        return durationMillis == null ? Optional.empty() : Optional.of(Duration.ofMillis(durationMillis));
    }

    /** The recording's end from its probed duration; empty while the duration is unknown. */
    public Optional<Instant> knownEnd() {
        return duration().map(recordedStart::plus);
    }

    public boolean permanent() {
        return retainUntil == null;
    }

    public Segment withRetention(RetentionClass cls, Instant until) {
        return new Segment(id, sha256, sm3, size, originalName, mediaKind, recorderSerial, officerBadge, unitCode,
                recordedStart, recordedEnd, clockDriftMs, ingestedAt, stationId, trigger, uploadedBy, cls, until,
                holds, caseIds, officerName, unitName, durationMillis, late);
    }

    public Segment withHolds(List<Hold> newHolds) {
        return new Segment(id, sha256, sm3, size, originalName, mediaKind, recorderSerial, officerBadge, unitCode,
                recordedStart, recordedEnd, clockDriftMs, ingestedAt, stationId, trigger, uploadedBy, retentionClass,
                retainUntil, newHolds, caseIds, officerName, unitName, durationMillis, late);
    }

    public Segment withCaseIds(List<String> newCaseIds) {
        return new Segment(id, sha256, sm3, size, originalName, mediaKind, recorderSerial, officerBadge, unitCode,
                recordedStart, recordedEnd, clockDriftMs, ingestedAt, stationId, trigger, uploadedBy, retentionClass,
                retainUntil, holds, newCaseIds, officerName, unitName, durationMillis, late);
    }

    /** The same segment with the duration the probe found ({@code null}: still unknown). */
    public Segment withDuration(Long millis) {
        return new Segment(id, sha256, sm3, size, originalName, mediaKind, recorderSerial, officerBadge, unitCode,
                recordedStart, recordedEnd, clockDriftMs, ingestedAt, stationId, trigger, uploadedBy, retentionClass,
                retainUntil, holds, caseIds, officerName, unitName, millis, late);
    }

    /** The same segment with its lateness decided. */
    public Segment withLate(boolean isLate) {
        return new Segment(id, sha256, sm3, size, originalName, mediaKind, recorderSerial, officerBadge, unitCode,
                recordedStart, recordedEnd, clockDriftMs, ingestedAt, stationId, trigger, uploadedBy, retentionClass,
                retainUntil, holds, caseIds, officerName, unitName, durationMillis, isLate);
    }
}
