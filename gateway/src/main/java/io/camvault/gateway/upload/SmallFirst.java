package io.camvault.gateway.upload;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Lets small uploads finish first. While a small upload is creating its record, streaming its
 * body, or syncing and committing its last bytes, big uploads hold back their next disk write, so
 * the small upload's fsyncs do not queue on the disk (and in the device's cache flush) behind
 * megabytes of big writes. A big upload waits at most {@code maxWait} per write, so a steady
 * stream of small uploads slows big ones but never stops them.
 *
 * <p>The fsync-bound steps hold big writes until they end ({@link #enter()}/{@link #exit()}). A
 * body holds them only for {@code bodyHold} after it starts ({@link #holdForBody()}): a docking
 * station sends a 1 MiB file in a few milliseconds, while a recorder on a weak 4G link may take
 * minutes for the same file and must not hold every big stream back all that time.
 */
final class SmallFirst {
    private static final long LAPSE_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private final long maxWaitNanos;
    private final long bodyHoldNanos;
    private final Object lock = new Object();
    /** Body holds not yet closed; guarded by {@code lock}. */
    private final List<Hold> holds = new ArrayList<>();
    private volatile int urgent;
    private volatile int holding;

    SmallFirst(long maxWait, TimeUnit unit) {
        this(maxWait, 0, unit);
    }

    SmallFirst(long maxWait, long bodyHold, TimeUnit unit) {
        this.maxWaitNanos = unit.toNanos(maxWait);
        this.bodyHoldNanos = unit.toNanos(bodyHold);
    }

    /** A small upload's body starts streaming. Close the hold when the request ends. */
    Hold holdForBody() {
        Hold h = new Hold(System.nanoTime() + bodyHoldNanos);
        synchronized (lock) {
            holds.add(h);
            holding = holds.size();
        }
        return h;
    }

    /** One body's claim on big writes; it lapses by itself {@code bodyHold} after it started. */
    final class Hold implements AutoCloseable {
        private final long until;

        private Hold(long until) {
            this.until = until;
        }

        @Override
        public void close() {
            synchronized (lock) {
                if (holds.remove(this)) {
                    holding = holds.size();
                    lock.notifyAll();
                }
            }
        }
    }

    /** Whether a sync step runs or a body hold has not lapsed; forgets lapsed holds. Under {@code lock}. */
    private boolean held(long now) {
        holds.removeIf(h -> h.until - now <= 0);
        holding = holds.size();
        return urgent > 0 || !holds.isEmpty();
    }

    /** A small upload starts a step that fsyncs. Pair with {@link #exit()}. */
    void enter() {
        synchronized (lock) {
            urgent++;
        }
    }

    void exit() {
        synchronized (lock) {
            urgent--;
            if (urgent == 0) {
                lock.notifyAll();
            }
        }
    }

    /**
     * Called by a big upload before it writes: waits while small uploads sync, at most the bound.
     * Returns the nanoseconds waited (0 when no small upload was syncing).
     */
    long yieldToSmall() {
        if (urgent == 0 && holding == 0) {
            return 0;
        }
        long start = System.nanoTime();
        boolean waited = false;
        synchronized (lock) {
            long now = start;
            while (held(now)) {
                long left = maxWaitNanos - (now - start);
                if (left <= 0) {
                    break;
                }
                waited = true;
                try {
                    // wake up to re-check: a body hold lapses without anyone calling notify
                    TimeUnit.NANOSECONDS.timedWait(lock, Math.min(left, LAPSE_CHECK_NANOS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                now = System.nanoTime();
            }
        }
        return waited ? System.nanoTime() - start : 0;
    }
}
