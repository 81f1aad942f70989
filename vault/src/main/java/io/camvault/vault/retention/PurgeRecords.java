package io.camvault.vault.retention;

import io.camvault.vault.kv.ColumnFamily;
import io.camvault.vault.kv.KvBatch;
import io.camvault.vault.kv.KvStore;
import io.camvault.vault.kv.Keys;
import io.camvault.vault.kv.Records;
import io.camvault.vault.model.SegmentId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The pending-deletion queue ({@code PURGE_QUEUE}) and the tombstones ({@code TOMBSTONES}), both
 * keyed by segment id, and the object removals that follow purges ({@code OBJECT_REMOVALS}, by
 * SHA-256); values through {@link Records}. Writes are staged into the caller's batch.
 */
public final class PurgeRecords {
    private final KvStore kv;

    public PurgeRecords(KvStore kv) {
        this.kv = kv;
    }

    public Optional<PendingDeletion> pending(SegmentId id) {
        byte[] v = kv.get(ColumnFamily.PURGE_QUEUE, Keys.segment(id));
        return v == null ? Optional.empty() : Optional.of(Records.decode(v, PendingDeletion.class));
    }

    /** The whole queue in segment id order; it holds at most a week or so of expiries. */
    public List<PendingDeletion> pendingAll() {
        List<PendingDeletion> out = new ArrayList<>();
        kv.scan(ColumnFamily.PURGE_QUEUE, null, null, (k, v) -> out.add(Records.decode(v, PendingDeletion.class)));
        return out;
    }

    public void enqueue(KvBatch batch, PendingDeletion p) {
        batch.put(ColumnFamily.PURGE_QUEUE, Keys.segment(p.segmentId()), Records.encode(p));
    }

    public void dequeue(KvBatch batch, SegmentId id) {
        batch.delete(ColumnFamily.PURGE_QUEUE, Keys.segment(id));
    }

    public Optional<Tombstone> tombstone(SegmentId id) {
        byte[] v = kv.get(ColumnFamily.TOMBSTONES, Keys.segment(id));
        return v == null ? Optional.empty() : Optional.of(Records.decode(v, Tombstone.class));
    }

    public List<Tombstone> tombstones() {
        List<Tombstone> out = new ArrayList<>();
        kv.scan(ColumnFamily.TOMBSTONES, null, null, (k, v) -> out.add(Records.decode(v, Tombstone.class)));
        return out;
    }

    public void bury(KvBatch batch, Tombstone t) {
        batch.put(ColumnFamily.TOMBSTONES, Keys.segment(t.segment().id()), Records.encode(t));
    }

    /** Originals of purged segments still to be removed from the object store, in hash order. */
    public List<ObjectRemoval> removals() {
        List<ObjectRemoval> out = new ArrayList<>();
        kv.scan(ColumnFamily.OBJECT_REMOVALS, null, null, (k, v) -> out.add(Records.decode(v, ObjectRemoval.class)));
        return out;
    }

    public Optional<ObjectRemoval> removal(io.camvault.vault.model.Sha256 sha256) {
        byte[] v = kv.get(ColumnFamily.OBJECT_REMOVALS, Keys.sha256(sha256));
        return v == null ? Optional.empty() : Optional.of(Records.decode(v, ObjectRemoval.class));
    }

    public void stageRemoval(KvBatch batch, ObjectRemoval r) {
        batch.put(ColumnFamily.OBJECT_REMOVALS, Keys.sha256(r.sha256()), Records.encode(r));
    }

    public void dropRemoval(KvBatch batch, io.camvault.vault.model.Sha256 sha256) {
        batch.delete(ColumnFamily.OBJECT_REMOVALS, Keys.sha256(sha256));
    }
}
