package io.camvault.vault.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camvault.vault.model.SegmentId;
import io.camvault.vault.model.Sha256;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Positive;
import net.jqwik.api.constraints.Size;

/** Round trip and ordering of every key layout: encoded byte order must equal natural order. */
class KeysPropertyTest {

    @Property
    void timeRoundTripsAndOrdersLikeMillis(@ForAll long a, @ForAll long b) {
        Instant ia = Instant.ofEpochMilli(a);
        Instant ib = Instant.ofEpochMilli(b);
        assertThat(Keys.decodeTime(Keys.time(ia), 0)).isEqualTo(ia);
        assertThat(Integer.signum(Arrays.compareUnsigned(Keys.time(ia), Keys.time(ib))))
                .isEqualTo(Integer.signum(Long.compare(a, b)));
    }

    @Example
    void negativeTimesSortBeforeTheEpochAndAfterEachOther() {
        byte[] minusTwo = Keys.time(Instant.ofEpochMilli(-2));
        byte[] minusOne = Keys.time(Instant.ofEpochMilli(-1));
        byte[] epoch = Keys.time(Instant.EPOCH);
        assertThat(Arrays.compareUnsigned(minusTwo, minusOne)).isNegative();
        assertThat(Arrays.compareUnsigned(minusOne, epoch)).isNegative();
    }

    @Property
    void segmentIdsRoundTripAndOrderLikeSegmentId(@ForAll long msbA, @ForAll long lsbA, @ForAll long msbB,
            @ForAll long lsbB) {
        SegmentId a = new SegmentId(new UUID(msbA, lsbA));
        SegmentId b = new SegmentId(new UUID(msbB, lsbB));
        assertThat(Keys.decodeSegmentId(Keys.segmentId(a), 0)).isEqualTo(a);
        assertThat(Keys.trailingSegmentId(Keys.segment(a))).isEqualTo(a);
        assertThat(Integer.signum(Arrays.compareUnsigned(Keys.segmentId(a), Keys.segmentId(b))))
                .isEqualTo(Integer.signum(a.compareTo(b)));
    }

    @Property
    void identifiersRoundTripAndOrderByCodePoints(@ForAll("identifiers") String a, @ForAll("identifiers") String b) {
        assertThat(Keys.identifier(a)).hasSize(Keys.IDENTIFIER_BYTES);
        assertThat(Keys.decodeIdentifier(Keys.identifier(a), 0)).isEqualTo(a);
        assertThat(Integer.signum(Arrays.compareUnsigned(Keys.identifier(a), Keys.identifier(b))))
                .isEqualTo(Integer.signum(compareCodePoints(a, b)));
    }

    /** The reason for fixed width: one officer's keys never fall inside another's range. */
    @Property
    void oneIdentifiersKeysNeverFallInAnothersRange(@ForAll("identifiers") String a, @ForAll("identifiers") String b,
            @ForAll long millis, @ForAll long msb, @ForAll long lsb) {
        byte[] key = Keys.officerTimeKey(b, Instant.ofEpochMilli(millis), new SegmentId(new UUID(msb, lsb)));
        boolean inA = within(key, Keys.officerRangeStart(a, null), Keys.officerRangeEnd(a, null));
        assertThat(inA).isEqualTo(a.equals(b));
    }

    @Property
    void identifierTimeKeysOrderAsTuplesAndDecode(@ForAll("identifiers") String ia, @ForAll("smallTimes") long ta,
            @ForAll("smallIds") long ida, @ForAll("identifiers") String ib, @ForAll("smallTimes") long tb,
            @ForAll("smallIds") long idb) {
        SegmentId sa = new SegmentId(new UUID(ida, 0));
        SegmentId sb = new SegmentId(new UUID(idb, 0));
        byte[] ka = Keys.recorderTimeKey(ia, Instant.ofEpochMilli(ta), sa);
        byte[] kb = Keys.recorderTimeKey(ib, Instant.ofEpochMilli(tb), sb);
        assertThat(ka).hasSize(Keys.IDENTIFIER_TIME_KEY_BYTES);
        assertThat(Keys.decodeIdentifier(ka, 0)).isEqualTo(ia);
        assertThat(Keys.decodeTime(ka, Keys.IDENTIFIER_BYTES)).isEqualTo(Instant.ofEpochMilli(ta));
        assertThat(Keys.trailingSegmentId(ka)).isEqualTo(sa);
        int expected = compareCodePoints(ia, ib);
        if (expected == 0) {
            expected = Long.compare(ta, tb);
        }
        if (expected == 0) {
            expected = sa.compareTo(sb);
        }
        assertThat(Integer.signum(Arrays.compareUnsigned(ka, kb))).isEqualTo(Integer.signum(expected));
    }

