package io.camvault.vault.retention;

import io.camvault.vault.audit.AuditEntry;
import io.camvault.vault.kv.KvBatch;
import io.camvault.vault.model.CaseRecord;
import io.camvault.vault.model.Segment;
import io.camvault.vault.store.Protection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Applies {@link RetentionRules} to a segment inside a change that is being staged: every custody
 * change (link, unlink, hold, release, close, major) and the sweep call it, so a segment's stored
 * retention is recomputed whenever something it depends on changes, in the same batch. What the
 * change asks of a store that enforces retention goes into the change's {@link StoreScope}.
 *
 * <p>If the segment waits in the pending-deletion queue and is no longer purgeable, its entry is
 * dropped in the same batch: protection wins immediately, not at the purge's due date (which
 * re-checks anyway).
 */
public final class RetentionApplier {
    private final PurgeRecords purge;
    private final RetentionPolicy policy;
    private final Function<String, Optional<CaseRecord>> storedCases;

    /** @param storedCases the cases as recorded (what the store holds protection for) */
    public RetentionApplier(PurgeRecords purge, RetentionPolicy policy, Function<String, Optional<CaseRecord>> storedCases) {
        this.purge = purge;
        this.policy = policy;
        this.storedCases = storedCases;
    }

    public RetentionPolicy policy() {
        return policy;
    }

    /** The decision for {@code s}, resolving its cases through {@code cases}. */
    public Decision decide(Segment s, Function<String, Optional<CaseRecord>> cases, Instant now) {
        List<CaseRecord> linked = new ArrayList<>();
        for (String id : s.caseIds()) {
            cases.apply(id).ifPresent(linked::add);
        }
        return RetentionRules.decide(s, linked, policy, now);
    }

    /** What a store that enforces retention must hold for {@code s} as recorded now. */
    public Protection recordedProtection(Segment s, Instant now) {
        return new Protection(s.retainUntil(), decide(s, storedCases, now).legalHold());
    }

    /**
     * Returns {@code changed} (the recorded segment {@code stored} with the change applied) with its
     * retention recomputed, and adds the audit entries that describe what moved. The caller stages
     * the segment update itself (once, with all changes).
     */
    public Segment recompute(KvBatch batch, Segment stored, Segment changed, Function<String, Optional<CaseRecord>> cases,
            Instant now, String actor, List<AuditEntry> audit, StoreScope scope) {
        Decision d = decide(changed, cases, now);
        String subject = "segment:" + changed.id();
        if (d.changes(changed)) {
            audit.add(AuditEntry.success(actor, "segment.retention", subject, Map.of(
                    "class", d.retentionClass().name(),
                    "from", String.valueOf(changed.retainUntil() == null ? "permanent" : changed.retainUntil()),
                    "retainUntil", d.retainUntil() == null ? "permanent" : d.retainUntil().toString(),
                    "reason", d.reason())));
        }
        if (!d.purgeable() && purge.pending(changed.id()).isPresent()) {
            purge.dequeue(batch, changed.id());
            audit.add(AuditEntry.success(actor, "segment.purge_cancelled", subject, Map.of("reason", d.reason())));
        }
        Segment after = d.applyTo(changed);
        scope.require(stored, recordedProtection(stored, now), new Protection(after.retainUntil(), d.legalHold()));
        return after;
    }
}
