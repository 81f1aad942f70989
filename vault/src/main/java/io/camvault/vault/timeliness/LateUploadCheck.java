package io.camvault.vault.timeliness;

import io.camvault.vault.kv.ColumnFamily;
import io.camvault.vault.kv.KvBatch;
import io.camvault.vault.kv.KvStore;
import io.camvault.vault.kv.Keys;
import io.camvault.vault.kv.Records;
import io.camvault.vault.model.Segment;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Whether a segment reached the vault in time (及时移交), decided once, when it is committed: a
 * segment is late when it was ingested more than {@code threshold} after the end its uploader
 * declared. The decision is stored in the segment ({@link Segment#late()}) and, for a late one,
 * as a {@code LATE_UPLOADS} entry keyed year + unit + officer + segment ({@link Keys#lateUploadKey})
 * in the same batch, so a year, a unit or an officer is counted with one prefix scan
 * ({@link #count}). Nothing decides it later, so no figure depends on when a job last ran.
 *
 * @param threshold how long after the declared end an upload is still in time ({@code late-uploads.threshold})
 * @param zone      the zone whose calendar year a recording counts in ({@code display.zone})
 */
public record LateUploadCheck(Duration threshold, ZoneId zone) {

    public LateUploadCheck {
        Objects.requireNonNull(threshold, "threshold");
        Objects.requireNonNull(zone, "zone");
        if (threshold.isNegative() || threshold.isZero()) {
            throw new IllegalArgumentException("late-uploads.threshold must be positive");
        }
    }

    /** Late when ingested more than the threshold after the declared end. */
    public boolean late(Instant declaredEnd, Instant ingestedAt) {
        return Duration.between(declaredEnd, ingestedAt).compareTo(threshold) > 0;
    }

    /** {@code segment} with its lateness decided; a late one's flag is staged into {@code batch}. */
    public Segment decide(KvBatch batch, Segment segment) {
        Segment decided = decide(segment);
        stageFlag(batch, decided);
        return decided;
    }

    /** {@code segment} with its lateness decided from its declared end and ingest time. */
    public Segment decide(Segment segment) {
        return segment.withLate(late(segment.recordedEnd(), segment.ingestedAt()));
    }

    /** Stages the {@code LATE_UPLOADS} flag of a segment decided late (nothing for one in time). */
    public void stageFlag(KvBatch batch, Segment decided) {
        if (Boolean.TRUE.equals(decided.late())) {
            LateUpload flag = new LateUpload(decided.id(), year(decided), decided.unitCode(), decided.officerBadge(),
                    decided.recorderSerial(), decided.recordedEnd(), decided.ingestedAt(),
                    Duration.between(decided.recordedEnd(), decided.ingestedAt()).toMillis());
            batch.put(ColumnFamily.LATE_UPLOADS, Keys.lateUploadKey(flag.year(), flag.unitCode(), flag.officerBadge(),
                    flag.segmentId()), Records.encode(flag));
        }
    }

    /** The statistics year of a segment: the year its recorded start falls in, in {@link #zone}. */
    public int year(Segment s) {
        return s.recordedStart().atZone(zone).getYear();
    }

    /** Late uploads of one year, optionally of one unit and one of its officers. */
    public static int count(KvStore kv, int year, String unit, String officer) {
        byte[] prefix = Keys.lateUploadPrefix(year, unit, officer);
        int[] n = {0};
        kv.scan(ColumnFamily.LATE_UPLOADS, prefix, Keys.prefixEnd(prefix), (k, v) -> {
            n[0]++;
            return true;
        });
        return n[0];
    }
}
