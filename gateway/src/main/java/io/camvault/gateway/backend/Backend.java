package io.camvault.gateway.backend;

import io.camvault.vault.IngestResult;
import io.camvault.vault.audit.AuditEntry;
import io.camvault.vault.index.Page;
import io.camvault.vault.index.SegmentQuery;
import io.camvault.vault.model.Principal;
import io.camvault.vault.model.Segment;
import io.camvault.vault.model.SegmentDraft;
import io.camvault.vault.model.SegmentId;
import io.camvault.vault.model.Sha256;
import io.camvault.vault.store.ObjectWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Everything the gateway asks of the vault, and nothing more. {@link VaultBackend} is the real
 * one; tests pass an in-memory one, so protocol and handler tests need neither RocksDB nor disk
 * layout.
 */
public interface Backend {

    Clock clock();

    /** The object store's writer that stages the bytes of upload {@code uploadId}. */
    ObjectWriter writer(String uploadId);

    /** Discards staged bytes of uploads {@code keep} does not claim, last written before {@code cutoff}. */
    int removeAbandonedWrites(Instant cutoff, Predicate<String> keep);

    /** Whether the vault is open and answering. */
    boolean isOpen();

    /**
     * Why the object store cannot be reached, as last seen (never waits for the store); empty when it
     * answers. A local store always does.
     */
    default java.util.Optional<String> storeUnreachable() {
        return java.util.Optional.empty();
    }

    /** The principal holding {@code token} if the token is accepted now (not revoked, expired or disabled). */
    Optional<Principal> authenticate(String token);

    /** The name of the principal with id {@code id}, for people reading trails ("name (id)"). */
    default Optional<String> principalName(String id) {
        return Optional.empty();
    }

    /**
     * The principal {@code token} was issued to, accepted or not; only to name it when its refused
     * token is audited. Backends that keep no such record answer empty.
     */
    default Optional<Principal> tokenHolder(String token) {
        return Optional.empty();
    }

    /** Records one audit event (a denied attempt, a view) durably. */
    void audit(AuditEntry entry);

    /** Stores an upload record (insert or replace) with its audit entries in one synced write. */
    void putUpload(byte[] key, byte[] record, List<AuditEntry> entries);

    /**
     * Stores a new upload's record with its audit entries in one atomic write that does not wait
     * for the disk; it becomes durable with the next synced write or {@link #syncIndex()}.
     */
    void putUploadUnsynced(byte[] key, byte[] record, List<AuditEntry> entries);

    /** Makes every index write so far durable. */
    void syncIndex();

    /** Removes an upload record with its audit entries in one synced write. */
    void deleteUpload(byte[] key, List<AuditEntry> entries);

    /** The upload record under {@code key}, or {@code null}. */
    byte[] getUpload(byte[] key);

    /** Visits every upload record until the visitor returns false. */
    void forEachUpload(BiPredicate<byte[], byte[]> visitor);

    /**
     * Commits what {@code writer} staged, fully received and verified, as an original (see
     * {@code Vault.commitOriginal}), and in the same synced write stores
     * {@code uploadRecord(segment)} under the upload key {@code uploadKey}.
     */
    IngestResult commitOriginal(ObjectWriter writer, Sha256 digest, long size, SegmentDraft draft, byte[] uploadKey,
            Function<Segment, byte[]> uploadRecord);

    Optional<Segment> segment(SegmentId id);

    Page<Segment> search(SegmentQuery query);
}
