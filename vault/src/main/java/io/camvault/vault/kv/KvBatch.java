package io.camvault.vault.kv;

/**
 * Changes applied together or not at all by {@link KvStore#write(KvBatch)}. A batch only records;
 * nothing is visible until it is written.
 */
public interface KvBatch extends AutoCloseable {

    void put(ColumnFamily cf, byte[] key, byte[] value);

    void delete(ColumnFamily cf, byte[] key);

    /** Number of operations recorded so far. */
    int size();

    @Override
    void close();
}
