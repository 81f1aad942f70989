package io.camvault.vault.audit;

import io.camvault.vault.kv.ColumnFamily;
import io.camvault.vault.kv.KvStore;
import io.camvault.vault.kv.Keys;
import io.camvault.vault.model.Sha256;

/**
 * Walks the audit chain of any {@link KvStore} and reports the first broken link. It needs no
 * running vault, so {@code camvault audit verify} can run it offline against a copy of the index.
 *
 * <p>For every stored event, in key order, it checks that:
 * <ol>
 *   <li>the key is the next sequence number (the chain starts at 1, no gaps);</li>
 *   <li>the value parses as a canonical record ({@link AuditCodec}, strict), and its stored hash is
 *       the SHA-256 of the stored bytes before it — the stored bytes are the hash input, so any
 *       changed byte fails one of the two;</li>
 *   <li>the event's own seq is its key's (catches reordered records);</li>
 *   <li>its prevHash is the previous event's hash (32 zero bytes for event 1);</li>
 *   <li>its hash is {@link AuditChain#hash(AuditEvent)} of its contents.</li>
 * </ol>
 * Then the chain must end exactly at the head recorded in {@code META}: fewer events means the
 * newest ones were removed. Problems with the head record itself are reported at seq 0.
 *
 * <p>Memory use is constant: one event at a time.
 */
public final class AuditVerifier {
    private final KvStore kv;

    public AuditVerifier(KvStore kv) {
        this.kv = kv;
    }

    public AuditVerification verify() {
        Walk walk = new Walk();
        kv.scan(ColumnFamily.AUDIT, null, null, walk::visit);
        if (walk.broken != null) {
            return walk.broken;
        }
        return checkHead(walk.checked, walk.expectedSeq - 1, walk.prevHash);
    }

    private AuditVerification checkHead(long checked, long lastSeq, Sha256 lastHash) {
        byte[] stored = kv.get(ColumnFamily.META, Keys.META_AUDIT_HEAD);
        if (stored == null) {
            return lastSeq == 0 ? AuditVerification.ok(0) : AuditVerification.broken(checked, 0,
                    "the head record is missing, though the log holds events 1 to " + lastSeq);
        }
        AuditHead head;
        try {
            head = AuditHead.decode(stored);
        } catch (IllegalArgumentException e) {
            return AuditVerification.broken(checked, 0, "the head record cannot be decoded: " + e.getMessage());
        }
        if (head.seq() > lastSeq) {
            String where = lastSeq == 0 ? "the log is empty" : "log ends at " + lastSeq;
            return AuditVerification.broken(checked, lastSeq + 1, where + " but the head records " + head.seq());
        }
        if (head.seq() < lastSeq) {
            return AuditVerification.broken(checked, head.seq() + 1,
                    "log continues past the head: the head records " + head.seq() + " but the log ends at " + lastSeq);
        }
        if (!head.hash().equals(lastHash)) {
            return AuditVerification.broken(checked, lastSeq,
                    "event " + lastSeq + ": hash differs from the one the head records");
        }
        return AuditVerification.ok(checked);
    }

    /** The walk's state; stops the scan at the first problem. */
    private static final class Walk {
        long expectedSeq = 1;
        Sha256 prevHash = AuditChain.GENESIS;
        long checked;
        AuditVerification broken;

        boolean visit(byte[] key, byte[] value) {
            String problem = check(key, value);
            if (problem != null) {
                broken = AuditVerification.broken(checked, brokenSeq(key), problem);
                return false;
            }
            checked++;
            expectedSeq++;
            return true;
        }

        private long brokenSeq(byte[] key) {
            if (key.length != Keys.SEQ_BYTES) {
                return expectedSeq;
            }
            return Math.min(Keys.trailingSeq(key), expectedSeq);
        }

        private String check(byte[] key, byte[] value) {
            if (key.length != Keys.SEQ_BYTES) {
                return "event " + expectedSeq + ": a " + key.length + "-byte key in the audit family is not a sequence number";
            }
            long seq = Keys.trailingSeq(key);
            if (seq < expectedSeq) {
                return "event " + seq + " is not allowed: the chain starts at 1";
            }
            if (seq > expectedSeq) {
                return expectedSeq == 1
                        ? "event 1 missing: chain starts at " + seq
                        : "event " + expectedSeq + " missing: chain jumps from " + (expectedSeq - 1) + " to " + seq;
            }
            AuditEvent event;
            try {
                event = AuditCodec.decode(value);
            } catch (RuntimeException e) {
                return "event " + seq + " cannot be decoded: " + e.getMessage();
            }
            if (event.seq() != seq) {
                return "event " + seq + ": record says it is event " + event.seq() + " (moved or reordered)";
            }
            if (!prevHash.equals(event.prevHash())) {
                return seq == 1
                        ? "event 1: does not start from the genesis hash"
                        : "event " + seq + ": previous hash does not match the hash of event " + (seq - 1);
            }
            try {
                if (!AuditCodec.sealed(value) || !AuditChain.sealed(event)) {
                    return "event " + seq + ": hash does not match its contents";
                }
            } catch (IllegalArgumentException e) {
                return "event " + seq + " is incomplete: " + e.getMessage();
            }
            prevHash = event.hash();
            return null;
        }
    }
}
