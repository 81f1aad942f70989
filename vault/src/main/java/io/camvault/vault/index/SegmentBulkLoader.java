package io.camvault.vault.index;

import io.camvault.vault.VaultException;
import io.camvault.vault.kv.BulkLoader;
import io.camvault.vault.kv.ColumnFamily;
import io.camvault.vault.kv.KvStore;
import io.camvault.vault.kv.Keys;
import io.camvault.vault.kv.SegmentCodec;
import io.camvault.vault.model.Segment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Fills an empty segment index from a stream of segments, as when a node rebuilds its index from
 * object manifests. The result is the same keys and values as inserting each segment with
 * {@link SegmentIndex#insert}, but written as sorted table files ({@link BulkLoader}) instead of
 * through the memtables: segments are taken in runs of {@code runSize}, each run's keys sorted
 * per family and loaded family by family, SEGMENTS last: until a run's records are in, a search
 * skips the run's secondary keys as it skips those of a purged segment, and never sees a segment
 * without its keys.
 *
 * <p>Rules: the index must have no segment at all (merging into a live index would need the
 * read-before-write checks of {@code insert} for every segment, which is the cost this path
 * avoids); nothing else may write segments during the load (run it before the daemon serves).
 * A repeated id or digest fails the load with CONFLICT — within a run it is found after sorting,
 * across runs by a point read of the runs already loaded. A load that fails part way leaves the
 * runs before the failure in place: delete the index and rebuild; the manifests are the truth.
 *
 * <p>Memory: a run holds about 0.7 KB per segment on the heap (record, eight keys), so the
 * default run of 250,000 segments needs about 180 MB.
 */
public final class SegmentBulkLoader {
    public static final int DEFAULT_RUN_SIZE = 250_000;

    /** The families a segment writes to; all must be empty before a load. */
    static final List<ColumnFamily> SEGMENT_FAMILIES = List.of(ColumnFamily.SEGMENTS_BY_OFFICER,
            ColumnFamily.SEGMENTS_BY_RECORDER, ColumnFamily.SEGMENTS_BY_UNIT, ColumnFamily.SEGMENTS_BY_TIME,
            ColumnFamily.SEGMENTS_BY_CASE, ColumnFamily.SEGMENTS_BY_RETAIN_UNTIL, ColumnFamily.SEGMENTS_BY_HASH,
            ColumnFamily.SEGMENTS);

    private static final Comparator<Entry> BY_KEY = (a, b) -> Arrays.compareUnsigned(a.key, b.key);

    private final KvStore kv;
    private final int runSize;

    public SegmentBulkLoader(KvStore kv, int runSize) {
        if (runSize < 1) {
            throw new IllegalArgumentException("run size must be positive");
        }
        this.kv = kv;
        this.runSize = runSize;
    }

    /** Loads every segment; returns how many. The store must be a {@link BulkLoader}. */
    public long load(Iterable<Segment> segments) {
        if (!(kv instanceof BulkLoader loader)) {
            throw new UnsupportedOperationException(kv.getClass().getSimpleName() + " cannot bulk load");
        }
        requireEmpty();
        long loaded = 0;
        List<Segment> run = new ArrayList<>(Math.min(runSize, 1 << 16));
        for (Segment s : segments) {
            run.add(s);
            if (run.size() == runSize) {
                loadRun(loader, run, loaded > 0);
                loaded += run.size();
                run.clear();
            }
        }
        if (!run.isEmpty()) {
            loadRun(loader, run, loaded > 0);
            loaded += run.size();
        }
        return loaded;
    }

    private void requireEmpty() {
        for (ColumnFamily cf : SEGMENT_FAMILIES) {
            boolean[] any = new boolean[1];
            kv.scan(cf, null, null, (k, v) -> {
                any[0] = true;
                return false;
            });
            if (any[0]) {
                throw new VaultException(VaultException.Kind.CONFLICT,
                        "a bulk load needs an empty segment index; " + cf + " has entries");
            }
        }
    }

    private void loadRun(BulkLoader loader, List<Segment> run, boolean checkLoaded) {
        Map<ColumnFamily, List<Entry>> families = new EnumMap<>(ColumnFamily.class);
        for (ColumnFamily cf : SEGMENT_FAMILIES) {
            families.put(cf, new ArrayList<>(cf == ColumnFamily.SEGMENTS_BY_CASE ? 16 : run.size()));
        }
        for (Segment s : run) {
            // computing the entries first validates every identifier, before anything is loaded
            for (SegmentIndex.Entry e : SegmentIndex.secondaryEntries(s)) {
                families.get(e.cf()).add(new Entry(e.keyBytes(), e.value(s.id())));
            }
            families.get(ColumnFamily.SEGMENTS).add(new Entry(Keys.segment(s.id()), SegmentCodec.encode(s)));
        }
        for (List<Entry> entries : families.values()) {
            entries.sort(BY_KEY);
        }
        requireUnique(families.get(ColumnFamily.SEGMENTS), ColumnFamily.SEGMENTS, "segment id", checkLoaded);
        requireUnique(families.get(ColumnFamily.SEGMENTS_BY_HASH), ColumnFamily.SEGMENTS_BY_HASH, "sha256",
                checkLoaded);
        for (ColumnFamily cf : SEGMENT_FAMILIES) { // SEGMENTS is last in the list
            try (BulkLoader.SortedLoad load = loader.newSortedLoad(cf)) {
                for (Entry e : families.get(cf)) {
                    load.add(e.key, e.value);
                }
                load.commit();
            }
        }
    }

    private void requireUnique(List<Entry> sorted, ColumnFamily cf, String what, boolean checkLoaded) {
        for (int i = 0; i < sorted.size(); i++) {
            byte[] key = sorted.get(i).key;
            boolean repeated = i > 0 && Arrays.equals(sorted.get(i - 1).key, key)
                    || checkLoaded && kv.get(cf, key) != null;
            if (repeated) {
                throw new VaultException(VaultException.Kind.CONFLICT, "bulk load: " + what + " "
                        + java.util.HexFormat.of().formatHex(key) + " appears more than once");
            }
        }
    }

    private record Entry(byte[] key, byte[] value) {
    }
}
