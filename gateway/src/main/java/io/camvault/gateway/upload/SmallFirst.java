package io.camvault.gateway.upload;

import java.util.concurrent.TimeUnit;

/**
 * Lets small uploads finish first. While a small upload is creating its record or syncing and
 * committing its last bytes, big uploads hold back their next disk write, so the small upload's
 * fsyncs do not queue on the disk behind megabytes of big writes. A big upload waits at most
 * {@code maxWait} per write, so a steady stream of small uploads slows big ones but never stops
 * them.
 *
 * <p>Only the short, fsync-bound steps take part; a small upload's body is streamed alongside the
 * big ones, so a slow sender cannot hold them up.
 */
final class SmallFirst {
    private final long maxWaitNanos;
    private final Object lock = new Object();
    private volatile int urgent;

    SmallFirst(long maxWait, TimeUnit unit) {
        this.maxWaitNanos = unit.toNanos(maxWait);
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
        if (urgent == 0) {
            return 0;
        }
        long start = System.nanoTime();
        synchronized (lock) {
            long left = maxWaitNanos;
            while (urgent > 0 && left > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                left = maxWaitNanos - (System.nanoTime() - start);
            }
        }
        return System.nanoTime() - start;
    }
}
