package io.camvault.vault.kv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiPredicate;

/** The in-memory twin of {@link RocksKvStore}, for tests: same ordering, same atomicity. */
public final class MemoryKvStore implements KvStore, BulkLoader {
    private final Map<ColumnFamily, ConcurrentSkipListMap<byte[], byte[]>> families = new EnumMap<>(ColumnFamily.class);
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    public MemoryKvStore() {
        for (ColumnFamily cf : ColumnFamily.values()) {
            families.put(cf, new ConcurrentSkipListMap<>(Arrays::compareUnsigned));
        }
    }

    @Override
    public byte[] get(ColumnFamily cf, byte[] key) {
        lock.readLock().lock();
        try {
            byte[] v = families.get(cf).get(key);
            return v == null ? null : v.clone();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void scan(ColumnFamily cf, byte[] from, byte[] to, BiPredicate<byte[], byte[]> visitor) {
        visit(range(cf, from, to), visitor);
    }

    @Override
    public void scanDescending(ColumnFamily cf, byte[] from, byte[] to, BiPredicate<byte[], byte[]> visitor) {
        visit(range(cf, from, to).descendingMap(), visitor);
    }

    private NavigableMap<byte[], byte[]> range(ColumnFamily cf, byte[] from, byte[] to) {
        NavigableMap<byte[], byte[]> map = families.get(cf);
        if (from != null && to != null && Arrays.compareUnsigned(from, to) >= 0) {
            // an empty range, as in RocksDB; the skip-list's sub-map would throw "inconsistent range"
            return java.util.Collections.emptyNavigableMap();
        }
        if (from != null) {
            map = map.tailMap(from, true);
        }
        if (to != null) {
            map = map.headMap(to, false);
        }
        return map;
    }

    private void visit(NavigableMap<byte[], byte[]> view, BiPredicate<byte[], byte[]> visitor) {
        List<Map.Entry<byte[], byte[]>> snapshot;
        lock.readLock().lock();
        try {
            snapshot = new ArrayList<>(view.entrySet());
        } finally {
            lock.readLock().unlock();
        }
        for (Map.Entry<byte[], byte[]> e : snapshot) {
            if (!visitor.test(e.getKey().clone(), e.getValue().clone())) {
                return;
            }
        }
    }

    @Override
    public KvBatch newBatch() {
        return new Batch();
    }

    @Override
    public void write(KvBatch batch) {
        Batch b = (Batch) batch;
        lock.writeLock().lock();
        try {
            for (Op op : b.ops) {
                if (op.value == null) {
                    families.get(op.cf).remove(op.key);
                } else {
                    families.get(op.cf).put(op.key, op.value);
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void writeUnsynced(KvBatch batch) {
        write(batch);
    }

    @Override
    public void flush() {
        // nothing to make durable
    }

    @Override
    public void sync() {
        // nothing to make durable
    }

    @Override
    public void close() {
        // nothing to release
    }

    @Override
    public SortedLoad newSortedLoad(ColumnFamily cf) {
        return new MemorySortedLoad(cf);
    }

    /** Same contract as the RocksDB load: ascending keys, nothing visible until commit. */
    private final class MemorySortedLoad implements SortedLoad {
        private final ColumnFamily cf;
        private final List<Op> ops = new ArrayList<>();
        private boolean committed;

        MemorySortedLoad(ColumnFamily cf) {
            this.cf = cf;
        }

        @Override
        public void add(byte[] key, byte[] value) {
            if (committed) {
                throw new IllegalStateException("load already committed");
            }
            if (!ops.isEmpty() && Arrays.compareUnsigned(ops.get(ops.size() - 1).key, key) >= 0) {
                throw new IllegalArgumentException("bulk load keys must be strictly ascending");
            }
            ops.add(new Op(cf, key.clone(), value.clone()));
        }

        @Override
        public long count() {
            return ops.size();
        }

        @Override
        public void commit() {
            if (committed) {
                throw new IllegalStateException("load already committed");
            }
            committed = true;
            lock.writeLock().lock();
            try {
                for (Op op : ops) {
                    families.get(cf).put(op.key, op.value);
                }
            } finally {
                lock.writeLock().unlock();
            }
        }

        @Override
        public void close() {
            ops.clear();
        }
    }

    private record Op(ColumnFamily cf, byte[] key, byte[] value) {
    }

    private static final class Batch implements KvBatch {
        private final List<Op> ops = new ArrayList<>();

        @Override
        public void put(ColumnFamily cf, byte[] key, byte[] value) {
            ops.add(new Op(cf, key.clone(), value.clone()));
        }

        @Override
        public void delete(ColumnFamily cf, byte[] key) {
            ops.add(new Op(cf, key.clone(), null));
        }

        @Override
        public int size() {
            return ops.size();
        }

        @Override
        public void close() {
            ops.clear();
        }
    }
}
