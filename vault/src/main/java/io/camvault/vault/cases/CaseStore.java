package io.camvault.vault.cases;

import io.camvault.vault.VaultException;
import io.camvault.vault.kv.ColumnFamily;
import io.camvault.vault.kv.KvBatch;
import io.camvault.vault.kv.KvStore;
import io.camvault.vault.kv.Keys;
import io.camvault.vault.kv.Records;
import io.camvault.vault.model.CaseRecord;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Cases over {@code CASES} (case id → record, {@link Records}) and {@code CASES_BY_NUMBER}
 * (case number → case id, UTF-8). Like {@link io.camvault.vault.index.SegmentIndex}, writes are
 * staged into the caller's batch and presence checks read committed state, so callers hold the
 * vault's write lock ({@link io.camvault.vault.Vault#commitAudited}).
 */
public final class CaseStore {
    private final KvStore kv;

    public CaseStore(KvStore kv) {
        this.kv = kv;
    }

    /** Stages a new case. CONFLICT if its id or its number is taken. */
    public void insert(KvBatch batch, CaseRecord c) {
        if (kv.get(ColumnFamily.CASES, Keys.utf8(c.id())) != null) {
            throw new VaultException(VaultException.Kind.CONFLICT, "case " + c.id() + " already exists");
        }
        if (kv.get(ColumnFamily.CASES_BY_NUMBER, Keys.utf8(c.number())) != null) {
            throw new VaultException(VaultException.Kind.CONFLICT, "a case numbered " + c.number() + " already exists");
        }
        batch.put(ColumnFamily.CASES, Keys.utf8(c.id()), Records.encode(c));
        batch.put(ColumnFamily.CASES_BY_NUMBER, Keys.utf8(c.number()), c.id().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Stages a changed case. NOT_FOUND if absent, CONFLICT if {@code before} is not what is stored;
     * a case number never changes (it is how clerks and other systems refer to the case).
     */
    public void update(KvBatch batch, CaseRecord before, CaseRecord after) {
        if (!before.id().equals(after.id()) || !before.number().equals(after.number())) {
            throw new IllegalArgumentException("a case keeps its id and number");
        }
        CaseRecord stored = get(before.id()).orElseThrow(() ->
                new VaultException(VaultException.Kind.NOT_FOUND, "case " + before.id() + " not found"));
        if (!stored.equals(before)) {
            throw new VaultException(VaultException.Kind.CONFLICT, "case " + before.id() + " changed since it was read");
        }
        batch.put(ColumnFamily.CASES, Keys.utf8(after.id()), Records.encode(after));
    }

    public Optional<CaseRecord> get(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        byte[] v = kv.get(ColumnFamily.CASES, Keys.utf8(id));
        return v == null ? Optional.empty() : Optional.of(Records.decode(v, CaseRecord.class));
    }

    public Optional<CaseRecord> byNumber(String number) {
        if (number == null || number.isEmpty()) {
            return Optional.empty();
        }
        byte[] id = kv.get(ColumnFamily.CASES_BY_NUMBER, Keys.utf8(number));
        return id == null ? Optional.empty() : get(new String(id, StandardCharsets.UTF_8));
    }
}
