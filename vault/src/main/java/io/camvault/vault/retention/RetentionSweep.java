package io.camvault.vault.retention;

import io.camvault.vault.Vault;
import io.camvault.vault.audit.AuditEntry;
import io.camvault.vault.model.Segment;
import io.camvault.vault.model.SegmentId;
import io.camvault.vault.store.ObjectPurger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retention job. One {@link #run} does two passes:
 * <ol>
 *   <li>queue: every segment whose stored retain-until has passed is re-decided under the current
 *       policy; if it is purgeable it enters the pending-deletion queue, due {@code pendingDeletion}
 *       later; if the policy now keeps it longer, its stored retention moves later;</li>
 *   <li>purge: every queue entry that is due is re-decided once more; if still purgeable the
 *       original is removed through {@link ObjectPurger}, then the segment record and its secondary
 *       keys are deleted and a {@link Tombstone} and a {@code segment.purge} audit event are
 *       written in one batch. If no longer purgeable, the entry is dropped with a
 *       {@code segment.purge_skipped} event.</li>
 * </ol>
 *
 * <p>Purged segments are deleted from the index rather than marked, so no search, hash lookup or
 * secondary key can return them; the tombstone (kept forever, with the record as it was) and the
 * audit chain are what remain.
 *
 * <p>Idempotent and crash-safe: each segment is handled in its own commit under the vault's
 * write lock (so a concurrent link or hold is either seen or waits). The object goes first: a
 * crash after it leaves the segment and its queue entry in place, and the rerun finds the object
 * already gone ({@code purge} returns false) and completes the commit. The fixity audit skips
 * segments whose deletion is due, so that window raises no false alarm.
 */
public final class RetentionSweep {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionSweep.class);

    private final Vault vault;
    private final PurgeRecords purge;
    private final RetentionApplier retention;
    private final ObjectPurger purger;

    public RetentionSweep(Vault vault, PurgeRecords purge, RetentionApplier retention, ObjectPurger purger) {
        this.vault = vault;
        this.purge = purge;
        this.retention = retention;
        this.purger = purger;
    }

    /** What one run did. */
    public record Result(int queued, int purged, int skipped) {
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
        LOG.info("retention.sweep queued={} purged={} skipped={}", queued, purged, skipped);
        return new Result(queued, purged, skipped);
    }

    private List<SegmentId> expiredIds(Instant now) {
        List<SegmentId> ids = new ArrayList<>();
        vault.segments().forEachRetainUntilBefore(now, s -> ids.add(s.id()));
        return ids;
    }

    private boolean queue(SegmentId id, Instant now) {
        boolean[] queued = {false};
        vault.commitAudited(batch -> {
            Optional<Segment> stored = vault.segments().get(id);
            if (stored.isEmpty() || purge.pending(id).isPresent()) {
                return List.of();
            }
            Segment s = stored.get();
            List<AuditEntry> audit = new ArrayList<>();
            Segment after = retention.recompute(batch, s, vault.cases()::get, now, Vault.SYSTEM, audit);
            if (!after.equals(s)) {
                vault.segments().update(batch, s, after);
            }
            Decision d = retention.decide(after, vault.cases()::get, now);
            if (d.purgeable()) {
                Instant due = now.plus(retention.policy().pendingDeletion());
                purge.enqueue(batch, new PendingDeletion(id, s.sha256(), now, due, d.reason()));
                audit.add(AuditEntry.success(Vault.SYSTEM, "segment.purge_queued", "segment:" + id,
                        Map.of("dueAt", due.toString(), "reason", d.reason(), "sha256", s.sha256().hex())));
                queued[0] = true;
            }
            return audit;
        });
        return queued[0];
    }

    private boolean purgeIfStillPurgeable(PendingDeletion p, Instant now) {
        boolean[] purged = {false};
        vault.commitAudited(batch -> {
            String subject = "segment:" + p.segmentId();
            Optional<Segment> stored = vault.segments().get(p.segmentId());
            if (stored.isEmpty()) {
                purge.dequeue(batch, p.segmentId());
                return List.of(AuditEntry.success(Vault.SYSTEM, "segment.purge_skipped", subject,
                        Map.of("reason", "segment record no longer exists")));
            }
            Segment s = stored.get();
            Decision d = retention.decide(s, vault.cases()::get, now);
            if (!d.purgeable()) {
                // Protected or extended since it was queued: keep it, and store the longer retention.
                purge.dequeue(batch, p.segmentId());
                List<AuditEntry> audit = new ArrayList<>();
                Segment after = retention.recompute(batch, s, vault.cases()::get, now, Vault.SYSTEM, audit);
                if (!after.equals(s)) {
                    vault.segments().update(batch, s, after);
                }
                audit.removeIf(e -> e.action().equals("segment.purge_cancelled"));
                audit.add(AuditEntry.success(Vault.SYSTEM, "segment.purge_skipped", subject, Map.of("reason", d.reason())));
                LOG.info("retention.purge_skipped segment={} reason={}", s.id(), d.reason());
                return audit;
            }
            boolean removed = purger.purge(s.sha256());
            vault.segments().remove(batch, s);
            purge.dequeue(batch, s.id());
            purge.bury(batch, new Tombstone(s.sha256(), s.size(), s, d.reason(), now, p.queuedAt()));
            purged[0] = true;
            LOG.info("segment.purged segment={} sha256={} bytes={} object_removed={}", s.id(), s.sha256().hex(), s.size(),
                    removed);
            return List.of(AuditEntry.success(Vault.SYSTEM, "segment.purge", subject, Map.of(
                    "sha256", s.sha256().hex(), "bytes", Long.toString(s.size()), "reason", d.reason(),
                    "queuedAt", p.queuedAt().toString(), "objectRemoved", Boolean.toString(removed))));
        });
        return purged[0];
    }
}
