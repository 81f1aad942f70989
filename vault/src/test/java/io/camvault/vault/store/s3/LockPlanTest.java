package io.camvault.vault.store.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.camvault.vault.store.Protection;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LockPlanTest {
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void aRetainUntilIsRoundedUpToTheSecondSoTheClusterNeverHoldsLess() {
        assertThat(LockPlan.retainUntil(new Protection(Instant.parse("2027-06-01T00:00:00.001Z"), false), NOW))
                .contains(Instant.parse("2027-06-01T00:00:01Z"));
        assertThat(LockPlan.retainUntil(new Protection(Instant.parse("2027-06-01T00:00:00Z"), false), NOW))
                .contains(Instant.parse("2027-06-01T00:00:00Z"));
    }

    @Test
    void permanentIsAFarRetainUntil() {
        assertThat(LockPlan.retainUntil(new Protection(null, false), NOW)).contains(NOW.plus(LockPlan.PERMANENT));
    }

    @Test
    void noRetainUntilPassesWhatA32BitSecondsStoreCanHold() {
        // RGW 16 read a 2126 retain-until back as 1990-10-07: the lock was gone
        assertThat(LockPlan.retainUntil(new Protection(Instant.parse("2126-11-13T00:00:00Z"), false), NOW))
                .contains(LockPlan.LATEST);
        assertThat(LockPlan.retainUntil(new Protection(null, false), Instant.parse("2080-01-01T00:00:00Z")))
                .contains(LockPlan.LATEST);
        assertThat(LockPlan.LATEST).isBefore(Instant.ofEpochSecond(0xFFFFFFFFL));
    }

    @Test
    void nothingPassedOrNoneLocksNothing() {
        assertThat(LockPlan.retainUntil(Protection.NONE, NOW)).isEmpty();
        assertThat(LockPlan.retainUntil(new Protection(NOW, false), NOW)).isEmpty();
        assertThat(LockPlan.retainUntil(new Protection(NOW.minusSeconds(1), true), NOW)).isEmpty();
    }

    @Test
    void onlyALongerRetentionIsSet() {
        Instant until = Instant.parse("2027-01-01T00:00:00Z");
        assertThat(LockPlan.needsExtension(null, until)).isTrue();
        assertThat(LockPlan.needsExtension(until.minusSeconds(1), until)).isTrue();
        assertThat(LockPlan.needsExtension(until, until)).isFalse();
        assertThat(LockPlan.needsExtension(until.plusSeconds(1), until)).isFalse();
    }
}
