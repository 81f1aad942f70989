package io.camvault.vault.audit;

import io.camvault.vault.kv.ColumnFamily;
import io.camvault.vault.kv.KvBatch;
import io.camvault.vault.kv.Keys;
import io.camvault.vault.kv.KvStore;
import java.util.ArrayList;
import java.util.List;

/** Appends entries the way the vault does: stage under a lock, write the batch, advance. */
final class ChainBuilder {
    private ChainBuilder() {
    }

    static List<AuditEvent> append(AuditLog log, KvStore kv, List<AuditEntry> entries, int perBatch) {
        List<AuditEvent> all = new ArrayList<>();
        for (int i = 0; i < entries.size(); i += perBatch) {
            try (KvBatch batch = kv.newBatch()) {
                List<AuditEvent> events = log.stage(batch, entries.subList(i, Math.min(entries.size(), i + perBatch)));
                kv.write(batch);
                log.advance(events);
                all.addAll(events);
            }
        }
        return all;
    }

    static byte[] raw(KvStore kv, long seq) {
        return kv.get(ColumnFamily.AUDIT, Keys.auditSeq(seq));
    }

    static void putRaw(KvStore kv, ColumnFamily cf, byte[] key, byte[] value) {
        try (KvBatch batch = kv.newBatch()) {
            if (value == null) {
                batch.delete(cf, key);
            } else {
                batch.put(cf, key, value);
            }
            kv.write(batch);
        }
    }

    static void putEvent(KvStore kv, long seq, byte[] value) {
        putRaw(kv, ColumnFamily.AUDIT, Keys.auditSeq(seq), value);
    }
}
