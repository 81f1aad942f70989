package io.camvault.bench;

import io.camvault.vault.index.Page;
import io.camvault.vault.index.SegmentBulkLoader;
import io.camvault.vault.index.SegmentIndex;
import io.camvault.vault.index.SegmentQuery;
import io.camvault.vault.kv.ColumnFamily;
import io.camvault.vault.kv.Keys;
import io.camvault.vault.kv.KvBatch;
import io.camvault.vault.kv.KvStore;
import io.camvault.vault.kv.SegmentCodec;
import io.camvault.vault.kv.RocksKvStore;
import io.camvault.vault.model.Segment;
import io.camvault.vault.model.SegmentId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The segment index under load, against plain RocksDB in the same run.
 *
 * <p>Write phases, each against a baseline of the same number of raw puts of real encoded segment
 * values under a 16-byte key (no secondary keys, no read-before-write): online insert of
 * {@code --segments} segments (default 1,000,000; ~1,000 officers over one year, so about three
 * per officer per day) through {@code SegmentIndex.insert} in unsynced batches of {@code --batch}
 * and one flush; bulk load of the same segments through {@link SegmentBulkLoader} (sorted table
 * files, runs of {@code --run}), then a full compaction, timed apart; a few thousand synced
 * single-segment commits, the shape of live ingest. {@code --no-online} skips the online insert
 * and synced phases.
 *
 * <p>Query phase: {@code --queries} random officer + one-day window searches after a warm-up, with
 * a baseline of the same number of single-segment reads by id.
 *
 * <p>Segments arrive roughly in recording order unless {@code --shuffled} (see {@link BenchSegments}).
 *
 * <p>Run: {@code bench/index-bench.sh [--segments=N] [--officers=N] [--queries=N] [--synced=N]
 * [--batch=N] [--run=N] [--no-online] [--shuffled] [--dir=PATH]}.
 */
public final class IndexBench {
    private static final int QUERY_LIMIT = 100;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final int segments;
    private final int officers;
    private final int queries;
    private final int synced;
    private final int batchSize;
    private final boolean shuffled;
    private final int runSize;
    private final boolean withOnline;
    private final Path root;

    private IndexBench(int segments, int officers, int queries, int synced, int batchSize, boolean shuffled,
            int runSize, boolean withOnline, Path root) {
        this.runSize = runSize;
        this.withOnline = withOnline;
        this.segments = segments;
        this.officers = officers;
        this.queries = queries;
        this.synced = synced;
        this.batchSize = batchSize;
        this.shuffled = shuffled;
        this.root = root;
    }

