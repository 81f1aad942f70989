package io.camvault.vault.timeliness;

import io.camvault.vault.Vault;
import io.camvault.vault.audit.AuditEntry;
import io.camvault.vault.kv.ColumnFamily;
import io.camvault.vault.kv.KvBatch;
import io.camvault.vault.kv.Keys;
import io.camvault.vault.kv.Records;
import io.camvault.vault.model.Segment;
import io.camvault.vault.model.SegmentId;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flags segments ingested more than {@code threshold} after their recording ended, for the yearly
 * report: one {@code LATE_UPLOADS} entry per late segment, keyed year + unit + officer + segment
 * ({@link Keys#lateUploadKey}) so a year, a unit or an officer is counted with one prefix scan
 * ({@link #count}).
 *
 * <p>Segment ids are time-ordered by ingest, so a run scans {@code SEGMENTS} from the cursor
 * ({@code META/late-uploads.cursor}, the latest ingest time seen) minus an overlap that covers
 * commits that took a while, and writes the cursor with each batch of flags. Writing a flag is
 * a put of a fixed key, so rescanning the overlap, or rerunning after a crash, changes nothing.
 */
public final class LateUploadCheck {
    private static final Logger LOG = LoggerFactory.getLogger(LateUploadCheck.class);
    /** Longer than any commit can take between choosing a segment's id and writing it. */
    static final Duration OVERLAP = Duration.ofMinutes(10);
    private static final int BATCH = 500;

    private final Vault vault;
    private final Duration threshold;
    private final ZoneId zone;

    public LateUploadCheck(Vault vault, Duration threshold, ZoneId zone) {
        this.vault = vault;
        this.threshold = threshold;
        this.zone = zone;
    }

    /** Returns how many late segments this run newly flagged. */
    public int run(Instant now) {
        Instant cursor = loadCursor();
        SegmentId from = cursor == null ? null : lowestIdAt(cursor.minus(OVERLAP));
        List<LateUpload> pending = new ArrayList<>();
        Instant[] latest = {cursor};
        int[] flagged = {0};
        vault.segments().forEachFrom(from, s -> {
            if (latest[0] == null || s.ingestedAt().isAfter(latest[0])) {
                latest[0] = s.ingestedAt();
            }
            Duration delay = Duration.between(s.recordedEnd(), s.ingestedAt());
            if (delay.compareTo(threshold) > 0) {
                pending.add(flag(s, delay));
            }
            if (pending.size() >= BATCH) {
                flagged[0] += write(pending, latest[0]);
            }
            return true;
        });
        flagged[0] += write(pending, latest[0]);
        if (flagged[0] > 0) {
            LOG.info("uploads.late_flagged count={} threshold={}", flagged[0], threshold);
        }
        return flagged[0];
    }

    /** Late uploads of one year, optionally of one unit and one of its officers. */
    public static int count(io.camvault.vault.kv.KvStore kv, int year, String unit, String officer) {
        byte[] prefix = Keys.lateUploadPrefix(year, unit, officer);
        int[] n = {0};
        kv.scan(ColumnFamily.LATE_UPLOADS, prefix, Keys.prefixEnd(prefix), (k, v) -> {
            n[0]++;
            return true;
        });
        return n[0];
    }

    private LateUpload flag(Segment s, Duration delay) {
        int year = s.recordedStart().atZone(zone).getYear();
        return new LateUpload(s.id(), year, s.unitCode(), s.officerBadge(), s.recorderSerial(), s.recordedEnd(),
                s.ingestedAt(), delay.toMillis());
    }

    private int write(List<LateUpload> flags, Instant cursor) {
        if (cursor == null) {
            return 0;
        }
        // Flags from the rescanned overlap are already there: count and write only new ones.
        List<LateUpload> now = flags.stream().filter(l -> vault.kv().get(ColumnFamily.LATE_UPLOADS,
                Keys.lateUploadKey(l.year(), l.unitCode(), l.officerBadge(), l.segmentId())) == null).toList();
        flags.clear();
        List<AuditEntry> audit = now.isEmpty() ? List.of() : List.of(AuditEntry.success(Vault.SYSTEM,
                "uploads.late_flagged", "report:late-uploads", Map.of("count", Integer.toString(now.size()),
                        "threshold", threshold.toString())));
        vault.commit((KvBatch b) -> {
            for (LateUpload l : now) {
                b.put(ColumnFamily.LATE_UPLOADS, Keys.lateUploadKey(l.year(), l.unitCode(), l.officerBadge(),
                        l.segmentId()), Records.encode(l));
            }
            b.put(ColumnFamily.META, Keys.META_LATE_UPLOAD_CURSOR, Records.encode(cursor));
        }, audit);
        return now.size();
    }

    private Instant loadCursor() {
        byte[] v = vault.kv().get(ColumnFamily.META, Keys.META_LATE_UPLOAD_CURSOR);
        return v == null ? null : Records.decode(v, Instant.class);
    }

    /** The smallest segment id a segment ingested at {@code t} can have (UUIDv7: millis in the top 48 bits). */
    static SegmentId lowestIdAt(Instant t) {
        long millis = Math.max(0, t.toEpochMilli());
        return new SegmentId(new UUID(millis << 16, 0));
    }
}
