package io.camvault.vault.kv;

import io.camvault.vault.VaultException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiPredicate;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.EnvOptions;
import org.rocksdb.Options;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.Status;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The daemon's {@link KvStore}: one RocksDB database, one column family per {@link ColumnFamily}.
 * It is also a {@link BulkLoader}: sorted loads become table files under {@code bulk-load/} that
 * are ingested whole (see {@link RocksSortedLoad}); leftovers of a crashed load are deleted on open.
 */
public final class RocksKvStore implements KvStore, BulkLoader, KvCheckpoint {
    static {
        io.camvault.vault.natives.NativeCache.loadRocksDb();
    }

    /**
     * Shared by all families. 256 MB holds the hot part of an index of a few million segments
     * (a segment costs about 0.2 KB of SEGMENTS block and 0.3 KB of keys before compression);
     * beyond it reads fall back to the OS page cache, which is slower by a decompression, not a disk.
     */
    static final long BLOCK_CACHE_BYTES = 256L << 20;

    private final RocksDB db;
    private final DBOptions dbOptions;
    private final ColumnFamilyOptions cfOptions;
    private final LRUCache blockCache;
    private final List<ColumnFamilyHandle> handles = new ArrayList<>();
    private final Map<ColumnFamily, ColumnFamilyHandle> byFamily = new EnumMap<>(ColumnFamily.class);
    private final WriteOptions synced = new WriteOptions().setSync(true);
    private final WriteOptions unsynced = new WriteOptions().setSync(false);
    private final Path bulkDir;
    private final AtomicLong bulkFiles = new AtomicLong();
    private final EnvOptions envOptions = new EnvOptions();
    private final Options sstOptions;

