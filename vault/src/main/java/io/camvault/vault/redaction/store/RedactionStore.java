package io.camvault.vault.redaction.store;

import io.camvault.vault.VaultException;
import io.camvault.vault.kv.ColumnFamily;
import io.camvault.vault.kv.KvBatch;
import io.camvault.vault.kv.KvStore;
import io.camvault.vault.kv.Keys;
import io.camvault.vault.kv.Records;
import io.camvault.vault.model.SegmentId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Redaction records over {@code REDACTIONS}; writes are staged into the caller's batch. */
public final class RedactionStore {
    private final KvStore kv;

    public RedactionStore(KvStore kv) {
        this.kv = kv;
    }

    /** Stages a new record; CONFLICT if the id is taken. */
    public void insert(KvBatch batch, RedactionRecord r) {
        RedactionId id = RedactionId.parse(r.id()).orElseThrow(() ->
                new VaultException(VaultException.Kind.INVALID, "bad redaction id " + r.id()));
        byte[] key = Keys.redactionKey(id.segment(), id.suffix());
        if (kv.get(ColumnFamily.REDACTIONS, key) != null) {
            throw new VaultException(VaultException.Kind.CONFLICT, "redaction " + r.id() + " already exists");
        }
        batch.put(ColumnFamily.REDACTIONS, key, Records.encode(r));
    }

    public Optional<RedactionRecord> get(RedactionId id) {
        byte[] v = kv.get(ColumnFamily.REDACTIONS, Keys.redactionKey(id.segment(), id.suffix()));
        return v == null ? Optional.empty() : Optional.of(Records.decode(v, RedactionRecord.class));
    }

    /** The segment's redacted copies, oldest first. */
    public List<RedactionRecord> bySegment(SegmentId segment) {
        byte[] from = Keys.segment(segment);
        byte[] to = from.clone();
        increment(to);
        List<RedactionRecord> out = new ArrayList<>();
        kv.scan(ColumnFamily.REDACTIONS, from, to, (k, v) -> out.add(Records.decode(v, RedactionRecord.class)));
        out.sort(Comparator.comparing(RedactionRecord::createdAt));
        return out;
    }

    /** Up to {@code limit} redacted copies of all segments, newest first. */
    public List<RedactionRecord> recent(int limit) {
        List<RedactionRecord> out = new ArrayList<>();
        kv.scan(ColumnFamily.REDACTIONS, null, null, (k, v) -> out.add(Records.decode(v, RedactionRecord.class)));
        out.sort(Comparator.comparing(RedactionRecord::createdAt).reversed());
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
    }

    private static void increment(byte[] key) {
        for (int i = key.length - 1; i >= 0; i--) {
            if (++key[i] != 0) {
                return;
            }
        }
    }
}