    public static void main(String[] args) throws IOException {
        int segments = 1_000_000;
        int officers = 1_000;
        int queries = 10_000;
        int synced = 2_000;
        int batch = 1_000;
        boolean shuffled = false;
        int run = SegmentBulkLoader.DEFAULT_RUN_SIZE;
        boolean online = true;
        Path dir = null;
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            String value = kv.length == 2 ? kv[1] : "";
            switch (kv[0]) {
                case "--segments" -> segments = Integer.parseInt(value);
                case "--officers" -> officers = Integer.parseInt(value);
                case "--queries" -> queries = Integer.parseInt(value);
                case "--synced" -> synced = Integer.parseInt(value);
                case "--batch" -> batch = Integer.parseInt(value);
                case "--dir" -> dir = Path.of(value);
                case "--shuffled" -> shuffled = true;
                case "--run" -> run = Integer.parseInt(value);
                case "--no-online" -> online = false;
                default -> {
                    System.err.println("unknown option " + arg);
                    System.exit(2);
                }
            }
        }
        Path root = Files.createTempDirectory(dir == null ? Path.of(System.getProperty("java.io.tmpdir")) : dir,
                "camvault-index-bench");
        try {
            new IndexBench(segments, officers, queries, synced, batch, shuffled, run, online, root).run();
        } finally {
            deleteTree(root);
        }
    }

    private void run() {
        System.out.printf("camvault index bench: %,d segments (%s), %,d officers, batches of %,d, %,d queries; "
                        + "%d cores, Java %s, heap %d MB, dir %s%n", segments,
                shuffled ? "shuffled over the year" : "chronological", officers, batchSize, queries,
                Runtime.getRuntime().availableProcessors(), Runtime.version(),
                Runtime.getRuntime().maxMemory() >> 20, root);
        List<byte[]> sampleValues = sampleValues(1_000);
        double avgValue = sampleValues.stream().mapToInt(v -> v.length).average().orElse(0);
        System.out.printf("segment record: %.0f bytes on average (SegmentCodec v%d), 8 index keys per segment%n",
                avgValue, SegmentCodec.VERSION);

        try (KvStore raw = RocksKvStore.open(root.resolve("raw"));
             KvStore online = RocksKvStore.open(root.resolve("online"));
             RocksKvStore kv = RocksKvStore.open(root.resolve("index"))) {
            BulkResult rawBulk = rawBulk(raw, sampleValues);
            double rawRate = rawBulk.rate();
            System.out.printf("raw puts: process CPU %.1f us/put = %,.0f puts per CPU-second%n",
                    rawBulk.processCpuMicrosEach(), rawBulk.ratePerCpuSecond());
            if (withOnline) {
                BulkResult inserts = indexBulk(online);
                System.out.printf("online insert: process CPU %.1f us/segment = %,.0f segments per CPU-second"
                        + " = %.2f of raw%n", inserts.processCpuMicrosEach(), inserts.ratePerCpuSecond(),
                        inserts.ratePerCpuSecond() / rawBulk.ratePerCpuSecond());
                System.out.printf("online insert (SegmentIndex.insert, unsynced batches of %,d + flush): %,.0f segments/s"
                        + " vs raw puts %,.0f/s = %.2f of raw%n", batchSize, inserts.rate(), rawRate,
                        inserts.rate() / rawRate);
                System.out.printf("online insert, CPU of the loading thread: %.1f us/segment vs raw %.1f us/put = %.1f x%n",
                        inserts.cpuMicrosEach(), rawBulk.cpuMicrosEach(),
                        inserts.cpuMicrosEach() / rawBulk.cpuMicrosEach());
            }
            BulkResult bulk = indexBulkLoad(kv);
            System.out.printf("bulk load (SegmentBulkLoader, sorted table files, runs of %,d): %,.0f segments/s"
                    + " vs raw puts %,.0f/s = %.2f of raw; CPU %.1f us/segment%n", runSize, bulk.rate(), rawRate,
                    bulk.rate() / rawRate, bulk.cpuMicrosEach());
            System.out.printf("bulk load: process CPU %.1f us/segment = %,.0f segments per CPU-second = %.2f of raw%n",
                    bulk.processCpuMicrosEach(), bulk.ratePerCpuSecond(),
                    bulk.ratePerCpuSecond() / rawBulk.ratePerCpuSecond());
            long compactStarted = System.nanoTime();
            kv.compactAll();
            System.out.printf("compaction after the bulk load (compactRange, all families): %.1f s%n",
                    seconds(compactStarted));

            if (withOnline) {
                Latencies rawSynced = rawSynced(raw, sampleValues);
                Latencies indexSynced = indexSynced(online);
                System.out.printf("synced, 1 segment per batch: index %s; raw put %s; p50 ratio %.2f%n",
                        indexSynced.summary(), rawSynced.summary(), indexSynced.micros(0.5) / rawSynced.micros(0.5));
            }

            SegmentIndex index = new SegmentIndex(kv);
            Latencies gets = primaryGets(index, bulk.sampleIds());
            QueryResult q = officerDayQueries(index);
            System.out.printf("officer+day query (limit %d, %.2f segments per answer): %s%n", QUERY_LIMIT,
                    q.avgItems(), q.latencies().summary());
            System.out.printf("baseline get by id (1 read + decode): %s; query p50 = %.1f x get p50%n",
                    gets.summary(), q.latencies().micros(0.5) / gets.micros(0.5));
            System.out.printf("targets: bulk load >= 100,000 segments/s: %s; query p99 <= 1 ms: %s%n",
                    bulk.rate() >= 100_000 ? "met" : "MISSED", q.latencies().micros(0.99) <= 1_000 ? "met" : "MISSED");
        }
    }

    /** Wall-clock rate, and CPU of the loading thread alone (RocksDB's flush/compaction threads excluded). */
    private record BulkResult(double rate, double cpuMicrosEach, double processCpuMicrosEach,
            List<SegmentId> sampleIds) {
        /** Segments per second of process CPU (all threads, RocksDB's included): the rate on idle cores. */
        double ratePerCpuSecond() {
            return 1e6 / processCpuMicrosEach;
        }
    }

    private record QueryResult(Latencies latencies, double avgItems) {
    }

    /** Real encoded segments (from a different seed), reused as the raw phase's values. */
    private List<byte[]> sampleValues(int n) {
        BenchSegments gen = new BenchSegments(officers, n, shuffled, 7);
        List<byte[]> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(SegmentCodec.encode(gen.next()));
        }
        return values;
    }

    private BulkResult rawBulk(KvStore raw, List<byte[]> values) {
        long started = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        long processCpu = processCpuNanos();
        for (int done = 0; done < segments; ) {
            try (KvBatch batch = raw.newBatch()) {
                for (int i = 0; i < batchSize && done < segments; i++, done++) {
                    batch.put(ColumnFamily.SEGMENTS, rawKey(done), values.get(done % values.size()));
                }
                raw.writeUnsynced(batch);
            }
        }
        raw.flush();
        return new BulkResult(segments / seconds(started), cpuMicrosEach(cpu), processCpuMicrosEach(processCpu),
                List.of());
    }

    private BulkResult indexBulk(KvStore kv) {
        SegmentIndex index = new SegmentIndex(kv);
        BenchSegments gen = new BenchSegments(officers, segments, shuffled, 42);
        List<SegmentId> sample = new ArrayList<>();
        int every = Math.max(1, segments / queries);
        long started = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        long processCpu = processCpuNanos();
        for (int done = 0; done < segments; ) {
            try (KvBatch batch = kv.newBatch()) {
                for (int i = 0; i < batchSize && done < segments; i++, done++) {
                    Segment s = gen.next();
                    index.insert(batch, s);
                    if (done % every == 0) {
                        sample.add(s.id());
                    }
                }
                kv.writeUnsynced(batch);
            }
        }
        kv.flush();
        return new BulkResult(segments / seconds(started), cpuMicrosEach(cpu), processCpuMicrosEach(processCpu),
                sample);
    }

    /** The rebuild path: the same segments (same seed) through {@link SegmentBulkLoader}. */
    private BulkResult indexBulkLoad(KvStore kv) {
        BenchSegments gen = new BenchSegments(officers, segments, shuffled, 42);
        List<SegmentId> sample = new ArrayList<>();
        int every = Math.max(1, segments / queries);
        Iterable<Segment> stream = () -> new Iterator<>() {
            private int done;

            @Override
            public boolean hasNext() {
                return done < segments;
            }

            @Override
            public Segment next() {
                Segment s = gen.next();
                if (done++ % every == 0) {
                    sample.add(s.id());
                }
                return s;
            }
        };
        long started = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        long processCpu = processCpuNanos();
        long loaded = new SegmentBulkLoader(kv, runSize).load(stream);
        if (loaded != segments) {
            throw new IllegalStateException("bulk load took " + loaded + " of " + segments);
        }
        return new BulkResult(segments / seconds(started), cpuMicrosEach(cpu), processCpuMicrosEach(processCpu),
                sample);
    }

    private Latencies rawSynced(KvStore raw, List<byte[]> values) {
        Latencies l = new Latencies(synced);
        for (int i = 0; i < synced; i++) {
            long t = System.nanoTime();
            try (KvBatch batch = raw.newBatch()) {
                batch.put(ColumnFamily.SEGMENTS, rawKey(segments + i), values.get(i % values.size()));
                raw.write(batch);
            }
            l.add(System.nanoTime() - t);
        }
        return l;
    }

    private Latencies indexSynced(KvStore kv) {
        SegmentIndex index = new SegmentIndex(kv);
        BenchSegments gen = new BenchSegments(officers, synced, shuffled, 4242);
        Latencies l = new Latencies(synced);
        for (int i = 0; i < synced; i++) {
            Segment s = gen.next();
            long t = System.nanoTime();
            try (KvBatch batch = kv.newBatch()) {
                index.insert(batch, s);
                kv.write(batch);
            }
            l.add(System.nanoTime() - t);
        }
        return l;
    }

    private Latencies primaryGets(SegmentIndex index, List<SegmentId> ids) {
        settleHeap();
        SplittableRandom random = new SplittableRandom(3);
        Latencies l = new Latencies(queries);
        for (int i = 0; i < queries + queries / 5; i++) {
            SegmentId id = ids.get(random.nextInt(ids.size()));
            long t = System.nanoTime();
            boolean found = index.get(id).isPresent();
            long elapsed = System.nanoTime() - t;
            if (!found) {
                throw new IllegalStateException("sampled segment " + id + " not found");
            }
            if (i >= queries / 5) { // the first fifth warms up
                l.add(elapsed);
            }
        }
        return l;
    }

    private QueryResult officerDayQueries(SegmentIndex index) {
        settleHeap();
        SplittableRandom random = new SplittableRandom(11);
        Latencies l = new Latencies(queries);
        long items = 0;
        int warmup = queries / 5;
        for (int i = 0; i < warmup + queries; i++) {
            String badge = BenchSegments.badge(random.nextInt(officers));
            Instant from = BenchSegments.YEAR_START.plus(Duration.ofDays(random.nextInt(365)));
            SegmentQuery query = SegmentQuery.byOfficer(badge, from, from.plus(Duration.ofDays(1)), QUERY_LIMIT);
            long t = System.nanoTime();
            Page<Segment> page = index.search(query);
            long elapsed = System.nanoTime() - t;
            if (i >= warmup) {
                l.add(elapsed);
                items += page.items().size();
            }
        }
        return new QueryResult(l, (double) items / queries);
    }

    /**
     * Latency phases start on a collected heap: the loading phases leave hundreds of MB of garbage
     * whose collection would otherwise land in the middle of the query sample and be measured as
     * index latency. A daemon serving queries does not carry a bulk load's garbage.
     */
    private static void settleHeap() {
        System.gc();
    }

    /** The raw phase's keys: same width as a segment id, distinct per value. */
    private static byte[] rawKey(long n) {
        return Keys.segmentId(new SegmentId(new java.util.UUID(0x0190_0000_0000_7000L, n)));
    }

    private double cpuMicrosEach(long startedCpuNanos) {
        return (THREADS.getCurrentThreadCpuTime() - startedCpuNanos) / 1e3 / segments;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private double processCpuMicrosEach(long startedNanos) {
        return (processCpuNanos() - startedNanos) / 1e3 / segments;
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
