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
 * A repeated id or digest fails the load with CONFLICT, within a run or across runs. A load that fails part way leaves the
 * runs before the failure in place: delete the index and rebuild; the manifests are the truth.
 *
 * <p>Memory: a run holds about 0.6 KB per segment on the heap (encoded record, eight keys), so
 * the default run of 250,000 segments needs about 150 MB, plus 16 bytes per segment loaded so far.
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
    private final Fingerprints seenIds = new Fingerprints();
    private final Fingerprints seenDigests = new Fingerprints();

    public SegmentBulkLoader(KvStore kv, int runSize) {
        if (runSize < 1) {
            throw new IllegalArgumentException("run size must be positive");
        }
        this.kv = kv;
        this.runSize = runSize;
    }

    /**
     * Loads every segment; returns how many. The store must be a {@link BulkLoader}. Sorting and
     * table writing use the common fork-join pool (one family per task). A loader is good for one load.
     */
    public long load(Iterable<Segment> segments) {
        if (!(kv instanceof BulkLoader loader)) {
            throw new UnsupportedOperationException(kv.getClass().getSimpleName() + " cannot bulk load");
        }
        requireEmpty();
        long loaded = 0;
        Map<ColumnFamily, List<Entry>> run = newRun();
        int inRun = 0;
        for (Segment s : segments) {
            // encoded as it arrives, so a run holds bytes, not Segment objects
            for (SegmentIndex.Entry e : SegmentIndex.secondaryEntries(s)) { // validates identifiers
                run.get(e.cf()).add(new Entry(e.keyBytes(), e.value(s.id())));
            }
            run.get(ColumnFamily.SEGMENTS).add(new Entry(Keys.segment(s.id()), SegmentCodec.encode(s)));
            if (++inRun == runSize) {
                loadRun(loader, run);
                loaded += inRun;
                run = newRun();
                inRun = 0;
            }
        }
        if (inRun > 0) {
            loadRun(loader, run);
            loaded += inRun;
        }
        return loaded;
    }

    private Map<ColumnFamily, List<Entry>> newRun() {
        Map<ColumnFamily, List<Entry>> families = new EnumMap<>(ColumnFamily.class);
        for (ColumnFamily cf : SEGMENT_FAMILIES) {
            families.put(cf, new ArrayList<>(cf == ColumnFamily.SEGMENTS_BY_CASE ? 16 : Math.min(runSize, 1 << 20)));
        }
        return families;
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

    private void loadRun(BulkLoader loader, Map<ColumnFamily, List<Entry>> families) {
        families.values().parallelStream().forEach(entries -> entries.sort(BY_KEY));
        requireUnique(families.get(ColumnFamily.SEGMENTS), ColumnFamily.SEGMENTS, "segment id", seenIds);
        requireUnique(families.get(ColumnFamily.SEGMENTS_BY_HASH), ColumnFamily.SEGMENTS_BY_HASH, "sha256",
                seenDigests);
        // The families are independent files: sort-free from here, write them in parallel, then
        // SEGMENTS alone, last.
        SEGMENT_FAMILIES.subList(0, SEGMENT_FAMILIES.size() - 1).parallelStream()
                .forEach(cf -> loadFamily(loader, cf, families.get(cf)));
        loadFamily(loader, ColumnFamily.SEGMENTS, families.get(ColumnFamily.SEGMENTS));
    }

    private static void loadFamily(BulkLoader loader, ColumnFamily cf, List<Entry> sorted) {
        try (BulkLoader.SortedLoad load = loader.newSortedLoad(cf)) {
            for (Entry e : sorted) {
                load.add(e.key, e.value);
            }
            load.commit();
        }
    }

    /**
     * Repeats within the run are neighbours once sorted. Repeats of an earlier run are found by
     * fingerprint (16 bytes per segment kept for the whole load, instead of a point read per key
     * into the runs already loaded) and confirmed by a read.
     */
    private void requireUnique(List<Entry> sorted, ColumnFamily cf, String what, Fingerprints seen) {
        long[] run = new long[sorted.size()];
        for (int i = 0; i < sorted.size(); i++) {
            byte[] key = sorted.get(i).key;
            run[i] = Fingerprints.of(key);
            boolean repeated = i > 0 && Arrays.equals(sorted.get(i - 1).key, key)
                    || seen.mayContain(run[i]) && kv.get(cf, key) != null;
            if (repeated) {
                throw new VaultException(VaultException.Kind.CONFLICT, "bulk load: " + what + " "
                        + java.util.HexFormat.of().formatHex(key) + " appears more than once");
            }
        }
        seen.add(run);
    }

    /** 64-bit fingerprints of the keys of the runs loaded so far, one sorted array per run. */
    private static final class Fingerprints {
        private final List<long[]> runs = new ArrayList<>();

        static long of(byte[] key) {
            long h = 0x9E3779B97F4A7C15L;
            for (byte b : key) {
                h = (h ^ (b & 0xFF)) * 0x100000001B3L;
                h ^= h >>> 29;
            }
            return h;
        }

        boolean mayContain(long fingerprint) {
            for (long[] run : runs) {
                if (Arrays.binarySearch(run, fingerprint) >= 0) {
                    return true;
                }
            }
            return false;
        }

        void add(long[] run) {
            Arrays.sort(run);
            runs.add(run);
        }
    }

    private record Entry(byte[] key, byte[] value) {
    }
}