    /** [rangeStart(from), rangeEnd(to)) holds exactly the keys with from <= time < to. */
    @Property
    void identifierRangesHoldExactlyTheirTimeWindow(@ForAll("identifiers") String id, @ForAll("smallTimes") long t,
            @ForAll("smallTimes") long from, @ForAll("smallTimes") long to, @ForAll long msb, @ForAll long lsb) {
        byte[] key = Keys.unitTimeKey(id, Instant.ofEpochMilli(t), new SegmentId(new UUID(msb, lsb)));
        boolean in = within(key, Keys.identifierRangeStart(id, Instant.ofEpochMilli(from)),
                Keys.identifierRangeEnd(id, Instant.ofEpochMilli(to)));
        assertThat(in).isEqualTo(from <= t && t < to);
    }

    @Property
    void caseTimeKeysRoundTrip(@ForAll("caseIds") String caseId, @ForAll long millis, @ForAll long msb,
            @ForAll long lsb) {
        SegmentId id = new SegmentId(new UUID(msb, lsb));
        byte[] key = Keys.caseTimeKey(caseId, Instant.ofEpochMilli(millis), id);
        assertThat(key).hasSize(Keys.CASE_TIME_KEY_BYTES);
        assertThat(Keys.decodeCaseId(key, 0)).isEqualTo(caseId);
        assertThat(Keys.decodeTime(key, Keys.CASE_ID_BYTES)).isEqualTo(Instant.ofEpochMilli(millis));
        assertThat(Keys.trailingSegmentId(key)).isEqualTo(id);
        assertThat(within(key, Keys.caseRangeStart(caseId, null), Keys.caseRangeEnd(caseId, null))).isTrue();
    }

    @Property
    void timeKeysOrderAsTuples(@ForAll("smallTimes") long ta, @ForAll("smallIds") long ida,
            @ForAll("smallTimes") long tb, @ForAll("smallIds") long idb) {
        SegmentId sa = new SegmentId(new UUID(ida, ida));
        SegmentId sb = new SegmentId(new UUID(idb, idb));
        byte[] ka = Keys.timeKey(Instant.ofEpochMilli(ta), sa);
        byte[] kb = Keys.timeKey(Instant.ofEpochMilli(tb), sb);
        int expected = ta != tb ? Long.compare(ta, tb) : sa.compareTo(sb);
        assertThat(Integer.signum(Arrays.compareUnsigned(ka, kb))).isEqualTo(Integer.signum(expected));
        assertThat(Keys.trailingSegmentId(ka)).isEqualTo(sa);
    }

    @Property
    void auditSeqRoundTripsAndOrders(@ForAll @Positive long a, @ForAll @Positive long b) {
        assertThat(Keys.decodeAuditSeq(Keys.auditSeq(a))).isEqualTo(a);
        assertThat(Integer.signum(Arrays.compareUnsigned(Keys.auditSeq(a), Keys.auditSeq(b))))
                .isEqualTo(Integer.signum(Long.compare(a, b)));
    }

    @Property
    void auditSubjectKeysGroupBySubjectAndOrderBySeq(@ForAll String subject, @ForAll String other,
            @ForAll @Positive long a, @ForAll @Positive long b) {
        byte[] ka = Keys.auditSubject(subject, a);
        byte[] prefix = Keys.auditSubjectPrefix(subject);
        assertThat(Arrays.copyOf(ka, prefix.length)).isEqualTo(prefix);
        assertThat(Keys.decodeAuditSubjectSeq(ka)).isEqualTo(a);
        assertThat(Integer.signum(Arrays.compareUnsigned(ka, Keys.auditSubject(subject, b))))
                .isEqualTo(Integer.signum(Long.compare(a, b)));
        boolean otherInRange = within(Keys.auditSubject(other, b), prefix, Keys.prefixEnd(prefix));
        assertThat(otherInRange).isEqualTo(subject.equals(other));
    }

