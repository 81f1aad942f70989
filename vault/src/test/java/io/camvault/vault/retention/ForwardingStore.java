package io.camvault.vault.retention;

import io.camvault.vault.model.Sha256;
import io.camvault.vault.store.ObjectPurger;
import io.camvault.vault.store.ObjectReader;
import io.camvault.vault.store.ObjectStore;
import io.camvault.vault.store.ObjectWriter;
import io.camvault.vault.store.RetentionControl;
import io.camvault.vault.store.StoredObject;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/** An object store that passes every call on; tests override what they fault. */
class ForwardingStore implements ObjectStore {
    protected final ObjectStore inner;

    ForwardingStore(ObjectStore inner) {
        this.inner = inner;
    }

    @Override
    public String describe() {
        return "faulty " + inner.describe();
    }

    @Override
    public ObjectWriter writer(String writeId) {
        return inner.writer(writeId);
    }

    @Override
    public int removeAbandonedWrites(Instant cutoff, Predicate<String> keep) {
        return inner.removeAbandonedWrites(cutoff, keep);
    }

    @Override
    public Optional<StoredObject> stat(Sha256 sha256) {
        return inner.stat(sha256);
    }

    @Override
    public ObjectReader open(Sha256 sha256) {
        return inner.open(sha256);
    }

    @Override
    public Optional<RetentionControl> retentionControl() {
        return inner.retentionControl();
    }

    @Override
    public Optional<ObjectPurger> purger() {
        return inner.purger();
    }

    @Override
    public void close() {
        inner.close();
    }
}
