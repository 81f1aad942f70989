package io.camvault.vault.retention;

import io.camvault.vault.store.ObjectPurger;
import io.camvault.vault.store.ObjectStore;
import io.camvault.vault.store.PurgeOutcome;
import java.util.Optional;

/** A store whose purger "crashes" on its Nth call, before or after removing the object. */
final class FaultyPurges extends ForwardingStore {
    private int calls;
    /** Throw on this call, after the object is removed; 0: never. */
    volatile int crashAfterPurge;
    /** Throw on this call, before anything is removed; 0: never. */
    volatile int crashBeforePurge;

    /** When set, a purge counts {@code entered} down and then waits for {@code release}. */
    volatile java.util.concurrent.CountDownLatch entered;
    volatile java.util.concurrent.CountDownLatch release;

    FaultyPurges(ObjectStore inner) {
        super(inner);
    }

    @Override
    public Optional<ObjectPurger> purger() {
        ObjectPurger real = inner.purger().orElseThrow();
        return Optional.of(sha -> {
            int n = ++calls;
            if (entered != null) {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (n == crashBeforePurge) {
                crashBeforePurge = 0;
                throw new IllegalStateException("crash before removing the object");
            }
            PurgeOutcome outcome = real.purge(sha);
            if (n == crashAfterPurge) {
                crashAfterPurge = 0;
                throw new IllegalStateException("crash after removing the object");
            }
            return outcome;
        });
    }
}
