package io.camvault.vault.integrity;

/**
 * A byte-rate limit: at most {@code bytesPerSecond} on average, with bursts of up to one second's
 * worth. The fixity audit takes tokens before each read, so its disk load stays bounded and ingest
 * keeps the rest. Single-threaded use.
 */
public final class TokenBucket {
    private final long bytesPerSecond;
    private final Pacer pacer;
    private double tokens;
    private long last;

    public TokenBucket(long bytesPerSecond, Pacer pacer) {
        if (bytesPerSecond <= 0) {
            throw new IllegalArgumentException("bytesPerSecond must be positive");
        }
        this.bytesPerSecond = bytesPerSecond;
        this.pacer = pacer;
        this.tokens = 0;
        this.last = pacer.nanoTime();
    }

    /** Waits until {@code bytes} may be read. */
    public void acquire(long bytes) throws InterruptedException {
        refill();
        tokens -= bytes;
        if (tokens < 0) {
            long waitNanos = (long) Math.ceil(-tokens * 1e9 / bytesPerSecond);
            pacer.sleepNanos(waitNanos);
            refill();
        }
    }

    private void refill() {
        long now = pacer.nanoTime();
        tokens = Math.min(bytesPerSecond, tokens + (now - last) * (double) bytesPerSecond / 1e9);
        last = now;
    }
}
