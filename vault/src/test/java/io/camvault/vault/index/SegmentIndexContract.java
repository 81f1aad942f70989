package io.camvault.vault.index;

import static io.camvault.vault.index.SegmentFixtures.segment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camvault.vault.VaultException;
import io.camvault.vault.kv.ColumnFamily;
import io.camvault.vault.kv.KvBatch;
import io.camvault.vault.kv.KvStore;
import io.camvault.vault.kv.Keys;
import io.camvault.vault.model.RetentionClass;
import io.camvault.vault.model.Segment;
import io.camvault.vault.model.SegmentId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What SegmentIndex promises, run against every {@link KvStore} implementation. */
abstract class SegmentIndexContract {
    static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");

    KvStore kv;
    SegmentIndex index;

    abstract KvStore openStore();

    @BeforeEach
    void open() {
        kv = openStore();
        index = new SegmentIndex(kv);
    }

    @AfterEach
    void close() {
        kv.close();
    }

    void commit(Consumer<KvBatch> changes) {
        try (KvBatch batch = kv.newBatch()) {
            changes.accept(batch);
            kv.write(batch);
        }
    }

    boolean has(ColumnFamily cf, byte[] key) {
        return kv.get(cf, key) != null;
    }

    static void assertKind(ThrowingCallable call, VaultException.Kind kind) {
        assertThatThrownBy(call).isInstanceOf(VaultException.class)
                .satisfies(e -> assertThat(((VaultException) e).kind()).isEqualTo(kind));
    }

    @Test
    void insertedSegmentIsFoundByIdAndHashWithAllSecondaryKeys() {
        Segment s = segment(1, "1001", T0).withCaseIds(List.of("case-a"));
        commit(b -> index.insert(b, s));

        assertThat(index.get(s.id())).contains(s);
        assertThat(index.findByHash(s.sha256())).contains(s);
        assertThat(has(ColumnFamily.SEGMENTS_BY_OFFICER, Keys.officerTimeKey("1001", T0, s.id()))).isTrue();
        assertThat(has(ColumnFamily.SEGMENTS_BY_RECORDER, Keys.recorderTimeKey(s.recorderSerial(), T0, s.id())))
                .isTrue();
        assertThat(has(ColumnFamily.SEGMENTS_BY_UNIT, Keys.unitTimeKey("U1", T0, s.id()))).isTrue();
        assertThat(has(ColumnFamily.SEGMENTS_BY_TIME, Keys.timeKey(T0, s.id()))).isTrue();
        assertThat(has(ColumnFamily.SEGMENTS_BY_CASE, Keys.caseTimeKey("case-a", T0, s.id()))).isTrue();
        assertThat(has(ColumnFamily.SEGMENTS_BY_RETAIN_UNTIL, Keys.timeKey(s.retainUntil(), s.id()))).isTrue();
    }

    @Test
    void nothingIsVisibleUntilTheBatchIsWritten() {
        Segment s = segment(1, "1001", T0);
        try (KvBatch batch = kv.newBatch()) {
            index.insert(batch, s);
            assertThat(index.get(s.id())).isEmpty();
            assertThat(index.findByHash(s.sha256())).isEmpty();
        }
        assertThat(index.get(s.id())).isEmpty();
    }

    @Test
    void absentSegmentIsEmpty() {
        assertThat(index.get(new SegmentId(new UUID(9, 9)))).isEmpty();
        assertThat(index.findByHash(SegmentFixtures.sha256("nothing"))).isEmpty();
    }

    @Test
    void insertOfAnExistingIdIsAConflict() {
        Segment s = segment(1, "1001", T0);
        commit(b -> index.insert(b, s));
        Segment sameIdOtherBytes = new Segment(s.id(), SegmentFixtures.sha256("other"), null, 1, "x.mp4",
                s.mediaKind(), null, null, null, T0, T0, 0, T0, null, null, null, RetentionClass.ROUTINE, null,
                null, null);
        assertKind(() -> commit(b -> index.insert(b, sameIdOtherBytes)), VaultException.Kind.CONFLICT);
    }

    @Test
    void insertOfAnExistingHashIsAConflict() {
        Segment s = segment(1, "1001", T0);
        commit(b -> index.insert(b, s));
        Segment sameBytes = new Segment(new SegmentId(new UUID(7, 7)), s.sha256(), null, s.size(), "copy.mp4",
                s.mediaKind(), null, "1002", null, T0, T0, 0, T0, null, null, null, RetentionClass.ROUTINE, null,
                null, null);
        assertKind(() -> commit(b -> index.insert(b, sameBytes)), VaultException.Kind.CONFLICT);
        assertThat(index.get(sameBytes.id())).isEmpty();
    }

    @Test
    void badIdentifierFailsBeforeAnythingIsStaged() {
        Segment s = segment(1, "x".repeat(17), T0);
        try (KvBatch batch = kv.newBatch()) {
            assertThatThrownBy(() -> index.insert(batch, s)).isInstanceOf(IllegalArgumentException.class);
            assertThat(batch.size()).isZero();
        }
    }

