package io.camvault.vault.retention;

import io.camvault.vault.model.SegmentId;
import io.camvault.vault.model.Sha256;
import java.time.Instant;

/**
 * An original whose segment was purged and whose bytes are still to be removed from the object
 * store: recorded with the purge, removed after it (a store that enforces retention may refuse
 * until its lock passes; the removal stays pending and is tried again).
 *
 * @param attempts  removals tried so far
 * @param lastRefusal what the store said last time, or null
 */
public record ObjectRemoval(Sha256 sha256, long size, SegmentId segmentId, Instant recordedAt, int attempts,
        String lastRefusal) {

    ObjectRemoval refused(String why) {
        return new ObjectRemoval(sha256, size, segmentId, recordedAt, attempts + 1, why);
    }
}
