package io.camvault.vault.index;

import static io.camvault.vault.index.SegmentFixtures.segment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camvault.vault.VaultException;
import io.camvault.vault.kv.BulkLoader;
import io.camvault.vault.kv.ColumnFamily;
import io.camvault.vault.kv.KvBatch;
import io.camvault.vault.kv.KvStore;
import io.camvault.vault.model.Segment;
import io.camvault.vault.testsupport.StoreKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The bulk-load rules, on both stores. Query equivalence with inserts: SegmentSearchPropertyTest. */
class SegmentBulkLoaderTest {
    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");

    private static List<Segment> segments(int n) {
        List<Segment> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(segment(i, "100" + i % 3, T0.plusSeconds(i)).withCaseIds(i % 4 == 0 ? List.of("c" + i) : List.of()));
        }
        return out;
    }

    private static void assertConflict(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOf(VaultException.class)
                .satisfies(e -> assertThat(((VaultException) e).kind()).isEqualTo(VaultException.Kind.CONFLICT));
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void loadsInRunsAndSurvivesARestart(StoreKind kind) {
        try (StoreKind.TestStore store = kind.open()) {
            List<Segment> all = segments(25);
            assertThat(new SegmentBulkLoader(store.kv(), 7).load(all)).isEqualTo(25);
            SegmentIndex index = new SegmentIndex(store.reopen());
            for (Segment s : all) {
                assertThat(index.get(s.id())).contains(s);
                assertThat(index.findByHash(s.sha256())).contains(s);
            }
            assertThat(index.search(SegmentQuery.byOfficer("1001", null, null, 100)).items())
                    .containsExactlyElementsOf(all.stream().filter(s -> s.officerBadge().equals("1001")).toList());
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void refusesAnIndexThatHoldsASegment(StoreKind kind) {
        try (StoreKind.TestStore store = kind.open()) {
            KvStore kv = store.kv();
            try (KvBatch batch = kv.newBatch()) {
                new SegmentIndex(kv).insert(batch, segment(1000, "9", T0));
                kv.write(batch);
            }
            assertConflict(() -> new SegmentIndex(kv).bulkLoad(segments(3)));
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aRepeatedIdOrDigestFailsWithinARunAndAcrossRuns(StoreKind kind) {
        Segment first = segment(new UUID(5, 5), "1", "R", "U", T0);
        Segment sameId = segment(new UUID(5, 5), "2", "R", "U", T0.plusSeconds(9));
        Segment sameDigest = new Segment(new io.camvault.vault.model.SegmentId(new UUID(6, 6)), first.sha256(), null,
                1, "x.mp4", null, null, null, null, T0, T0, 0, T0, null, null, null, first.retentionClass(), null,
                List.of(), List.of());
        for (int runSize : new int[] {10, 1}) {
            for (Segment repeat : List.of(sameId, sameDigest)) {
                try (StoreKind.TestStore store = kind.open()) {
                    assertConflict(() -> new SegmentBulkLoader(store.kv(), runSize).load(List.of(first, repeat)));
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aSortedLoadWantsAscendingKeysAndShowsNothingBeforeCommit(StoreKind kind) {
        try (StoreKind.TestStore store = kind.open()) {
            BulkLoader loader = (BulkLoader) store.kv();
            try (BulkLoader.SortedLoad load = loader.newSortedLoad(ColumnFamily.META)) {
                load.add(new byte[] {1}, new byte[] {10});
                assertThatThrownBy(() -> load.add(new byte[] {1}, new byte[] {11}))
                        .isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> load.add(new byte[] {0}, new byte[] {11}))
                        .isInstanceOf(IllegalArgumentException.class);
                load.add(new byte[] {2}, new byte[] {20});
                assertThat(store.kv().get(ColumnFamily.META, new byte[] {1})).isNull();
                load.commit();
                assertThat(load.count()).isEqualTo(2);
            }
            assertThat(store.kv().get(ColumnFamily.META, new byte[] {2})).containsExactly(20);
            try (BulkLoader.SortedLoad abandoned = loader.newSortedLoad(ColumnFamily.META)) {
                abandoned.add(new byte[] {3}, new byte[] {30});
            }
            try (BulkLoader.SortedLoad empty = loader.newSortedLoad(ColumnFamily.META)) {
                empty.commit();
            }
            assertThat(store.kv().get(ColumnFamily.META, new byte[] {3})).isNull();
        }
    }
}