    private RocksKvStore(Path dir) throws RocksDBException, java.io.IOException {
        bulkDir = dir.resolve("bulk-load");
        deleteLeftoverBulkFiles(bulkDir);
        blockCache = new LRUCache(BLOCK_CACHE_BYTES);
        cfOptions = new ColumnFamilyOptions()
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setTableFormatConfig(new BlockBasedTableConfig()
                        .setBlockCache(blockCache)
                        .setFilterPolicy(new BloomFilter(10, false)));
        dbOptions = new DBOptions()
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                .setMaxBackgroundJobs(2)
                .setKeepLogFileNum(5);
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions));
        for (ColumnFamily cf : ColumnFamily.values()) {
            descriptors.add(new ColumnFamilyDescriptor(cf.storageName().getBytes(java.nio.charset.StandardCharsets.UTF_8), cfOptions));
        }
        descriptors.addAll(unknownFamilies(dir));
        sstOptions = new Options(dbOptions, cfOptions);
        db = RocksDB.open(dbOptions, dir.toString(), descriptors, handles);
        ColumnFamily[] all = ColumnFamily.values();
        for (int i = 0; i < all.length; i++) {
            byFamily.put(all[i], handles.get(i + 1));
        }
    }

    /**
     * Families on disk that this release does not know: a newer release made them. They are opened
     * (RocksDB refuses to open a database without all of its families) and left alone, so that the
     * layout check can answer with both versions instead of RocksDB's own error.
     */
    private List<ColumnFamilyDescriptor> unknownFamilies(Path dir) throws RocksDBException {
        if (!Files.exists(dir.resolve("CURRENT"))) {
            return List.of();
        }
        java.util.Set<String> known = new java.util.HashSet<>();
        known.add(new String(RocksDB.DEFAULT_COLUMN_FAMILY, java.nio.charset.StandardCharsets.UTF_8));
        for (ColumnFamily cf : ColumnFamily.values()) {
            known.add(cf.storageName());
        }
        List<ColumnFamilyDescriptor> unknown = new ArrayList<>();
        try (Options listing = new Options()) {
            for (byte[] name : RocksDB.listColumnFamilies(listing, dir.toString())) {
                if (!known.contains(new String(name, java.nio.charset.StandardCharsets.UTF_8))) {
                    unknown.add(new ColumnFamilyDescriptor(name, cfOptions));
                }
            }
        }
        return unknown;
    }

    /** Opens (creating if needed) the index under {@code dir}. */
    public static RocksKvStore open(Path dir) {
        try {
            Files.createDirectories(dir);
            return new RocksKvStore(dir);
        } catch (RocksDBException e) {
            throw new VaultException(VaultException.Kind.IO, "cannot open index at " + dir + ": " + e.getMessage(), e);
        } catch (java.io.IOException e) {
            throw new VaultException(VaultException.Kind.IO, "cannot create index directory " + dir, e);
        }
    }

    private static void deleteLeftoverBulkFiles(Path bulkDir) throws java.io.IOException {
        Files.createDirectories(bulkDir);
        try (java.util.stream.Stream<Path> files = Files.list(bulkDir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
        }
    }

    @Override
    public SortedLoad newSortedLoad(ColumnFamily cf) {
        Path file = bulkDir.resolve(cf.storageName() + "-" + bulkFiles.incrementAndGet() + ".sst");
        return new RocksSortedLoad(db, byFamily.get(cf), envOptions, sstOptions, file);
    }

    /**
     * Compacts every family down to its last level and waits. Settles the background work a bulk
     * load leaves behind (overlapping ingested files) before the index serves reads; costs a full
     * rewrite, so it is for after a rebuild, not for the daemon's steady state.
     */
    public void compactAll() {
        try {
            for (ColumnFamilyHandle h : handles) {
                db.compactRange(h);
            }
        } catch (RocksDBException e) {
            throw wrap("compaction", e);
        }
    }

    @Override
    public void checkpointTo(Path target) {
        try (org.rocksdb.Checkpoint checkpoint = org.rocksdb.Checkpoint.create(db)) {
            db.flushWal(true);
            checkpoint.createCheckpoint(target.toString());
        } catch (RocksDBException e) {
            throw wrap("checkpoint to " + target, e);
        }
    }

    @Override
    public byte[] get(ColumnFamily cf, byte[] key) {
        try {
            return db.get(byFamily.get(cf), key);
        } catch (RocksDBException e) {
            throw wrap("read", e);
        }
    }

    @Override
    public List<byte[]> getAll(ColumnFamily cf, List<byte[]> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        try {
            return db.multiGetAsList(java.util.Collections.nCopies(keys.size(), byFamily.get(cf)), keys);
        } catch (RocksDBException e) {
            throw wrap("read", e);
        }
    }

    @Override
    public void scan(ColumnFamily cf, byte[] from, byte[] to, BiPredicate<byte[], byte[]> visitor) {
        try (ReadOptions ro = new ReadOptions();
             Slice upper = to == null ? null : new Slice(to)) {
            if (upper != null) {
                ro.setIterateUpperBound(upper);
            }
            try (RocksIterator it = db.newIterator(byFamily.get(cf), ro)) {
                if (from == null) {
                    it.seekToFirst();
                } else {
                    it.seek(from);
                }
                for (; it.isValid(); it.next()) {
                    if (!visitor.test(it.key(), it.value())) {
                        return;
                    }
                }
                it.status();
            }
        } catch (RocksDBException e) {
            throw wrap("scan", e);
        }
    }

    @Override
    public void scanDescending(ColumnFamily cf, byte[] from, byte[] to, BiPredicate<byte[], byte[]> visitor) {
        try (ReadOptions ro = new ReadOptions();
             Slice lower = from == null ? null : new Slice(from)) {
            if (lower != null) {
                ro.setIterateLowerBound(lower);
            }
            try (RocksIterator it = db.newIterator(byFamily.get(cf), ro)) {
                if (to == null) {
                    it.seekToLast();
                } else {
                    it.seekForPrev(to);
                    if (it.isValid() && java.util.Arrays.compareUnsigned(it.key(), to) >= 0) {
                        it.prev();
                    }
                }
                for (; it.isValid(); it.prev()) {
                    if (!visitor.test(it.key(), it.value())) {
                        return;
                    }
                }
                it.status();
            }
        } catch (RocksDBException e) {
            throw wrap("scan", e);
        }
    }

    @Override
    public KvBatch newBatch() {
        return new Batch();
    }

    @Override
    public void write(KvBatch batch) {
        write(batch, synced);
    }

    @Override
    public void writeUnsynced(KvBatch batch) {
        write(batch, unsynced);
    }

    private void write(KvBatch batch, WriteOptions options) {
        try {
            db.write(options, ((Batch) batch).batch);
        } catch (RocksDBException e) {
            throw wrap("write", e);
        }
    }

    @Override
    public void sync() {
        try {
            db.flushWal(true);
        } catch (RocksDBException e) {
            throw wrap("sync", e);
        }
    }

    @Override
    public void flush() {
        try (FlushOptions fo = new FlushOptions().setWaitForFlush(true)) {
            db.flushWal(true);
            db.flush(fo, handles);
        } catch (RocksDBException e) {
            throw wrap("flush", e);
        }
    }

    @Override
    public void close() {
        try {
            db.syncWal();
        } catch (RocksDBException e) {
            throw wrap("sync on close", e);
        } finally {
            for (ColumnFamilyHandle h : handles) {
                h.close();
            }
            db.close();
            synced.close();
            unsynced.close();
            sstOptions.close();
            envOptions.close();
            dbOptions.close();
            cfOptions.close();
            blockCache.close();
        }
    }

    /**
     * A full disk is {@code NO_SPACE}, so callers answer 507, not 500. After such an error RocksDB
     * refuses writes until it has recovered by itself, which its documentation says it does once
     * its file manager sees free space again (not exercised by our tests: the log's preallocated
     * space lets index writes go on through the disk-full test).
     */
    private static VaultException wrap(String what, RocksDBException e) {
        boolean noSpace = e.getStatus() != null && e.getStatus().getSubCode() == Status.SubCode.NoSpace;
        return new VaultException(noSpace ? VaultException.Kind.NO_SPACE : VaultException.Kind.IO,
                "index " + what + " failed: " + e.getMessage(), e);
    }

    private final class Batch implements KvBatch {
        private final WriteBatch batch = new WriteBatch();

        @Override
        public void put(ColumnFamily cf, byte[] key, byte[] value) {
            try {
                batch.put(byFamily.get(cf), key, value);
            } catch (RocksDBException e) {
                throw wrap("batch put", e);
            }
        }

        @Override
        public void delete(ColumnFamily cf, byte[] key) {
            try {
                batch.delete(byFamily.get(cf), key);
            } catch (RocksDBException e) {
                throw wrap("batch delete", e);
            }
        }

        @Override
        public int size() {
            return batch.count();
        }

        @Override
        public void close() {
            batch.close();
        }
    }
}
