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

    /**
     * As {@link #verify(KvStore, List, PublicKey)}, and the events after the newest checkpoint must be recent
     * enough that the checkpoint job ({@code jobs.audit-checkpoint}, every {@code interval}) cannot yet have
     * covered them: when the first event no checkpoint covers lies more than {@code interval} (plus a tenth,
     * at least a minute, for the job's own timing) before the last event, a later checkpoint is missing, and
     * every event after the newest one could have been rewritten and re-linked without a trace. That is a
     * failure, located at the first uncovered event. Without any checkpoint, every event is uncovered.
     */
    public static AuditVerification verify(KvStore kv, List<Checkpoint> checkpoints, PublicKey key,
            java.time.Duration interval) {
        AuditVerification v = verify(kv, checkpoints, key);
        if (!v.intact()) {
            return v;
        }
        long newest = checkpoints.stream().mapToLong(Checkpoint::seq).max().orElse(0);
        java.time.Instant signedAt = checkpoints.stream().filter(c -> c.seq() == newest).map(Checkpoint::time)
                .findFirst().orElse(null);
        AuditEvent[] last = new AuditEvent[1];
        kv.scanDescending(ColumnFamily.AUDIT, null, null, (k, val) -> {
            last[0] = AuditCodec.decode(val);
            return false;
        });
        if (last[0] == null || last[0].seq() <= newest) {
            return v;
        }
        byte[] firstBytes = kv.get(ColumnFamily.AUDIT, Keys.auditSeq(newest + 1));
        if (firstBytes == null) {
            return v; // a gap is the chain check's to report
        }
        AuditEvent first = AuditCodec.decode(firstBytes);
        java.time.Duration grace = interval.dividedBy(10).compareTo(java.time.Duration.ofMinutes(1)) < 0
                ? java.time.Duration.ofMinutes(1) : interval.dividedBy(10);
        java.time.Duration uncovered = java.time.Duration.between(first.time(), last[0].time());
        if (uncovered.compareTo(interval.plus(grace)) > 0) {
            return AuditVerification.broken(v.eventsChecked(), newest + 1, "events " + (newest + 1) + " to "
                    + last[0].seq() + " are not covered by a signed checkpoint: "
                    + (signedAt == null ? "there is none" : "the newest covers event " + newest + " (signed at "
                    + signedAt + ")") + ", yet they span " + uncovered + " (from " + first.time() + " to "
                    + last[0].time() + "), more than the checkpoint interval " + interval
                    + " allows; checkpoints are missing, and these events could have been rewritten unnoticed"
                    + " (pass the checkpoints kept off the node with --checkpoints)");
        }
        return v;
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
