package io.camvault.vault.kv;

/**
 * Optional capability of a {@link KvStore}: adding a large, already sorted set of entries to a
 * family without going through the write path (for RocksDB: table files written directly and
 * ingested, no memtable, no WAL). Used to rebuild an index from object manifests; never for
 * writes acknowledged one by one. Callers test for it with {@code kv instanceof BulkLoader}.
 */
public interface BulkLoader {

    /** Starts a load into {@code cf}. Nothing is visible until {@link SortedLoad#commit()}. */
    SortedLoad newSortedLoad(ColumnFamily cf);

    /** Entries for one family, added in strictly ascending unsigned key order. */
    interface SortedLoad extends AutoCloseable {

        /**
         * Adds an entry; an {@link IllegalArgumentException} if {@code key} is not greater than the
         * previous key.
         */
        void add(byte[] key, byte[] value);

        /** Entries added so far. */
        long count();

        /**
         * Makes every added entry visible at once and durable before returning. A key already in
         * the family is replaced, as a put would; callers that must not replace check first.
         * Committing an empty load does nothing. At most one commit per load.
         */
        void commit();

        /** Releases the load; entries not committed are dropped. */
        @Override
        void close();
    }
}
