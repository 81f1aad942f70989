package io.camvault.vault.kv;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * An ordered key-value store with column families. Keys compare as unsigned bytes, so the
 * big-endian fixed-width layouts of {@link Keys} sort the way their values do.
 */
public interface KvStore extends AutoCloseable {

    /** The value under {@code key}, or {@code null} when absent. */
    byte[] get(ColumnFamily cf, byte[] key);

    /**
     * The values under {@code keys}, in the same order, {@code null} where absent. One call into the
     * store for the lot (RocksDB batches the lookups), so a search page costs one crossing, not one
     * per segment.
     */
    default List<byte[]> getAll(ColumnFamily cf, List<byte[]> keys) {
        List<byte[]> out = new ArrayList<>(keys.size());
        for (byte[] key : keys) {
            out.add(get(cf, key));
        }
        return out;
    }

    /**
     * Visits keys in {@code [fromInclusive, toExclusive)} in ascending order until the visitor
     * returns {@code false}. A {@code null} bound means open on that side.
     */
    void scan(ColumnFamily cf, byte[] fromInclusive, byte[] toExclusive, BiPredicate<byte[], byte[]> visitor);

    /**
     * Visits keys in {@code [fromInclusive, toExclusive)} in descending order until the visitor
     * returns {@code false}.
     */
    void scanDescending(ColumnFamily cf, byte[] fromInclusive, byte[] toExclusive,
            BiPredicate<byte[], byte[]> visitor);

    KvBatch newBatch();

    /** Applies the batch atomically and durably (synced to disk before returning). */
    void write(KvBatch batch);

    /**
     * Applies the batch atomically without waiting for the disk. For bulk loads that sync
     * once at the end with {@link #flush()}; never for anything acknowledged to a client.
     */
    void writeUnsynced(KvBatch batch);

    /** Makes everything written so far durable. */
    void flush();

    /**
     * Makes every write so far durable, as a synced write would, without flushing memtables: one
     * WAL sync, shared by all the unsynced writes before it.
     */
    void sync();

    @Override
    void close();
}
