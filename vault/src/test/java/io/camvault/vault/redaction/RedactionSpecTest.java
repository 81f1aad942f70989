package io.camvault.vault.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactionSpecTest {

    private static final Region A = Region.still(1000, 3000, new Box(10, 20, 100, 80));
    private static final Region B = new Region(0, 4000, Region.AUTO_FACES, List.of(
            new Keyframe(2000, 300, 0, 60, 60), new Keyframe(0, 100, 0, 40, 40)));

    @Test
    void canonicalJsonIsTheSameWhateverOrderTheRegionsWereDrawnIn() {
        var one = new RedactionSpec(Method.PIXELATE, List.of(A, B), List.of(new TimeRange(500, 900)));
        var two = new RedactionSpec(Method.PIXELATE, List.of(B, A), List.of(new TimeRange(500, 900)));
        assertThat(one.canonicalJson()).isEqualTo(two.canonicalJson());
        assertThat(one.sha256()).isEqualTo(two.sha256());
        assertThat(one.canonicalJson()).isEqualTo("{\"method\":\"pixelate\",\"mutes\":[{\"from\":500,\"to\":900}],"
                + "\"regions\":[{\"from\":0,\"keyframes\":[{\"h\":40,\"t\":0,\"w\":40,\"x\":100,\"y\":0},"
                + "{\"h\":60,\"t\":2000,\"w\":60,\"x\":300,\"y\":0}],\"source\":\"auto:faces\",\"to\":4000},"
                + "{\"from\":1000,\"keyframes\":[{\"h\":80,\"t\":1000,\"w\":100,\"x\":10,\"y\":20}],"
                + "\"source\":\"manual\",\"to\":3000}],\"version\":1}");
    }

    @Test
    void canonicalJsonParsesBackToTheSameSpec() {
        var spec = new RedactionSpec(Method.BLUR, List.of(A, B), List.of(new TimeRange(500, 900)));
        var back = RedactionSpec.parse(spec.canonicalJson());
        assertThat(back).isEqualTo(spec);
        assertThat(back.sha256()).isEqualTo(spec.sha256());
    }

    @Test
    void anyChangeChangesTheHash() {
        var spec = new RedactionSpec(Method.BOX, List.of(A), List.of());
        assertThat(new RedactionSpec(Method.BLUR, List.of(A), List.of()).sha256()).isNotEqualTo(spec.sha256());
        assertThat(new RedactionSpec(Method.BOX, List.of(Region.still(1000, 3001, new Box(10, 20, 100, 80))), List.of())
                .sha256()).isNotEqualTo(spec.sha256());
    }

    @Test
    void boxesMoveLinearlyBetweenKeyframesAndHoldOutsideThem() {
        assertThat(B.boxAt(0)).isEqualTo(new Box(100, 0, 40, 40));
        assertThat(B.boxAt(1000)).isEqualTo(new Box(200, 0, 50, 50));
        assertThat(B.boxAt(3500)).isEqualTo(new Box(300, 0, 60, 60));
        var spec = new RedactionSpec(Method.BOX, List.of(A, B), List.of());
        assertThat(spec.boxesAt(999)).hasSize(1);
        assertThat(spec.boxesAt(1000)).hasSize(2);
        assertThat(spec.boxesAt(3000)).hasSize(1);
        assertThat(spec.boxesAt(4000)).isEmpty();
    }

    @Test
    void muteRangesAreHalfOpenInMicroseconds() {
        var spec = new RedactionSpec(Method.BOX, List.of(), List.of(new TimeRange(1000, 2000)));
        assertThat(spec.mutedAtMicros(999_999)).isFalse();
        assertThat(spec.mutedAtMicros(1_000_000)).isTrue();
        assertThat(spec.mutedAtMicros(1_999_999)).isTrue();
        assertThat(spec.mutedAtMicros(2_000_000)).isFalse();
    }

    @Test
    void parseRefusesWhatWouldHideLessThanMeant() {
        assertThatThrownBy(() -> RedactionSpec.parse("{\"method\":\"pixelate\",\"regons\":[]}"))
                .hasMessageContaining("unknown field in spec: regons");
        assertThatThrownBy(() -> RedactionSpec.parse("{\"method\":\"smudge\",\"mutes\":[{\"from\":0,\"to\":1}]}"))
                .hasMessageContaining("unknown method");
        assertThatThrownBy(() -> RedactionSpec.parse("{\"method\":\"box\",\"mutes\":[{\"from\":0.5,\"to\":1}]}"))
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> RedactionSpec.parse("{\"method\":\"box\"}"))
                .hasMessageContaining("must hide something");
        assertThatThrownBy(() -> RedactionSpec.parse("{\"method\":\"box\",\"regions\":[{\"from\":0,\"to\":5,\"keyframes\":"
                + "[{\"t\":0,\"x\":0,\"y\":0,\"w\":0,\"h\":4}]}]}")).hasMessageContaining("box size");
        assertThatThrownBy(() -> RedactionSpec.parse("{\"method\":\"box\",\"mutes\":[{\"from\":5,\"to\":5}]}"))
                .hasMessageContaining("from < to");
        assertThatThrownBy(() -> RedactionSpec.parse("[1]")).isInstanceOf(RedactionSpecException.class);
        assertThatThrownBy(() -> RedactionSpec.parse("{")).isInstanceOf(RedactionSpecException.class);
    }

    @Test
    void commandLineBoxesAndRangesAreSecondsToMilliseconds() {
        Region r = SpecArguments.box("100,80,200,150@1.5-12");
        assertThat(r).isEqualTo(Region.still(1500, 12000, new Box(100, 80, 200, 150)));
        assertThat(SpecArguments.range("3-7.25")).isEqualTo(new TimeRange(3000, 7250));
        assertThatThrownBy(() -> SpecArguments.box("100,80,200@1-2")).hasMessageContaining("x,y,w,h@from-to");
        assertThatThrownBy(() -> SpecArguments.range("7-3")).hasMessageContaining("from < to");
    }
}
