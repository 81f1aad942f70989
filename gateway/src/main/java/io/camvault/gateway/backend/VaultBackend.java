package io.camvault.gateway.backend;

import io.camvault.vault.IngestResult;
import io.camvault.vault.Vault;
import io.camvault.vault.audit.AuditEntry;
import io.camvault.vault.index.Page;
import io.camvault.vault.index.SegmentQuery;
import io.camvault.vault.kv.ColumnFamily;
import io.camvault.vault.model.Principal;
import io.camvault.vault.model.Segment;
import io.camvault.vault.model.SegmentDraft;
import io.camvault.vault.model.SegmentId;
import io.camvault.vault.model.Sha256;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;

/** The {@link Backend} over a real {@link Vault}. Upload records live in {@link ColumnFamily#UPLOADS}. */
public final class VaultBackend implements Backend {
    private final Vault vault;
    private volatile boolean open = true;

    public VaultBackend(Vault vault) {
        this.vault = vault;
    }

    @Override
    public Clock clock() {
        return vault.clock();
    }

    @Override
    public Path uploadsDir() {
        return vault.config().uploadsDir();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** Marks the vault as going away; readiness turns false before the vault is closed. */
    public void markClosing() {
        open = false;
    }

    @Override
    public Optional<Principal> authenticate(String token) {
        return vault.principals().authenticate(token);
    }

    @Override
    public void audit(AuditEntry entry) {
        vault.record(entry);
    }

    @Override
    public void putUpload(byte[] key, byte[] record, List<AuditEntry> entries) {
        vault.commit(batch -> batch.put(ColumnFamily.UPLOADS, key, record), entries);
    }

    @Override
    public void deleteUpload(byte[] key, List<AuditEntry> entries) {
        vault.commit(batch -> batch.delete(ColumnFamily.UPLOADS, key), entries);
    }

    @Override
    public byte[] getUpload(byte[] key) {
        return vault.kv().get(ColumnFamily.UPLOADS, key);
    }

    @Override
    public void forEachUpload(BiPredicate<byte[], byte[]> visitor) {
        vault.kv().scan(ColumnFamily.UPLOADS, null, null, visitor);
    }

    @Override
    public IngestResult commitOriginal(Path staged, Sha256 digest, long size, SegmentDraft draft) {
        return vault.commitOriginal(staged, digest, size, draft);
    }

    @Override
    public Optional<Segment> segment(SegmentId id) {
        return vault.segments().get(id);
    }

    @Override
    public Page<Segment> search(SegmentQuery query) {
        return vault.segments().search(query);
    }
}
