package io.camvault.gateway.upload;

import io.camvault.gateway.protocol.IngestMetadata;
import java.time.Instant;
import java.util.List;

/**
 * An upload as persisted in the index before its 201. The offset is deliberately absent: it is
 * the size of the partial file on disk, never a stored counter.
 *
 * @param length     declared total length; {@code null} while deferred
 * @param metadata   the validated declaration; {@code null} for a partial (concatenation) upload
 * @param partials   for a final upload, the partial uploads it joins, in order
 * @param segmentId  once committed, the segment holding the bytes
 */
public record UploadRecord(
        String id,
        String createdBy,
        Instant createdAt,
        Long length,
        Kind kind,
        IngestMetadata metadata,
        List<String> partials,
        State state,
        String segmentId,
        String sha256) {

    public UploadRecord {
        partials = partials == null ? List.of() : List.copyOf(partials);
    }

    /** A plain upload, a partial one, or a final one assembled from partials. */
    public enum Kind { SINGLE, PARTIAL, FINAL }

    /** Receiving bytes; all bytes received (a partial waiting for its final); committed to the vault. */
    public enum State { RECEIVING, COMPLETE, COMMITTED }

    public UploadRecord withLength(long newLength) {
        return new UploadRecord(id, createdBy, createdAt, newLength, kind, metadata, partials, state, segmentId, sha256);
    }

    /**
     * Every byte is in and hashed to {@code digestHex}; the commit is about to hand the file to the
     * object store. Still receiving: only a finished commit changes the state.
     */
    public UploadRecord handingOver(String digestHex) {
        return new UploadRecord(id, createdBy, createdAt, length, kind, metadata, partials, state, segmentId, digestHex);
    }

    public UploadRecord complete(String digestHex) {
        return new UploadRecord(id, createdBy, createdAt, length, kind, metadata, partials, State.COMPLETE, null,
                digestHex);
    }

    public UploadRecord committed(String segment, String digestHex) {
        return new UploadRecord(id, createdBy, createdAt, length, kind, metadata, partials, State.COMMITTED, segment,
                digestHex);
    }

    public boolean finished() {
        return state != State.RECEIVING;
    }
}
