package io.camvault.vault.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The policy on a fake clock: ingest is a pair of counters driven by the test, the sampler runs
 * every {@link YieldToIngest#SAMPLE} of fake time as the worker's dispatcher would, and a held job
 * "sleeps" by moving the clock. Nothing here waits for real time.
 */
class YieldToIngestTest {
    private static final long MS = 1_000_000L;
    private static final long SAMPLE = YieldToIngest.SAMPLE.toNanos();

    /** Fake time and fake ingest: uploads stream at {@code rate} bytes/s between {@code from} and {@code to}. */
    private long now;
    private long nextSample = SAMPLE;
    private long ingestFrom = Long.MAX_VALUE;
    private long ingestTo = Long.MAX_VALUE;
    private long rate;
    private int uploads;
    /** Longest stretch of fake time a job ran without being held, and the time it spent held. */
    private long longestRun;
    private long runStart;
    private long slept;
    private long firstHoldAt = -1;

    private final IngestActivity ingest = new IngestActivity() {
        @Override
        public int activeUploads() {
            return now >= ingestFrom && now < ingestTo ? uploads : 0;
        }

        @Override
        public long bytesReceived() {
            long streamed = Math.max(0, Math.min(now, ingestTo) - Math.min(now, ingestFrom));
            return (long) (streamed / 1e9 * rate);
        }
    };

    private YieldToIngest pacer(YieldToIngest.Settings settings) {
        YieldToIngest p = new YieldToIngest(settings, () -> now, nanos -> {
            if (slept == 0) {
                firstHoldAt = now;
            }
            slept += nanos;
            passTime(thisPacer, nanos);
            runStart = now;
        });
        p.watch(ingest);
        thisPacer = p;
        return p;
    }

    private YieldToIngest thisPacer;

    /** Moves fake time forward, sampling on the way like the worker's dispatcher. */
    private void passTime(YieldToIngest p, long nanos) {
        long end = now + nanos;
        while (nextSample <= end) {
            now = nextSample;
            p.sample();
            nextSample += SAMPLE;
        }
        now = end;
    }

    private void streamUploads(long from, long to, int count, long bytesPerSecond) {
        ingestFrom = from;
        ingestTo = to;
        uploads = count;
        rate = bytesPerSecond;
    }

    /** A job of {@code frames} frames, each {@code frameNanos} of work, with a checkpoint before each. */
    private void runJob(YieldToIngest p, int frames, long frameNanos) {
        p.enter();
        runStart = now;
        try {
            for (int i = 0; i < frames; i++) {
                p.checkpoint();
                passTime(p, frameNanos);
                longestRun = Math.max(longestRun, now - runStart);
            }
        } finally {
            p.exit();
        }
    }

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void idleIngestNeverHoldsMediaWork() {
        YieldToIngest p = pacer(YieldToIngest.Settings.DEFAULT);
        runJob(p, 1000, 10 * MS);
        assertThat(now).isEqualTo(10_000 * MS);
        assertThat(slept).isZero();
        assertThat(p.deferredNanos()).isZero();
        assertThat(p.holds()).isZero();
    }

    @Test
    void busyIngestLetsMediaWorkRunOnlyItsDutyCycle() {
        YieldToIngest p = pacer(YieldToIngest.Settings.DEFAULT);
        streamUploads(0, Long.MAX_VALUE, 16, 300_000_000);
        passTime(p, 1000 * MS);
        assertThat(p.ingestBusy()).isTrue();

        long start = now;
        runJob(p, 3000, 10 * MS); // 30 s of work
        double wall = (now - start) / 1e9;
        assertThat(30 / wall).as("share of wall time the job ran").isCloseTo(0.05, within(0.005));
        assertThat(p.deferredNanos() / 1e9).isCloseTo(wall - 30, within(0.5));
        // bursts stay short: one slice (plus what it earns meanwhile) and the frame that overran it
        assertThat(longestRun).isLessThanOrEqualTo(YieldToIngest.SLICE.toNanos() * 21 / 20 + 10 * MS);
    }

    @Test
    void aJobDoesNotStartWhileItsShareIsSpent() {
        YieldToIngest p = pacer(YieldToIngest.Settings.DEFAULT);
        streamUploads(0, Long.MAX_VALUE, 4, 100_000_000);
        passTime(p, 3000 * MS); // busy and no media work: a whole slice earned
        runJob(p, 11, 10 * MS); // 110 ms of work: a little more than the slice, never held
        assertThat(p.holds()).isZero();
        long ended = now;
        p.enter();
        try {
            assertThat(p.holds()).as("the next job is held before it starts").isEqualTo(1);
            // until a whole slice is earned back at 5 % of wall time
            assertThat(now - ended).isGreaterThanOrEqualTo(2_000 * MS);
        } finally {
            p.exit();
        }
    }

    @Test
    void workRunningWhenIngestStartsIsHeldAtOnce() {
        YieldToIngest p = pacer(YieldToIngest.Settings.DEFAULT);
        long start = 1_005 * MS;
        streamUploads(start, Long.MAX_VALUE, 16, 300_000_000);
        runJob(p, 200, 10 * MS);
        // the first sample after the uploads start sees them, and the next checkpoint holds the job
        assertThat(firstHoldAt).isBetween(start, start + SAMPLE + 10 * MS);
    }

    @Test
    void aNeverIdleGatewayStillGetsEveryJobDone() {
        YieldToIngest p = pacer(new YieldToIngest.Settings(0, Duration.ofSeconds(2), 0.02));
        streamUploads(0, Long.MAX_VALUE, 1, 50_000_000);
        passTime(p, 500 * MS);
        for (int job = 0; job < 10; job++) {
            runJob(p, 30, 10 * MS); // ten jobs of 300 ms
        }
        double wall = now / 1e9 - 0.5;
        assertThat(3.0 / wall).isCloseTo(0.02, within(0.003));
    }

    @Test
    void heldWorkGoesOnSoonAfterIngestEnds() {
        YieldToIngest p = pacer(YieldToIngest.Settings.DEFAULT);
        long end = 5_000 * MS;
        streamUploads(0, end, 16, 300_000_000);
        passTime(p, 1000 * MS);
        runJob(p, 1000, 10 * MS);
        // held while busy; it runs freely from the quiet time after the last busy sample, within a poll
        long lastHold = runStart;
        assertThat(lastHold).isBetween(end + 2_000 * MS - SAMPLE, end + 2_000 * MS + YieldToIngest.POLL.toNanos());
        assertThat(p.ingestBusy()).isFalse();
    }

    @Test
    void aTrickleBelowTheBusyRateDoesNotHoldMediaWork() {
        YieldToIngest p = pacer(YieldToIngest.Settings.DEFAULT); // busy from 4 MiB/s
        streamUploads(0, Long.MAX_VALUE, 3, 3_000_000); // three recorders over 4G
        passTime(p, 1000 * MS);
        runJob(p, 500, 10 * MS);
        assertThat(p.holds()).isZero();
        assertThat(p.ingestBusy()).isFalse();
    }

    @Test
    void bytesWithoutAnActiveUploadAreNotIngestBusy() {
        YieldToIngest p = pacer(new YieldToIngest.Settings(0, Duration.ZERO, 0.05));
        streamUploads(0, Long.MAX_VALUE, 0, 300_000_000);
        passTime(p, 1000 * MS);
        assertThat(p.ingestBusy()).isFalse();
        uploads = 1;
        passTime(p, SAMPLE);
        assertThat(p.ingestBusy()).isTrue();
        uploads = 0;
        passTime(p, SAMPLE);
        assertThat(p.ingestBusy()).as("no quiet time configured").isFalse();
    }

    @Test
    void aFullDutyCycleNeverHolds() {
        YieldToIngest p = pacer(new YieldToIngest.Settings(0, Duration.ofSeconds(2), 1.0));
        streamUploads(0, Long.MAX_VALUE, 16, 300_000_000);
        passTime(p, 1000 * MS);
        runJob(p, 1000, 10 * MS);
        assertThat(p.holds()).isZero();
    }

    @Test
    void anInterruptWhileHeldEndsTheJobAndKeepsTheFlag() {
        YieldToIngest p = new YieldToIngest(YieldToIngest.Settings.DEFAULT, () -> now, nanos -> {
            throw new InterruptedException();
        });
        p.watch(ingest);
        thisPacer = p;
        streamUploads(0, Long.MAX_VALUE, 16, 300_000_000);
        passTime(p, 1000 * MS);
        assertThatThrownBy(() -> runJob(p, 100, 10 * MS)).isInstanceOf(MediaException.class)
                .hasMessageContaining("interrupted");
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }

    @Test
    void settingsAreCheckedOnce() {
        assertThatThrownBy(() -> new YieldToIngest.Settings(0, Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duty cycle");
        assertThatThrownBy(() -> new YieldToIngest.Settings(0, Duration.ofSeconds(1), 1.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new YieldToIngest.Settings(-1, Duration.ofSeconds(1), 0.05))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new YieldToIngest.Settings(0, Duration.ofSeconds(-1), 0.05))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
