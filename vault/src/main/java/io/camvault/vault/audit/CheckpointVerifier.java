package io.camvault.vault.audit;

import io.camvault.vault.kv.ColumnFamily;
import io.camvault.vault.kv.KvStore;
import io.camvault.vault.kv.Keys;
import java.security.PublicKey;
import java.util.Comparator;
import java.util.List;

/**
 * Checks the audit chain against signed checkpoints: first the chain itself ({@link AuditVerifier}),
 * then, for every checkpoint in seq order, that its signature is valid under the given public key
 * and that the chain holds an event at that seq with exactly that hash. A log truncated below a
 * checkpoint, or rewritten (even with every hash and the head recomputed), fails here. The answer
 * is the earliest problem found; a rewrite is located between the last checkpoint that still
 * matches and the first that does not.
 */
public final class CheckpointVerifier {
    private CheckpointVerifier() {
    }

    public static AuditVerification verify(KvStore kv, List<Checkpoint> checkpoints, PublicKey key) {
        AuditVerification chain = new AuditVerifier(kv).verify();
        AuditVerification signed = checkCheckpoints(kv, checkpoints, key, chain.eventsChecked());
        if (chain.intact()) {
            return signed;
        }
        if (signed.intact() || chain.brokenAtSeq() <= signed.brokenAtSeq()) {
            return chain;
        }
        return signed;
    }

    private static AuditVerification checkCheckpoints(KvStore kv, List<Checkpoint> checkpoints, PublicKey key,
            long checked) {
        long lastGood = 0;
        List<Checkpoint> sorted = checkpoints.stream().sorted(Comparator.comparingLong(Checkpoint::seq)).toList();
        for (Checkpoint c : sorted) {
            if (!c.verify(key)) {
                return AuditVerification.broken(checked, c.seq(), "checkpoint for event " + c.seq() + " signed at "
                        + c.time() + ": signature is not valid under this public key");
            }
            byte[] stored = kv.get(ColumnFamily.AUDIT, Keys.auditSeq(c.seq()));
            if (stored == null) {
                long[] last = {0};
                kv.scanDescending(ColumnFamily.AUDIT, null, null, (k, v) -> {
                    last[0] = Keys.trailingSeq(k);
                    return false;
                });
                return AuditVerification.broken(checked, Math.min(last[0] + 1, c.seq()), "log truncated: event "
                        + c.seq() + " was checkpointed at " + c.time() + " but the log ends at " + last[0]);
            }
            AuditEvent event;
            try {
                event = AuditCodec.decode(stored);
            } catch (IllegalArgumentException e) {
                return AuditVerification.broken(checked, c.seq(), "event " + c.seq() + " cannot be decoded: " + e.getMessage());
            }
            if (!event.hash().equals(c.hash()) || !AuditCodec.sealed(stored)) {
                return AuditVerification.broken(checked, lastGood + 1, "log rewritten: event " + c.seq()
                        + " no longer has the hash checkpointed at " + c.time() + "; the change lies in events "
                        + (lastGood + 1) + " to " + c.seq());
            }
            lastGood = c.seq();
        }
        return AuditVerification.ok(checked);
    }
}
