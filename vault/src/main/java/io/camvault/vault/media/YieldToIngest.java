package io.camvault.vault.media;

import io.camvault.vault.VaultException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps background media work below ingest. Linux ignores Java thread priorities, and a transcode
 * asks libavcodec for a thread per core, so without this one media job takes both cores of a small
 * gateway away from the uploads it exists to follow.
 *
 * <p><b>When ingest is busy.</b> The worker samples the gateway's counters every {@link #SAMPLE}
 * ({@link #sample()}). Ingest is busy while uploads are active and their bytes arrive at
 * {@code busyBytesPerSecond} or more (a recorder trickling over 4G does not count), and for
 * {@code quiet} after the last such sample, so the gap between two PATCH requests of a dock does
 * not let a burst of media work in.
 *
 * <p><b>What media work may do then.</b> Work running when ingest gets busy is held at its next
 * checkpoint. From then on it runs on a budget: every nanosecond of wall time earns
 * {@code dutyCycle} nanoseconds of credit (at most one {@link #SLICE}), every nanosecond a media
 * job runs spends one. When the credit is gone, jobs are held at their next checkpoint, and a new
 * job is held before it starts, until a whole slice is earned back. So a gateway that is never idle
 * still gets its media work done at {@code dutyCycle} of the usual pace (the anti-starvation floor),
 * and ingest loses at most about that share of time to it. Held work looks at ingest every
 * {@link #POLL} and goes on as soon as ingest is quiet.
 *
 * <p>Time comes from an injected ticker and waiting goes through an injected sleeper, so the policy
 * is tested without real time or threads.
 */
public final class YieldToIngest implements Pacing {
    private static final Logger LOG = LoggerFactory.getLogger(YieldToIngest.class);

    /** How often the worker reads the gateway's counters. */
    public static final Duration SAMPLE = Duration.ofMillis(100);
    /** Longest stretch media work runs while ingest is busy (the credit cap). */
    static final Duration SLICE = Duration.ofMillis(100);
    /** How often held work looks whether ingest has gone quiet. */
    static final Duration POLL = Duration.ofMillis(100);
    /** Longest single hold, however far a long native call overran its slice. */
    static final Duration MAX_HOLD = Duration.ofSeconds(10);

    /**
     * @param busyBytesPerSecond ingest rate from which ingest counts as busy (0: any active upload)
     * @param quiet              how long ingest stays busy after the last busy sample
     * @param dutyCycle          share of wall time media work may run while ingest is busy, in
     *                           (0, 1]; 1 turns yielding off
     */
    public record Settings(long busyBytesPerSecond, Duration quiet, double dutyCycle) {
        public static final Settings DEFAULT = new Settings(4L << 20, Duration.ofSeconds(2), 0.05);

        public Settings {
            if (busyBytesPerSecond < 0) {
                throw new IllegalArgumentException("media ingest busy rate must not be negative");
            }
            if (quiet.isNegative() || quiet.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("media ingest quiet time must be within 0..1h, got " + quiet);
            }
            if (!(dutyCycle > 0 && dutyCycle <= 1)) {
                throw new IllegalArgumentException("media duty cycle while ingest is busy must be in (0, 1], got "
                        + dutyCycle);
            }
        }
    }

    /** Waits; the real one is {@link TimeUnit#sleep}, tests move a fake clock instead. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final Settings settings;
    private final LongSupplier ticker;
    private final Sleeper sleeper;
    private final long sliceNanos = SLICE.toNanos();
    private final long quietNanos;
    private final long maxDebtNanos;
    private volatile IngestActivity activity = IngestActivity.NONE;

    // all below guarded by this
    private boolean sampled;
    private long sampledAt;
    private long sampledBytes;
    private boolean busyNow;
    private boolean everBusy;
    private long lastBusyAt;
    private long credit;
    private long updatedAt;
    private int jobs;
    private boolean held;
    private boolean wasBusy;
    private long deferredNanos;
    private long holds;
    private boolean reportedBusy;
    private long busySince;
    private long deferredAtBusyStart;
    private long holdsAtBusyStart;

    public YieldToIngest(Settings settings, LongSupplier ticker, Sleeper sleeper) {
        this.settings = settings;
        this.ticker = ticker;
        this.sleeper = sleeper;
        this.quietNanos = settings.quiet().toNanos();
        this.maxDebtNanos = Math.max(0, (long) (MAX_HOLD.toNanos() * settings.dutyCycle()) - sliceNanos);
        this.credit = sliceNanos;
        this.updatedAt = ticker.getAsLong();
    }

    /** On the real clock. */
    public static YieldToIngest onSystemClock(Settings settings) {
        return new YieldToIngest(settings, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
    }

    /** Whose counters to sample from now on (the gateway starts after the worker). */
    public void watch(IngestActivity activity) {
        this.activity = activity;
    }

    /** Reads the ingest counters; the worker calls this every {@link #SAMPLE}. */
    public void sample() {
        IngestActivity a = activity;
        int active = a.activeUploads();
        long bytes = a.bytesReceived();
        synchronized (this) {
            long now = ticker.getAsLong();
            if (sampled && now - sampledAt > 0) {
                double rate = (bytes - sampledBytes) * 1e9 / (now - sampledAt);
                busyNow = active > 0 && rate >= settings.busyBytesPerSecond();
            } else {
                busyNow = active > 0 && settings.busyBytesPerSecond() == 0;
            }
            if (busyNow) {
                everBusy = true;
                lastBusyAt = now;
            }
            sampled = true;
            sampledAt = now;
            sampledBytes = bytes;
            advance(now);
            report(now);
        }
    }

    /** A media job begins: held here while ingest is busy and the credit is spent. */
    public void enter() {
        synchronized (this) {
            advance(ticker.getAsLong());
            jobs++;
        }
        try {
            checkpoint();
        } catch (RuntimeException e) {
            exit();
            throw e;
        }
    }

    /** The media job that called {@link #enter()} has ended. */
    public synchronized void exit() {
        advance(ticker.getAsLong());
        jobs--;
    }

    @Override
    public void checkpoint() {
        long wait;
        while ((wait = waitNanos(ticker.getAsLong())) > 0) {
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MediaException(VaultException.Kind.IO, "media work interrupted while yielding to ingest", e);
            }
        }
    }

    /** Wall time during which media jobs existed but were held for ingest, since start. */
    public synchronized long deferredNanos() {
        advance(ticker.getAsLong());
        return deferredNanos;
    }

    /** How many times media work was held. */
    public synchronized long holds() {
        return holds;
    }

    /** Whether ingest counts as busy at this moment. */
    public synchronized boolean ingestBusy() {
        return busy(ticker.getAsLong());
    }

    /** How long the caller should wait before going on; 0 means go on. Package-private for tests. */
    synchronized long waitNanos(long now) {
        advance(now);
        if (!busy(now)) {
            credit = sliceNanos;
            held = false;
            return 0;
        }
        if (held && credit >= sliceNanos) {
            held = false;
        }
        if (!held && credit > 0) {
            return 0;
        }
        if (!held) {
            held = true;
            holds++;
        }
        long untilRefilled = (long) Math.ceil((sliceNanos - credit) / settings.dutyCycle());
        return Math.max(1, Math.min(POLL.toNanos(), untilRefilled));
    }

    private boolean busy(long now) {
        return busyNow || (everBusy && now - lastBusyAt < quietNanos);
    }

    /**
     * Books the time since the last call: credit earned, credit spent by running jobs, time held.
     * When ingest has just become busy the credit starts at zero: media work was running freely
     * until now, so it is held at once rather than given a slice first.
     */
    private void advance(long now) {
        long elapsed = Math.max(0, now - updatedAt);
        updatedAt = now;
        if (jobs > 0 && held) {
            deferredNanos += elapsed;
        }
        if (!busy(now)) {
            credit = sliceNanos;
            wasBusy = false;
            return;
        }
        if (!wasBusy) {
            wasBusy = true;
            credit = 0;
            return;
        }
        long c = credit + (long) (elapsed * settings.dutyCycle());
        if (jobs > 0 && !held) {
            c -= elapsed;
        }
        credit = Math.max(-maxDebtNanos, Math.min(sliceNanos, c));
    }

    /** One log line per busy spell in which media work was held: how long, how often. */
    private void report(long now) {
        boolean busy = busy(now);
        if (busy && !reportedBusy) {
            busySince = now;
            deferredAtBusyStart = deferredNanos;
            holdsAtBusyStart = holds;
        } else if (!busy && reportedBusy && holds > holdsAtBusyStart) {
            LOG.info("media.yielded_to_ingest busy_millis={} deferred_millis={} holds={}",
                    TimeUnit.NANOSECONDS.toMillis(now - busySince),
                    TimeUnit.NANOSECONDS.toMillis(deferredNanos - deferredAtBusyStart), holds - holdsAtBusyStart);
        }
        reportedBusy = busy;
    }
}
