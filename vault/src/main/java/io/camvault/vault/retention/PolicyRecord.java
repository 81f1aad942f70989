package io.camvault.vault.retention;

import io.camvault.vault.audit.AuditEntry;
import io.camvault.vault.kv.ColumnFamily;
import io.camvault.vault.kv.Keys;
import io.camvault.vault.kv.KvStore;
import io.camvault.vault.kv.Records;
import io.camvault.vault.ledger.Ledger;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The last accepted retention policy, kept in {@code META/retention.policy}. At start-up the
 * configured policy is compared with it: one that would shorten any setting is refused (the daemon
 * does not start); a longer one becomes the new record, with a {@code retention.policy} audit event.
 * The first start records the policy without an event, so a fresh vault's chain begins with what
 * happened to footage rather than with its own set-up.
 */
public final class PolicyRecord {
    private PolicyRecord() {
    }

    public static Optional<RetentionPolicy> load(KvStore kv) {
        byte[] v = kv.get(ColumnFamily.META, Keys.META_RETENTION_POLICY);
        return v == null ? Optional.empty() : Optional.of(Records.decode(v, RetentionPolicy.class));
    }

    /** @throws io.camvault.vault.VaultException FORBIDDEN naming the setting that would shorten retention */
    public static void accept(Ledger ledger, KvStore kv, RetentionPolicy configured, String actor) {
        Optional<RetentionPolicy> previous = load(kv);
        if (previous.isPresent() && previous.get().equals(configured)) {
            return;
        }
        configured.checkNotShorter(previous.orElse(null));
        if (previous.isEmpty()) {
            ledger.commit(batch -> batch.put(ColumnFamily.META, Keys.META_RETENTION_POLICY, Records.encode(configured)),
                    List.of());
            return;
        }
        ledger.commit(batch -> batch.put(ColumnFamily.META, Keys.META_RETENTION_POLICY, Records.encode(configured)),
                List.of(AuditEntry.success(actor, "retention.policy", "retention:policy", Map.of(
                        RetentionPolicy.ROUTINE, RetentionPolicy.describe(configured.routine()),
                        RetentionPolicy.EVIDENCE_AFTER_CLOSE, RetentionPolicy.describe(configured.evidenceAfterClose()),
                        RetentionPolicy.PENDING_DELETION, RetentionPolicy.describe(configured.pendingDeletion()),
                        "previous", summary(previous.get())))));
    }

    private static String summary(RetentionPolicy p) {
        return RetentionPolicy.ROUTINE + "=" + RetentionPolicy.describe(p.routine()) + ", "
                + RetentionPolicy.EVIDENCE_AFTER_CLOSE + "=" + RetentionPolicy.describe(p.evidenceAfterClose()) + ", "
                + RetentionPolicy.PENDING_DELETION + "=" + RetentionPolicy.describe(p.pendingDeletion());
    }
}
