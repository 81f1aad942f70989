package io.camvault.vault.media;

import io.camvault.vault.index.SegmentIndex;
import io.camvault.vault.kv.ColumnFamily;
import io.camvault.vault.kv.KvBatch;
import io.camvault.vault.kv.KvStore;
import io.camvault.vault.kv.Keys;
import io.camvault.vault.kv.Records;
import io.camvault.vault.ledger.Ledger;
import io.camvault.vault.model.SegmentId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The media queue and its results in the index. A segment is enqueued in the same synced batch
 * that commits it ({@link #enqueue}), so a crash can never leave a committed segment that no job
 * will look at; the entry is removed in the same batch that stores the result, so a restart
 * resumes exactly the work that was not finished.
 */
public final class MediaJobs {
    private static final byte[] BACKFILLED = Keys.meta("media.backfilled");
    private static final int BACKFILL_BATCH = 1000;
    private final Ledger ledger;
    private final KvStore kv;
    private final SegmentIndex segments;

    public MediaJobs(Ledger ledger, KvStore kv, SegmentIndex segments) {
        this.ledger = ledger;
        this.kv = kv;
        this.segments = segments;
    }

    /** Stages "media work to do for this segment" into a commit batch. */
    public static void enqueue(KvBatch batch, SegmentId id, Instant now) {
        batch.put(ColumnFamily.MEDIA_QUEUE, Keys.segment(id), Keys.time(now));
    }

    /**
     * Once per data directory: queues every segment that has neither a media record nor a queue
     * entry (segments committed before media work existed). Returns how many were queued.
     */
    public long backfill() {
        if (kv.get(ColumnFamily.META, BACKFILLED) != null) {
            return 0;
        }
        List<SegmentId> chunk = new ArrayList<>();
        long[] queued = {0};
        segments.forEachFrom(null, s -> {
            byte[] key = Keys.segment(s.id());
            if (kv.get(ColumnFamily.MEDIA, key) == null && kv.get(ColumnFamily.MEDIA_QUEUE, key) == null) {
                chunk.add(s.id());
            }
            if (chunk.size() >= BACKFILL_BATCH) {
                queued[0] += enqueueAll(chunk);
            }
            return true;
        });
        queued[0] += enqueueAll(chunk);
        ledger.commit(b -> b.put(ColumnFamily.META, BACKFILLED, new byte[] {1}), List.of());
        return queued[0];
    }

    private int enqueueAll(List<SegmentId> ids) {
        int n = ids.size();
        if (n > 0) {
            Instant now = ledger.clock().instant();
            List<SegmentId> copy = List.copyOf(ids);
            ledger.commit(b -> copy.forEach(id -> enqueue(b, id, now)), List.of());
            ids.clear();
        }
        return n;
    }

    /** Up to {@code limit} queued segments, oldest first (ids are time-ordered). */
    public List<SegmentId> pending(int limit) {
        List<SegmentId> out = new ArrayList<>();
        kv.scan(ColumnFamily.MEDIA_QUEUE, null, null, (k, v) -> {
            out.add(Keys.trailingSegmentId(k));
            return out.size() < limit;
        });
        return out;
    }

    /**
     * Stores the result and removes the queue entry, in one synced write; the segment learns the
     * duration the probe found in that same write ({@link MediaRecord#knownDurationMillis()}), so
     * search, statistics and the page read the media's duration, not the uploader's file times.
     */
    public void complete(SegmentId id, MediaRecord record) {
        ledger.commitAudited(b -> {
            b.put(ColumnFamily.MEDIA, Keys.segment(id), Records.encode(record));
            b.delete(ColumnFamily.MEDIA_QUEUE, Keys.segment(id));
            Long duration = record.knownDurationMillis();
            segments.get(id).ifPresent(s -> {
                // a later run that learns nothing (an I/O failure) leaves a duration found before
                if (duration != null && !duration.equals(s.durationMillis())) {
                    segments.update(b, s, s.withDuration(duration));
                }
            });
            return List.of();
        });
    }

    /** Drops a queue entry whose segment no longer exists. */
    public void forget(SegmentId id) {
        ledger.commit(b -> b.delete(ColumnFamily.MEDIA_QUEUE, Keys.segment(id)), List.of());
    }

    public boolean queued(SegmentId id) {
        return kv.get(ColumnFamily.MEDIA_QUEUE, Keys.segment(id)) != null;
    }

    public Optional<MediaRecord> record(SegmentId id) {
        byte[] v = kv.get(ColumnFamily.MEDIA, Keys.segment(id));
        return v == null ? Optional.empty() : Optional.of(Records.decode(v, MediaRecord.class));
    }
}
