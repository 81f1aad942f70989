package io.camvault.gateway.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.camvault.gateway.review.ByteRanges.Kind;
import io.camvault.gateway.review.ByteRanges.Range;
import org.junit.jupiter.api.Test;

class ByteRangesTest {

    @Test
    void noHeaderOrOtherUnitOrGarbageMeansWhole() {
        assertThat(ByteRanges.parse(null, 100).kind()).isEqualTo(Kind.WHOLE);
        assertThat(ByteRanges.parse("items=0-1", 100).kind()).isEqualTo(Kind.WHOLE);
        assertThat(ByteRanges.parse("bytes=5-2", 100).kind()).isEqualTo(Kind.WHOLE);
        assertThat(ByteRanges.parse("bytes=a-b", 100).kind()).isEqualTo(Kind.WHOLE);
        assertThat(ByteRanges.parse("bytes=-", 100).kind()).isEqualTo(Kind.WHOLE);
        assertThat(ByteRanges.parse("bytes=" + "0-0,".repeat(40) + "0-0", 100).kind()).isEqualTo(Kind.WHOLE);
    }

    @Test
    void firstMiddleOpenSuffixAndMultiple() {
        assertThat(ByteRanges.parse("bytes=0-9", 100).ranges()).containsExactly(new Range(0, 9));
        assertThat(ByteRanges.parse("bytes=40-59", 100).ranges()).containsExactly(new Range(40, 59));
        assertThat(ByteRanges.parse("bytes=90-", 100).ranges()).containsExactly(new Range(90, 99));
        assertThat(ByteRanges.parse("bytes=95-500", 100).ranges()).containsExactly(new Range(95, 99));
        assertThat(ByteRanges.parse("bytes=-10", 100).ranges()).containsExactly(new Range(90, 99));
        assertThat(ByteRanges.parse("bytes=-500", 100).ranges()).containsExactly(new Range(0, 99));
        ByteRanges.Result multi = ByteRanges.parse("bytes=0-1, 10-19,-5", 100);
        assertThat(multi.kind()).isEqualTo(Kind.PARTIAL);
        assertThat(multi.ranges()).containsExactly(new Range(0, 1), new Range(10, 19), new Range(95, 99));
        assertThat(ByteRanges.describe(multi.ranges())).isEqualTo("0-1,10-19,95-99");
    }

    /** Issue 16: 32 overlapping {@code 0-} ranges returned 32 copies of the file. */
    @Test
    void rangeAmplificationOverlappingRangesSendEachByteOnce() {
        ByteRanges.Result r = ByteRanges.parse("bytes=" + "0-,".repeat(31) + "0-", 100);
        assertThat(r.kind()).isEqualTo(Kind.PARTIAL);
        assertThat(r.ranges()).containsExactly(new Range(0, 99));
        // overlapping, adjacent, contained and unordered ranges: each byte at most once, in order
        ByteRanges.Result mixed = ByteRanges.parse("bytes=50-59,0-9,5-19,20-29,-10,55-56,92-", 100);
        assertThat(mixed.ranges()).containsExactly(new Range(0, 29), new Range(50, 59), new Range(90, 99));
        // disjoint ranges keep the order the client asked for
        assertThat(ByteRanges.parse("bytes=40-49,0-9", 100).ranges())
                .containsExactly(new Range(40, 49), new Range(0, 9));
    }

    @net.jqwik.api.Property
    void rangesNeverAddUpToMoreThanTheFile(
            @net.jqwik.api.ForAll @net.jqwik.api.constraints.Size(min = 1, max = 32) java.util.List<
                    @net.jqwik.api.constraints.IntRange(min = 0, max = 120) Integer> starts,
            @net.jqwik.api.ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 100) int length) {
        StringBuilder h = new StringBuilder("bytes=");
        for (int i = 0; i < starts.size(); i++) {
            h.append(i == 0 ? "" : ",").append(starts.get(i)).append('-').append(i % 3 == 0 ? "" : starts.get(i) + i);
        }
        ByteRanges.Result r = ByteRanges.parse(h.toString(), length);
        long sum = r.ranges().stream().mapToLong(Range::length).sum();
        assertThat(sum).isLessThanOrEqualTo(length);
        for (int i = 0; i < r.ranges().size(); i++) {
            for (int j = i + 1; j < r.ranges().size(); j++) {
                Range a = r.ranges().get(i);
                Range b = r.ranges().get(j);
                assertThat(a.last() < b.first() - 1 || b.last() < a.first() - 1).as("%s and %s", a, b).isTrue();
            }
        }
    }

    @Test
    void unsatisfiable() {
        assertThat(ByteRanges.parse("bytes=100-", 100).kind()).isEqualTo(Kind.UNSATISFIABLE);
        assertThat(ByteRanges.parse("bytes=-0", 100).kind()).isEqualTo(Kind.UNSATISFIABLE);
        assertThat(ByteRanges.parse("bytes=0-", 0).kind()).isEqualTo(Kind.UNSATISFIABLE);
        // one satisfiable range among unsatisfiable ones is enough
        assertThat(ByteRanges.parse("bytes=200-300,0-0", 100).ranges()).containsExactly(new Range(0, 0));
    }
}
