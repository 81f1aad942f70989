package io.camvault.cli.dock;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WipeDecisionTest {
    private static final String SHA = "0123456789abcdef".repeat(4);
    private static final String SEG = "seg-1";

    private static WipeDecision decide(Confirmation c) {
        return WipeDecision.decide(SHA, 100, c);
    }

    @Test
    void wipesOnlyWhenTheAnsweredSegmentIsConfirmedWithTheSameHashAndSize() {
        assertThat(decide(new Confirmation(SEG, SEG, SHA, 100L))).isEqualTo(new WipeDecision(true, null));
        assertThat(decide(new Confirmation(SEG, SEG, SHA.toUpperCase(), 100L)).wipe()).isTrue();
    }

    @Test
    void keepsTheFileOnAnyDoubt() {
        assertThat(decide(null).wipe()).isFalse();
        assertThat(decide(Confirmation.none()).reason()).contains("named no segment");
        assertThat(decide(Confirmation.answeredOnly(SEG)).reason()).contains("not confirmed");
        assertThat(decide(new Confirmation(" ", SEG, SHA, 100L)).wipe()).isFalse();
        assertThat(decide(new Confirmation(SEG, "seg-2", SHA, 100L)).reason()).contains("is not the answered");
        assertThat(decide(new Confirmation(SEG, SEG, "f" + SHA.substring(1), 100L)).reason()).contains("SHA-256 differs");
        assertThat(decide(new Confirmation(SEG, SEG, null, 100L)).wipe()).isFalse();
        assertThat(decide(new Confirmation(SEG, SEG, SHA, 99L)).reason()).contains("size differs");
        assertThat(decide(new Confirmation(SEG, SEG, SHA, null)).wipe()).isFalse();
        assertThat(WipeDecision.decide(null, 100, new Confirmation(SEG, SEG, SHA, 100L)).wipe()).isFalse();
        assertThat(WipeDecision.decide("abc", 100, new Confirmation(SEG, SEG, "abc", 100L)).wipe()).isFalse();
        assertThat(WipeDecision.decide(SHA, -1, new Confirmation(SEG, SEG, SHA, -1L)).wipe()).isFalse();
    }
}