    @Test
    void nullOfficerRecorderAndUnitHaveNoEntries() {
        Segment s = segment(new UUID(5, 5), null, null, null, T0);
        commit(b -> index.insert(b, s));
        assertThat(count(ColumnFamily.SEGMENTS_BY_OFFICER)).isZero();
        assertThat(count(ColumnFamily.SEGMENTS_BY_RECORDER)).isZero();
        assertThat(count(ColumnFamily.SEGMENTS_BY_UNIT)).isZero();
        assertThat(index.search(SegmentQuery.byTime(null, null, 10)).items()).containsExactly(s);
    }

    @Test
    void updateOfAnAbsentSegmentIsNotFound() {
        Segment s = segment(1, "1001", T0);
        assertKind(() -> commit(b -> index.update(b, s, s.withCaseIds(List.of("c")))), VaultException.Kind.NOT_FOUND);
    }

    @Test
    void updateFromAStaleCopyIsAConflict() {
        Segment s = segment(1, "1001", T0);
        commit(b -> index.insert(b, s));
        Segment linked = s.withCaseIds(List.of("c"));
        commit(b -> index.update(b, s, linked));
        assertKind(() -> commit(b -> index.update(b, s, s.withCaseIds(List.of("d")))), VaultException.Kind.CONFLICT);
        assertThat(index.get(s.id())).contains(linked);
    }

    @Test
    void updateCannotChangeTheDigest() {
        Segment s = segment(1, "1001", T0);
        commit(b -> index.insert(b, s));
        Segment other = new Segment(s.id(), SegmentFixtures.sha256("x"), null, s.size(), s.originalName(),
                s.mediaKind(), s.recorderSerial(), s.officerBadge(), s.unitCode(), s.recordedStart(),
                s.recordedEnd(), 0, s.ingestedAt(), null, null, null, s.retentionClass(), s.retainUntil(), null, null);
        assertKind(() -> commit(b -> index.update(b, s, other)), VaultException.Kind.FORBIDDEN);
    }

    @Test
    void updateMovesOfficerAndTimeKeysAndTheOldKeysAreGone() {
        Segment s = segment(1, "1001", T0);
        commit(b -> index.insert(b, s));
        Instant later = T0.plusSeconds(60);
        Segment moved = segment(s.id().value(), "2002", s.recorderSerial(), "U2", later);
        commit(b -> index.update(b, s, moved));

        assertThat(has(ColumnFamily.SEGMENTS_BY_OFFICER, Keys.officerTimeKey("1001", T0, s.id()))).isFalse();
        assertThat(has(ColumnFamily.SEGMENTS_BY_UNIT, Keys.unitTimeKey("U1", T0, s.id()))).isFalse();
        assertThat(has(ColumnFamily.SEGMENTS_BY_TIME, Keys.timeKey(T0, s.id()))).isFalse();
        assertThat(has(ColumnFamily.SEGMENTS_BY_RECORDER, Keys.recorderTimeKey(s.recorderSerial(), T0, s.id())))
                .isFalse();
        assertThat(has(ColumnFamily.SEGMENTS_BY_OFFICER, Keys.officerTimeKey("2002", later, s.id()))).isTrue();
        assertThat(has(ColumnFamily.SEGMENTS_BY_UNIT, Keys.unitTimeKey("U2", later, s.id()))).isTrue();
        assertThat(count(ColumnFamily.SEGMENTS_BY_TIME)).isEqualTo(1);
        assertThat(count(ColumnFamily.SEGMENTS_BY_RECORDER)).isEqualTo(1);
        assertThat(index.search(SegmentQuery.byOfficer("1001", null, null, 10)).items()).isEmpty();
        assertThat(index.search(SegmentQuery.byOfficer("2002", null, null, 10)).items()).containsExactly(moved);
        assertThat(index.findByHash(s.sha256())).contains(moved);
    }

    @Test
    void caseLinksAddAndRemoveCaseKeys() {
        Segment s = segment(1, "1001", T0);
        commit(b -> index.insert(b, s));
        Segment linked = s.withCaseIds(List.of("case-a", "case-b"));
        commit(b -> index.update(b, s, linked));
        assertThat(byCase("case-a")).containsExactly(linked);
        assertThat(byCase("case-b")).containsExactly(linked);

        Segment unlinked = linked.withCaseIds(List.of("case-b"));
        commit(b -> index.update(b, linked, unlinked));
        assertThat(has(ColumnFamily.SEGMENTS_BY_CASE, Keys.caseTimeKey("case-a", T0, s.id()))).isFalse();
        assertThat(byCase("case-a")).isEmpty();
        assertThat(byCase("case-b")).containsExactly(unlinked);
    }

    @Test
    void caseSearchListsFootageInRecordedOrder() {
        Segment late = segment(1, "1001", T0.plusSeconds(90)).withCaseIds(List.of("c"));
        Segment early = segment(2, "1002", T0).withCaseIds(List.of("c"));
        commit(b -> index.insert(b, late));
        commit(b -> index.insert(b, early));
        assertThat(byCase("c")).containsExactly(early, late);
    }

