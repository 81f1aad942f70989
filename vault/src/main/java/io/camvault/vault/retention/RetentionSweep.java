package io.camvault.vault.retention;

import io.camvault.vault.VaultException;
import io.camvault.vault.audit.AuditEntry;
import io.camvault.vault.cases.CaseStore;
import io.camvault.vault.index.SegmentIndex;
import io.camvault.vault.ledger.Change;
import io.camvault.vault.ledger.Ledger;
import io.camvault.vault.ledger.ObjectGuard;
import io.camvault.vault.model.Segment;
import io.camvault.vault.model.SegmentId;
import io.camvault.vault.store.ObjectPurger;
import io.camvault.vault.store.PurgeOutcome;
import io.camvault.vault.store.RetentionControl;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retention job. One {@link #run} does three passes:
 * <ol>
 *   <li>queue: every segment whose stored retain-until has passed is re-decided under the current
 *       policy; if it is purgeable it enters the pending-deletion queue, due {@code pendingDeletion}
 *       later; if the policy now keeps it longer, its stored retention moves later (protected in
 *       the store first, see {@link ProtectingLedger});</li>
 *   <li>purge (record): every queue entry that is due is re-decided once more; if still purgeable
 *       the segment record and its secondary keys are deleted and a {@link Tombstone}, an
 *       {@link ObjectRemoval} and a {@code segment.purge} audit event are written in one batch. If
 *       no longer purgeable, the entry is dropped with a {@code segment.purge_skipped} event;</li>
 *   <li>remove (destroy): every pending removal is carried out outside the ledger's lock: unless
 *       the same bytes were ingested again meanwhile, the store's legal hold is cleared and the
 *       object removed, then the removal is recorded ({@code object.purge}). A store that still
 *       locks the object refuses; the removal stays pending ({@code object.purge_refused}, once)
 *       and is tried again on the next run.</li>
 * </ol>
 *
 * <p>Purged segments are deleted from the index rather than marked, so no search, hash lookup or
 * secondary key can return them; the tombstone (kept forever, with the record as it was) and the
 * audit chain are what remain. Record first, destroy second: a crash in between leaves a pending
 * removal that the next run completes, and never a segment whose object is gone. A slow store
 * DELETE holds no lock but the object's own {@link ObjectGuard} stripe.
 */
public final class RetentionSweep {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionSweep.class);

    private final ProtectingLedger ledger;
    private final SegmentIndex segments;
    private final CaseStore cases;
    private final PurgeRecords purge;
    private final RetentionApplier retention;
    private final ObjectPurger purger;
    private final RetentionControl control;
    private final ObjectGuard guard;

    /** @param control null when the store enforces no retention of its own */
    public RetentionSweep(ProtectingLedger ledger, SegmentIndex segments, CaseStore cases, PurgeRecords purge,
            RetentionApplier retention, ObjectPurger purger, RetentionControl control, ObjectGuard guard) {
        this.ledger = ledger;
        this.segments = segments;
        this.cases = cases;
        this.purge = purge;
        this.retention = retention;
        this.purger = purger;
        this.control = control;
        this.guard = guard;
    }

    /** What one run did: segments queued, purged and kept at their due date; objects removed and still pending. */
    public record Result(int queued, int purged, int skipped, int removed, int pending) {
    }

    public Result run(Instant now) {
        int queued = 0;
        for (SegmentId id : expiredIds(now)) {
            if (queue(id, now)) {
                queued++;
            }
        }
        int purged = 0;
        int skipped = 0;
        for (PendingDeletion p : purge.pendingAll()) {
            if (p.dueAt().isAfter(now)) {
                continue;
            }
            if (purgeIfStillPurgeable(p, now)) {
                purged++;
            } else {
                skipped++;
            }
        }
        int removed = 0;
        int pending = 0;
        for (ObjectRemoval r : purge.removals()) {
            if (remove(r)) {
                removed++;
            } else {
                pending++;
            }
        }
        LOG.info("retention.sweep queued={} purged={} skipped={} objects_removed={} objects_pending={}", queued, purged,
                skipped, removed, pending);
        return new Result(queued, purged, skipped, removed, pending);
    }

    private List<SegmentId> expiredIds(Instant now) {
        List<SegmentId> ids = new ArrayList<>();
        segments.forEachRetainUntilBefore(now, s -> ids.add(s.id()));
        return ids;
    }

    private boolean queue(SegmentId id, Instant now) {
        return ledger.apply((batch, scope) -> {
            Optional<Segment> stored = segments.get(id);
            if (stored.isEmpty() || purge.pending(id).isPresent()) {
                return Change.of(false, List.of());
            }
            Segment s = stored.get();
            List<AuditEntry> audit = new ArrayList<>();
            Segment after = retention.recompute(batch, s, s, cases::get, now, Ledger.SYSTEM, audit, scope);
            if (!after.equals(s)) {
                segments.update(batch, s, after);
            }
            Decision d = retention.decide(after, cases::get, now);
            if (!d.purgeable()) {
                return Change.of(false, audit);
            }
            Instant due = now.plus(retention.policy().pendingDeletion());
            purge.enqueue(batch, new PendingDeletion(id, s.sha256(), now, due, d.reason()));
            audit.add(AuditEntry.success(Ledger.SYSTEM, "segment.purge_queued", "segment:" + id,
                    Map.of("dueAt", due.toString(), "reason", d.reason(), "sha256", s.sha256().hex())));
            return Change.of(true, audit);
        });
    }

    private boolean purgeIfStillPurgeable(PendingDeletion p, Instant now) {
        return ledger.apply((batch, scope) -> {
            String subject = "segment:" + p.segmentId();
            Optional<Segment> stored = segments.get(p.segmentId());
            if (stored.isEmpty()) {
                purge.dequeue(batch, p.segmentId());
                return Change.of(false, AuditEntry.success(Ledger.SYSTEM, "segment.purge_skipped", subject,
                        Map.of("reason", "segment record no longer exists")));
            }
            Segment s = stored.get();
            Decision d = retention.decide(s, cases::get, now);
            if (!d.purgeable()) {
                // Protected or extended since it was queued: keep it, and store the longer retention.
                purge.dequeue(batch, p.segmentId());
                List<AuditEntry> audit = new ArrayList<>();
                Segment after = retention.recompute(batch, s, s, cases::get, now, Ledger.SYSTEM, audit, scope);
                if (!after.equals(s)) {
                    segments.update(batch, s, after);
                }
                audit.removeIf(e -> e.action().equals("segment.purge_cancelled"));
                audit.add(AuditEntry.success(Ledger.SYSTEM, "segment.purge_skipped", subject, Map.of("reason", d.reason())));
                LOG.info("retention.purge_skipped segment={} reason={}", s.id(), d.reason());
                return Change.of(false, audit);
            }
            segments.remove(batch, s);
            purge.dequeue(batch, s.id());
            purge.bury(batch, new Tombstone(s.sha256(), s.size(), s, d.reason(), now, p.queuedAt()));
            purge.stageRemoval(batch, new ObjectRemoval(s.sha256(), s.size(), s.id(), now, 0, null));
            LOG.info("segment.purged segment={} sha256={} bytes={}", s.id(), s.sha256().hex(), s.size());
            return Change.of(true, AuditEntry.success(Ledger.SYSTEM, "segment.purge", subject, Map.of(
                    "sha256", s.sha256().hex(), "bytes", Long.toString(s.size()), "reason", d.reason(),
                    "queuedAt", p.queuedAt().toString())));
        });
    }

    /** Removes one purged segment's object; true when it is gone (or kept for a new segment) and recorded so. */
    boolean remove(ObjectRemoval r) {
        return guard.guarded(r.sha256(), () -> {
            String subject = "object:" + r.sha256().hex();
            Optional<Segment> again = segments.findByHash(r.sha256());
            if (again.isPresent()) {
                ledger.ledger().commit(b -> purge.dropRemoval(b, r.sha256()), List.of(AuditEntry.success(Ledger.SYSTEM,
                        "object.purge_skipped", subject, Map.of("reason", "ingested again as segment " + again.get().id(),
                                "segment", r.segmentId().toString()))));
                return true;
            }
            PurgeOutcome outcome;
            try {
                if (control != null) {
                    control.releaseHold(r.sha256());
                }
                outcome = purger.purge(r.sha256());
            } catch (VaultException e) {
                outcome = PurgeOutcome.refused(e.getMessage());
            }
            if (outcome.gone()) {
                ledger.ledger().commit(b -> purge.dropRemoval(b, r.sha256()), List.of(AuditEntry.success(Ledger.SYSTEM,
                        "object.purge", subject, Map.of("sha256", r.sha256().hex(), "bytes", Long.toString(r.size()),
                                "segment", r.segmentId().toString(),
                                "outcome", outcome.result().name().toLowerCase(java.util.Locale.ROOT)))));
                LOG.info("object.removed sha256={} bytes={} outcome={}", r.sha256().hex(), r.size(), outcome.result());
                return true;
            }
            String why = outcome.detail();
            boolean first = r.attempts() == 0;
            ledger.ledger().commit(b -> purge.stageRemoval(b, r.refused(why)), first ? List.of(AuditEntry.success(
                    Ledger.SYSTEM, "object.purge_refused", subject, Map.of("sha256", r.sha256().hex(),
                            "segment", r.segmentId().toString(), "reason", why))) : List.of());
            LOG.warn("object.purge_refused sha256={} attempts={} reason=\"{}\"", r.sha256().hex(), r.attempts() + 1, why);
            return false;
        });
    }
}