    @Property
    void successorIsTheNextKey(@ForAll @Size(max = 8) byte[] key, @ForAll @Size(max = 9) byte[] other) {
        byte[] next = Keys.successor(key);
        assertThat(Arrays.compareUnsigned(next, key)).isPositive();
        // nothing lies strictly between a key and its successor
        assertThat(Arrays.compareUnsigned(other, key) > 0 && Arrays.compareUnsigned(other, next) < 0).isFalse();
    }

    @Property
    void prefixEndBoundsEveryExtension(@ForAll @Size(min = 1, max = 6) byte[] prefix,
            @ForAll @Size(max = 4) byte[] tail) {
        byte[] end = Keys.prefixEnd(prefix);
        byte[] extended = Keys.concat(prefix, tail);
        assertThat(end == null || Arrays.compareUnsigned(extended, end) < 0).isTrue();
    }

    @Property
    void sha256KeysRoundTrip(@ForAll @Size(32) byte[] digest) {
        assertThat(Sha256.of(Keys.sha256(Sha256.of(digest)))).isEqualTo(Sha256.of(digest));
    }

    @Property
    void identifiersLongerThan16BytesAreRejected(@ForAll @IntRange(min = 17, max = 40) int length) {
        assertThatThrownBy(() -> Keys.identifier("7".repeat(length))).isInstanceOf(IllegalArgumentException.class);
    }

    @Example
    void badIdentifiersAreRejected() {
        assertThatThrownBy(() -> Keys.identifier("12\u00003")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Keys.identifier("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Keys.identifier(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Keys.identifier("\ud800x")).isInstanceOf(IllegalArgumentException.class);
        // six three-byte characters are 18 bytes although only 6 chars
        assertThatThrownBy(() -> Keys.identifier("派出所派出所")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Keys.decodeIdentifier(Keys.identifier("派出所派出所".substring(0, 5)), 0)).isEqualTo("派出所派出");
        assertThatThrownBy(() -> Keys.caseId("x".repeat(37))).isInstanceOf(IllegalArgumentException.class);
        assertThat(Keys.caseId(UUID.randomUUID().toString())).hasSize(Keys.CASE_ID_BYTES);
        assertThatThrownBy(() -> Keys.auditSeq(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Provide
    Arbitrary<String> identifiers() {
        Arbitrary<Integer> codePoints = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.of('1', '2', '3', 'A', 'a', '-').map(c -> (int) c)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(1, 0xD7FF)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0xE000, 0x10FFFF)));
        return codePoints.list().ofMinSize(1).ofMaxSize(16)
                .map(cps -> cps.stream().map(Character::toString).collect(Collectors.joining()))
                .filter(s -> s.getBytes(StandardCharsets.UTF_8).length <= Keys.IDENTIFIER_BYTES);
    }

    @Provide
    Arbitrary<String> caseIds() {
        return Arbitraries.oneOf(Arbitraries.create(() -> UUID.randomUUID().toString()),
                Arbitraries.strings().alpha().numeric().withChars("-_").ofMinLength(1).ofMaxLength(36));
    }

    /** Narrow ranges so that ties (same millisecond, same identifier) are common. */
    @Provide
    Arbitrary<Long> smallTimes() {
        return Arbitraries.longs().between(-3, 3);
    }

    @Provide
    Arbitrary<Long> smallIds() {
        return Arbitraries.of(List.of(Long.MIN_VALUE, -1L, 0L, 1L, Long.MAX_VALUE));
    }

    private static boolean within(byte[] key, byte[] start, byte[] end) {
        return (start == null || Arrays.compareUnsigned(key, start) >= 0)
                && (end == null || Arrays.compareUnsigned(key, end) < 0);
    }

    private static int compareCodePoints(String a, String b) {
        int[] ca = a.codePoints().toArray();
        int[] cb = b.codePoints().toArray();
        return Arrays.compare(ca, cb);
    }
}
