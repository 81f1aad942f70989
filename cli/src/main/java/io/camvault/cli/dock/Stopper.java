package io.camvault.cli.dock;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The agent's stop switch (SIGTERM, Ctrl-C, tests): checked between chunks and while waiting, so
 * an in-flight upload ends its request cleanly and keeps its state for the next run.
 */
public final class Stopper {
    private final CountDownLatch stopped = new CountDownLatch(1);

    public void stop() {
        stopped.countDown();
    }

    public boolean stopRequested() {
        return stopped.getCount() == 0;
    }

    void check() throws FileHasher.Stopped {
        if (stopRequested()) {
            throw new FileHasher.Stopped();
        }
    }

    /** Waits {@code d}, or less when a stop is requested. */
    void sleep(Duration d) throws FileHasher.Stopped {
        try {
            if (stopped.await(d.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new FileHasher.Stopped();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FileHasher.Stopped();
        }
    }

    /** Blocks until a stop is requested or {@code d} passes; returns whether stopped. */
    public boolean await(Duration d) throws InterruptedException {
        return stopped.await(d.toMillis(), TimeUnit.MILLISECONDS);
    }
}
