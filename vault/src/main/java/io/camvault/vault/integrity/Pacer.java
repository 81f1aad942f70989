package io.camvault.vault.integrity;

import java.util.concurrent.TimeUnit;

/** Elapsed time and waiting, behind an interface so rate limits are tested without sleeping. */
public interface Pacer {
    long nanoTime();

    void sleepNanos(long nanos) throws InterruptedException;

    Pacer SYSTEM = new Pacer() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepNanos(long nanos) throws InterruptedException {
            TimeUnit.NANOSECONDS.sleep(nanos);
        }
    };
}
