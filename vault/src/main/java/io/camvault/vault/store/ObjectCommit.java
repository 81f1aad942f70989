package io.camvault.vault.store;

import io.camvault.vault.model.Sha256;
import java.util.Objects;

/**
 * What a writer's commit publishes: the digest the caller computed while the bytes arrived (the
 * object's address), their count, the SM3 digest when computed, how the store must protect the
 * object, and the segment's manifest (opaque JSON a store may keep beside the object, or null).
 */
public record ObjectCommit(Sha256 sha256, long size, String sm3, Protection protection, Manifest manifest) {

    public ObjectCommit {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(protection, "protection");
        if (size < 0) {
            throw new IllegalArgumentException("object size must not be negative, got " + size);
        }
    }

    /** A segment's description, kept by stores that can rebuild an index from their own contents. */
    public record Manifest(String segmentId, byte[] json) {
        public Manifest {
            Objects.requireNonNull(segmentId, "segmentId");
            Objects.requireNonNull(json, "json");
        }
    }
}
