package io.camvault.vault.ledger;

import io.camvault.vault.model.Sha256;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serialises what happens to one object address across the ledger's lock: an ingest that commits
 * the object and then records its segment, against a purge that checks no segment names the
 * object and then removes it. Striped by the hash's first byte; held across store I/O, so a slow
 * store only delays work on the same stripe, never the ledger.
 */
public final class ObjectGuard {
    private static final int STRIPES = 256;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    public ObjectGuard() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    public <T> T guarded(Sha256 sha256, Supplier<T> work) {
        ReentrantLock lock = stripes[Byte.toUnsignedInt(sha256.bytes()[0]) % STRIPES];
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
