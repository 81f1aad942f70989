package io.camvault.vault.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.camvault.vault.kv.ColumnFamily;
import io.camvault.vault.kv.KvBatch;
import io.camvault.vault.kv.KvStore;
import io.camvault.vault.kv.MemoryKvStore;
import io.camvault.vault.kv.RocksKvStore;
import io.camvault.vault.model.Segment;
import io.camvault.vault.model.SegmentId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Every search, followed page by page to the end, returns exactly what filtering and sorting a
 * plain list returns. Identifiers include prefixes of each other ("12", "123") and times cluster
 * around the epoch so that same-millisecond ties and negative times are common.
 */
class SegmentSearchPropertyTest {
    private static final List<String> OFFICERS = List.of("12", "123", "1", "警号7", "A-0001");
    private static final List<String> RECORDERS = List.of("SN1", "SN10", "SN100");
    private static final List<String> UNITS = List.of("U", "UU", "派出所");
    private static final List<String> CASES = List.of("c1", "c10", "8f1c0a3e-6a55-4c39-9d43-0a7d6fb1c2e4");

    enum Selector { OFFICER, RECORDER, UNIT, CASE, TIME }

    record Query(Selector selector, String value, Long from, Long to, int limit) {
        SegmentQuery toSegmentQuery() {
            Instant f = from == null ? null : Instant.ofEpochMilli(from);
            Instant t = to == null ? null : Instant.ofEpochMilli(to);
            return new SegmentQuery(selector == Selector.OFFICER ? value : null,
                    selector == Selector.RECORDER ? value : null, selector == Selector.UNIT ? value : null,
                    selector == Selector.CASE ? value : null, f, t, limit, null);
        }

        boolean matches(Segment s) {
            long start = s.recordedStart().toEpochMilli();
            boolean selected = switch (selector) {
                case OFFICER -> value.equals(s.officerBadge());
                case RECORDER -> value.equals(s.recorderSerial());
                case UNIT -> value.equals(s.unitCode());
                case CASE -> s.caseIds().contains(value);
                case TIME -> true;
            };
            return selected && (from == null || start >= from) && (to == null || start < to);
        }
    }

    @Property(tries = 80)
    void memorySearchesMatchTheModel(@ForAll("segments") @Size(max = 60) List<Segment> segments,
            @ForAll @Size(min = 1, max = 12) List<@net.jqwik.api.From("queries") Query> queries) {
        try (KvStore kv = new MemoryKvStore()) {
            insertAll(kv, segments);
            check(kv, segments, queries);
        }
    }

    @Property(tries = 50)
    void rocksSearchesMatchTheModel(@ForAll("segments") @Size(max = 60) List<Segment> segments,
            @ForAll @Size(min = 1, max = 12) List<@net.jqwik.api.From("queries") Query> queries) throws IOException {
        Path dir = Files.createTempDirectory("segment-search");
        try {
            try (KvStore kv = RocksKvStore.open(dir)) {
                insertAll(kv, segments);
                check(kv, segments, queries);
            }
        } finally {
            deleteTree(dir);
        }
    }

    /** The rebuild path: the same searches on an index filled by bulk load, in runs of 1–8. */
    @Property(tries = 60)
    void memoryBulkLoadedSearchesMatchTheModel(@ForAll("segments") @Size(max = 60) List<Segment> segments,
            @ForAll @Size(min = 1, max = 12) List<@net.jqwik.api.From("queries") Query> queries,
            @ForAll @IntRange(min = 1, max = 8) int runSize) {
        try (KvStore kv = new MemoryKvStore()) {
            new SegmentBulkLoader(kv, runSize).load(segments);
            check(kv, segments, queries);
        }
    }

    @Property(tries = 30)
    void rocksBulkLoadedSearchesMatchTheModel(@ForAll("segments") @Size(max = 60) List<Segment> segments,
            @ForAll @Size(min = 1, max = 12) List<@net.jqwik.api.From("queries") Query> queries,
            @ForAll @IntRange(min = 1, max = 8) int runSize) throws IOException {
        Path dir = Files.createTempDirectory("segment-search");
        try {
            try (KvStore kv = RocksKvStore.open(dir)) {
                new SegmentBulkLoader(kv, runSize).load(segments);
                check(kv, segments, queries);
            }
        } finally {
            deleteTree(dir);
        }
    }

    /** Stronger than equal answers: a bulk load writes exactly the keys and values inserts write. */
    @Property(tries = 60)
    void bulkLoadWritesExactlyWhatInsertsWrite(@ForAll("segments") @Size(max = 60) List<Segment> segments,
            @ForAll @IntRange(min = 1, max = 8) int runSize) {
        try (KvStore inserted = new MemoryKvStore(); KvStore loaded = new MemoryKvStore()) {
            insertAll(inserted, segments);
            new SegmentBulkLoader(loaded, runSize).load(segments);
            for (ColumnFamily cf : SegmentBulkLoader.SEGMENT_FAMILIES) {
                assertThat(dump(loaded, cf)).as("%s", cf).containsExactlyElementsOf(dump(inserted, cf));
            }
        }
    }

