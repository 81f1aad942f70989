package io.camvault.vault.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.camvault.vault.testsupport.MutableClock;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The in-memory model of a store that enforces retention: the same contract, and its locks hold. */
class EnforcingMemoryObjectStoreTest extends ObjectStoreContract {
    private final MutableClock clock = MutableClock.standard();

    @Override
    protected ObjectStore open(Path dir) {
        return MemoryObjectStore.enforcing(clock);
    }

    @Test
    void aLockedObjectIsRefusedUntilItsRetentionPassesAndAHeldOneUntilReleased() {
        Instant until = clock.instant().plus(Duration.ofDays(10));
        StoredObject o = store.put(new ByteArrayInputStream(randomBytes(100, 20)), new Protection(until, false));
        RetentionControl control = store.retentionControl().orElseThrow();
        ObjectPurger purger = store.purger().orElseThrow();

        assertThat(purger.purge(o.sha256()).result()).isEqualTo(PurgeOutcome.Result.REFUSED);
        control.protect(o.sha256(), new Protection(until.minus(Duration.ofDays(5)), true));
        assertThat(control.protection(o.sha256())).as("never shortened").isEqualTo(new Protection(until, true));

        clock.advance(Duration.ofDays(11));
        assertThat(purger.purge(o.sha256()).detail()).isEqualTo("legal hold");
        control.releaseHold(o.sha256());
        assertThat(purger.purge(o.sha256())).isEqualTo(PurgeOutcome.REMOVED);
    }
}
