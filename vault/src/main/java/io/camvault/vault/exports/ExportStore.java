package io.camvault.vault.exports;

import io.camvault.vault.VaultException;
import io.camvault.vault.kv.ColumnFamily;
import io.camvault.vault.kv.KvBatch;
import io.camvault.vault.kv.KvStore;
import io.camvault.vault.kv.Keys;
import io.camvault.vault.kv.Records;
import java.util.Optional;

/**
 * Export records over {@code EXPORTS} (export id → record, {@link Records}). Writes are staged
 * into the caller's batch; presence checks read committed state, so callers hold the vault's write
 * lock ({@link io.camvault.vault.Vault#commitAudited}).
 */
public final class ExportStore {
    private final KvStore kv;

    public ExportStore(KvStore kv) {
        this.kv = kv;
    }

    /** Stages a new export. CONFLICT if the id is taken. */
    public void insert(KvBatch batch, ExportRecord e) {
        if (kv.get(ColumnFamily.EXPORTS, Keys.utf8(e.id())) != null) {
            throw new VaultException(VaultException.Kind.CONFLICT, "export " + e.id() + " already exists");
        }
        batch.put(ColumnFamily.EXPORTS, Keys.utf8(e.id()), Records.encode(e));
    }

    /** Stages a changed export. NOT_FOUND if absent, CONFLICT if {@code before} is not what is stored. */
    public void update(KvBatch batch, ExportRecord before, ExportRecord after) {
        if (!before.id().equals(after.id())) {
            throw new IllegalArgumentException("an export keeps its id");
        }
        ExportRecord stored = get(before.id()).orElseThrow(() ->
                new VaultException(VaultException.Kind.NOT_FOUND, "export " + before.id() + " not found"));
        if (!stored.equals(before)) {
            throw new VaultException(VaultException.Kind.CONFLICT, "export " + before.id() + " changed since it was read");
        }
        batch.put(ColumnFamily.EXPORTS, Keys.utf8(after.id()), Records.encode(after));
    }

    public Optional<ExportRecord> get(String id) {
        if (id == null || id.isEmpty() || id.length() > 128) {
            return Optional.empty();
        }
        byte[] v = kv.get(ColumnFamily.EXPORTS, Keys.utf8(id));
        return v == null ? Optional.empty() : Optional.of(Records.decode(v, ExportRecord.class));
    }
}