    private static List<String> dump(KvStore kv, ColumnFamily cf) {
        List<String> out = new ArrayList<>();
        kv.scan(cf, null, null, (k, v) -> out.add(HexFormat.of().formatHex(k) + "=" + HexFormat.of().formatHex(v)));
        return out;
    }

    private static void insertAll(KvStore kv, List<Segment> segments) {
        SegmentIndex index = new SegmentIndex(kv);
        for (Segment s : segments) {
            try (KvBatch batch = kv.newBatch()) {
                index.insert(batch, s);
                kv.writeUnsynced(batch);
            }
        }
    }

    /** Runs every query on a filled index, page by page, against the model. */
    private static void check(KvStore kv, List<Segment> segments, List<Query> queries) {
        SegmentIndex index = new SegmentIndex(kv);
        Comparator<Segment> order = Comparator.comparing((Segment s) -> s.recordedStart().toEpochMilli())
                .thenComparing(Segment::id);
        for (Query q : queries) {
            List<SegmentId> expected = segments.stream().filter(q::matches).sorted(order).map(Segment::id).toList();
            List<SegmentId> actual = new ArrayList<>();
            SegmentQuery sq = q.toSegmentQuery();
            int pages = 0;
            while (true) {
                Page<Segment> page = index.search(sq);
                assertThat(page.items().size()).isLessThanOrEqualTo(q.limit());
                page.items().forEach(s -> actual.add(s.id()));
                pages++;
                if (page.next() == null) {
                    break;
                }
                assertThat(page.items()).as("only the last page may be short").hasSize(q.limit());
                assertThat(page.next()).matches("[A-Za-z0-9_-]+");
                sq = sq.after(page.next());
                assertThat(pages).isLessThanOrEqualTo(segments.size() + 1);
            }
            assertThat(actual).as("%s", q).containsExactlyElementsOf(expected);
        }
    }

    @Provide
    Arbitrary<List<Segment>> segments() {
        Arbitrary<String> officer = Arbitraries.of(OFFICERS).injectNull(0.1);
        Arbitrary<String> recorder = Arbitraries.of(RECORDERS).injectNull(0.1);
        Arbitrary<String> unit = Arbitraries.of(UNITS).injectNull(0.1);
        Arbitrary<Long> start = Arbitraries.longs().between(-20, 20);
        Arbitrary<List<String>> cases = Arbitraries.of(CASES).set().ofMaxSize(2).map(List::copyOf);
        Arbitrary<Long> idHigh = Arbitraries.longs();
        Arbitrary<Segment> segment = Combinators.combine(officer, recorder, unit, start, cases, idHigh)
                .as((o, r, u, t, c, hi) -> SegmentFixtures.segment(new UUID(hi, 0), o, r, u, Instant.ofEpochMilli(t))
                        .withCaseIds(c));
        // distinct ids (and therefore distinct digests); low bits made unique after generation
        return segment.list().uniqueElements(Segment::id).map(SegmentSearchPropertyTest::uniqueLowBits);
    }

    private static List<Segment> uniqueLowBits(List<Segment> list) {
        List<Segment> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Segment s = list.get(i);
            out.add(SegmentFixtures.segment(new UUID(s.id().value().getMostSignificantBits(), i), s.officerBadge(),
                    s.recorderSerial(), s.unitCode(), s.recordedStart()).withCaseIds(s.caseIds()));
        }
        return out;
    }

    @Provide
    Arbitrary<Query> queries() {
        Arbitrary<Selector> selector = Arbitraries.of(Selector.class);
        Arbitrary<String> value = Arbitraries.of(Stream.of(OFFICERS, RECORDERS, UNITS, CASES, List.of("absent"))
                .flatMap(List::stream).filter(Objects::nonNull).toList());
        Arbitrary<Long> bound = Arbitraries.longs().between(-25, 25).injectNull(0.3);
        Arbitrary<Integer> limit = Arbitraries.integers().between(1, 7);
        return Combinators.combine(selector, value, bound, bound, limit)
                .as((s, v, f, t, l) -> new Query(s, pick(s, v), f, t, l));
    }

    /** Mostly query values of the selector's own kind, so most queries have hits. */
    private static String pick(Selector s, String v) {
        Function<List<String>, String> own = list -> list.contains(v) ? v : list.get(Math.abs(v.hashCode()) % list.size());
        return switch (s) {
            case OFFICER -> v.equals("absent") ? v : own.apply(OFFICERS);
            case RECORDER -> own.apply(RECORDERS);
            case UNIT -> own.apply(UNITS);
            case CASE -> own.apply(CASES);
            case TIME -> null;
        };
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