    @Test
    void retentionKeyMovesWhenExtendedAndDisappearsWhenPermanent() {
        Segment s = segment(1, "1001", T0);
        commit(b -> index.insert(b, s));
        Instant extended = s.retainUntil().plusSeconds(86_400L * 365);
        Segment evidence = s.withRetention(RetentionClass.EVIDENCE, extended);
        commit(b -> index.update(b, s, evidence));
        assertThat(has(ColumnFamily.SEGMENTS_BY_RETAIN_UNTIL, Keys.timeKey(s.retainUntil(), s.id()))).isFalse();
        assertThat(has(ColumnFamily.SEGMENTS_BY_RETAIN_UNTIL, Keys.timeKey(extended, s.id()))).isTrue();

        Segment major = evidence.withRetention(RetentionClass.MAJOR, null);
        commit(b -> index.update(b, evidence, major));
        assertThat(count(ColumnFamily.SEGMENTS_BY_RETAIN_UNTIL)).isZero();
    }

    @Test
    void retentionScanVisitsExpiredOldestFirstSkipsPermanentAndStopsWhenAsked() {
        Segment a = segment(1, "1001", T0).withRetention(RetentionClass.ROUTINE, T0.plusSeconds(30));
        Segment b = segment(2, "1001", T0).withRetention(RetentionClass.ROUTINE, T0.plusSeconds(10));
        Segment c = segment(3, "1001", T0).withRetention(RetentionClass.ROUTINE, T0.plusSeconds(20));
        Segment permanent = segment(4, "1001", T0).withRetention(RetentionClass.MAJOR, null);
        Segment notYet = segment(5, "1001", T0).withRetention(RetentionClass.ROUTINE, T0.plusSeconds(40));
        for (Segment s : List.of(a, b, c, permanent, notYet)) {
            commit(batch -> index.insert(batch, s));
        }
        List<Segment> seen = new ArrayList<>();
        index.forEachRetainUntilBefore(T0.plusSeconds(40), seen::add);
        assertThat(seen).containsExactly(b, c, a);

        List<Segment> firstTwo = new ArrayList<>();
        index.forEachRetainUntilBefore(Instant.MAX, s -> {
            firstTwo.add(s);
            return firstTwo.size() < 2;
        });
        assertThat(firstTwo).containsExactly(b, c);
    }

    @Test
    void searchPagesWithCursorsAndRejectsForeignOnes() {
        for (int i = 0; i < 5; i++) {
            Segment s = segment(i, "1001", T0.plusSeconds(i));
            commit(b -> index.insert(b, s));
        }
        Page<Segment> first = index.search(SegmentQuery.byOfficer("1001", null, null, 2));
        assertThat(first.items()).extracting(Segment::recordedStart).containsExactly(T0, T0.plusSeconds(1));
        Page<Segment> last = index.search(SegmentQuery.byOfficer("1001", null, null, 3).after(first.next()));
        assertThat(last.items()).extracting(Segment::recordedStart)
                .containsExactly(T0.plusSeconds(2), T0.plusSeconds(3), T0.plusSeconds(4));
        assertThat(last.next()).isNull();

        assertThatThrownBy(() -> index.search(SegmentQuery.byOfficer("1002", null, null, 2).after(first.next())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> index.search(SegmentQuery.byTime(null, null, 2).after(first.next())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> index.search(SegmentQuery.byOfficer("1001", null, null, 2).after("%%%")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void boundsBeyondTheStorableTimesAreClampedNotRejected() {
        Segment s = segment(1, "1001", T0);
        commit(b -> index.insert(b, s));
        assertThat(index.search(SegmentQuery.byOfficer("1001", Instant.MIN, Instant.MAX, 5)).items())
                .containsExactly(s);
        assertThat(index.search(SegmentQuery.byTime(Instant.MIN, Instant.MAX, 5)).items()).containsExactly(s);
        assertThat(index.search(SegmentQuery.byTime(Instant.MAX, null, 5)).items()).isEmpty();
        assertThat(index.search(SegmentQuery.byTime(null, Instant.MIN, 5)).items()).isEmpty();
        List<Segment> expired = new ArrayList<>();
        index.forEachRetainUntilBefore(Instant.MIN, expired::add);
        assertThat(expired).isEmpty();
    }

    @Test
    void aPageThatEndsExactlyAtTheLastMatchHasNoNext() {
        Segment s = segment(1, "1001", T0);
        commit(b -> index.insert(b, s));
        assertThat(index.search(SegmentQuery.byOfficer("1001", null, null, 1)).next()).isNull();
    }

    private List<Segment> byCase(String caseId) {
        return index.search(new SegmentQuery(null, null, null, caseId, null, null, 100, null)).items();
    }

    private int count(ColumnFamily cf) {
        int[] n = new int[1];
        kv.scan(cf, null, null, (k, v) -> ++n[0] > 0);
        return n[0];
    }
}
