package io.camvault.vault.index;

import io.camvault.vault.kv.KvBatch;
import io.camvault.vault.kv.KvStore;
import io.camvault.vault.model.Segment;
import io.camvault.vault.model.SegmentId;
import io.camvault.vault.model.Sha256;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * SHELL — to be implemented. Segments and their secondary keys (officer+time, recorder+time,
 * unit+time, time, case, retain-until, hash) over a {@link KvStore}.
 */
public final class SegmentIndex {
    private final KvStore kv;

    public SegmentIndex(KvStore kv) {
        this.kv = kv;
    }

    /** Adds the segment and all its secondary keys to the batch. Fails (CONFLICT) if the id or hash exists. */
    public void insert(KvBatch batch, Segment segment) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Replaces a stored segment, moving any secondary key whose value changed. Fails (NOT_FOUND) if absent. */
    public void update(KvBatch batch, Segment before, Segment after) {
        throw new UnsupportedOperationException("not yet");
    }

    public Optional<Segment> get(SegmentId id) {
        throw new UnsupportedOperationException("not yet");
    }

    public Optional<Segment> findByHash(Sha256 sha256) {
        throw new UnsupportedOperationException("not yet");
    }

    public Page<Segment> search(SegmentQuery query) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Visits segments whose retain-until is before {@code instant}, oldest first, until the visitor says stop. */
    public void forEachRetainUntilBefore(Instant instant, Predicate<Segment> visitor) {
        throw new UnsupportedOperationException("not yet");
    }

    KvStore kv() {
        return kv;
    }
}
