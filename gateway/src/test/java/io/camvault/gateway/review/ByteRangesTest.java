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

    @Test
    void unsatisfiable() {
        assertThat(ByteRanges.parse("bytes=100-", 100).kind()).isEqualTo(Kind.UNSATISFIABLE);
        assertThat(ByteRanges.parse("bytes=-0", 100).kind()).isEqualTo(Kind.UNSATISFIABLE);
        assertThat(ByteRanges.parse("bytes=0-", 0).kind()).isEqualTo(Kind.UNSATISFIABLE);
        // one satisfiable range among unsatisfiable ones is enough
        assertThat(ByteRanges.parse("bytes=200-300,0-0", 100).ranges()).containsExactly(new Range(0, 0));
    }
}
