package io.camvault.vault.cases;

import io.camvault.vault.VaultException;
import io.camvault.vault.audit.AuditEntry;
import io.camvault.vault.index.SegmentIndex;
import io.camvault.vault.kv.KvBatch;
import io.camvault.vault.ledger.Change;
import io.camvault.vault.model.CaseLink;
import io.camvault.vault.model.CaseRecord;
import io.camvault.vault.model.CaseStatus;
import io.camvault.vault.model.Description;
import io.camvault.vault.model.Hold;
import io.camvault.vault.model.Segment;
import io.camvault.vault.model.SegmentId;
import io.camvault.vault.retention.PendingDeletion;
import io.camvault.vault.retention.ProtectingLedger;
import io.camvault.vault.retention.PurgeRecords;
import io.camvault.vault.retention.RetentionApplier;
import io.camvault.vault.retention.StoreScope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Custody changes on cases and segments: create, link, unlink, close, mark major, hold, release,
 * and cancelling a pending deletion. Each is one {@link ProtectingLedger#apply} — read, check,
 * stage, audit, under the ledger's lock — and recomputes the retention of every segment it touches
 * ({@link RetentionApplier}), in the same batch; what that asks of a store that enforces retention
 * is protected before the change is recorded.
 *
 * <p>Reasons and descriptions are required where a person must account for the change: unlink,
 * release, close, major, hold, cancellation. A missing one is INVALID.
 */
public final class CaseOperations {
    private final ProtectingLedger ledger;
    private final SegmentIndex segments;
    private final CaseStore cases;
    private final PurgeRecords purge;
    private final RetentionApplier retention;

    public CaseOperations(ProtectingLedger ledger, SegmentIndex segments, CaseStore cases, PurgeRecords purge,
            RetentionApplier retention) {
        this.ledger = ledger;
        this.segments = segments;
        this.cases = cases;
        this.purge = purge;
        this.retention = retention;
    }

    public CaseRecord create(String actor, String number, String title, String unitCode, boolean major) {
        require(number, "case number");
        return ledger.apply((batch, scope) -> {
            Instant now = now();
            CaseRecord c = new CaseRecord(UUID.randomUUID().toString(), number, title, unitCode, CaseStatus.OPEN, major,
                    now, null, List.of(), List.of());
            cases.insert(batch, c);
            return Change.of(c, AuditEntry.success(actor, "case.create", subject(c), details(
                    "number", number, "title", title, "unit", unitCode, "major", Boolean.toString(major))));
        });
    }

    public CaseLink link(String caseId, SegmentId segmentId, Description description, String actor) {
        if (description == null) {
            throw new VaultException(VaultException.Kind.INVALID, "linking footage to a case requires a written description");
        }
        return ledger.apply((batch, scope) -> {
            Instant now = now();
            CaseRecord c = existingCase(caseId);
            if (c.status() != CaseStatus.OPEN) {
                throw new VaultException(VaultException.Kind.CONFLICT, "case " + c.number() + " is closed");
            }
            Segment s = existingSegment(segmentId);
            if (activeLink(c, segmentId).isPresent()) {
                throw new VaultException(VaultException.Kind.CONFLICT,
                        "segment " + segmentId + " is already linked to case " + c.number());
            }
            CaseLink link = new CaseLink(segmentId, description, actor, now, null, null, null);
            List<CaseLink> links = new ArrayList<>(c.links());
            links.add(link);
            CaseRecord after = withLinks(c, links);
            cases.update(batch, c, after);
            Set<String> ids = new LinkedHashSet<>(s.caseIds());
            ids.add(c.id());
            List<AuditEntry> audit = new ArrayList<>();
            audit.add(AuditEntry.success(actor, "case.link", subject(c), details("segment", segmentId.toString(),
                    "description", description.text())));
            audit.add(AuditEntry.success(actor, "segment.link", subject(s), details("case", c.id(), "number", c.number())));
            updateSegment(batch, s, s.withCaseIds(List.copyOf(ids)), overlay(after), now, actor, audit, scope);
            return Change.of(link, audit);
        });
    }

    public void unlink(String caseId, SegmentId segmentId, String reason, String actor) {
        require(reason, "a reason for unlinking");
        ledger.apply((batch, scope) -> {
            Instant now = now();
            CaseRecord c = existingCase(caseId);
            CaseLink link = activeLink(c, segmentId).orElseThrow(() -> new VaultException(
                    VaultException.Kind.NOT_FOUND, "segment " + segmentId + " is not linked to case " + c.number()));
            List<CaseLink> links = new ArrayList<>();
            for (CaseLink l : c.links()) {
                links.add(l == link ? new CaseLink(l.segmentId(), l.description(), l.linkedBy(), l.linkedAt(), actor, now,
                        reason) : l);
            }
            CaseRecord after = withLinks(c, links);
            cases.update(batch, c, after);
            List<AuditEntry> audit = new ArrayList<>();
            audit.add(AuditEntry.success(actor, "case.unlink", subject(c), details("segment", segmentId.toString(),
                    "reason", reason)));
            Optional<Segment> s = segments.get(segmentId);
            if (s.isPresent()) {
                List<String> ids = new ArrayList<>(s.get().caseIds());
                ids.remove(c.id());
                audit.add(AuditEntry.success(actor, "segment.unlink", subject(s.get()), details("case", c.id(),
                        "reason", reason)));
                updateSegment(batch, s.get(), s.get().withCaseIds(ids), overlay(after), now, actor, audit, scope);
            }
            return Change.audited(audit);
        });
    }

    public CaseRecord close(String caseId, String reason, String actor) {
        require(reason, "a reason for closing");
        return changeCase(caseId, actor, "case.close", details("reason", reason), (c, now) -> {
            if (c.status() == CaseStatus.CLOSED) {
                throw new VaultException(VaultException.Kind.CONFLICT, "case " + c.number() + " is already closed");
            }
            return new CaseRecord(c.id(), c.number(), c.title(), c.unitCode(), CaseStatus.CLOSED, c.major(),
                    c.openedAt(), now, c.links(), c.holds());
        });
    }

    /** Marks a case major; there is no way back, as a class never goes down. */
    public CaseRecord markMajor(String caseId, String reason, String actor) {
        require(reason, "a reason for marking a case major");
        return changeCase(caseId, actor, "case.major", details("reason", reason), (c, now) -> {
            if (c.major()) {
                throw new VaultException(VaultException.Kind.CONFLICT, "case " + c.number() + " is already major");
            }
            return new CaseRecord(c.id(), c.number(), c.title(), c.unitCode(), c.status(), true, c.openedAt(),
                    c.closedAt(), c.links(), c.holds());
        });
    }

    public Hold holdCase(String caseId, String reason, String actor) {
        require(reason, "a reason for the hold");
        Hold hold = newHold(reason, actor);
        changeCase(caseId, actor, "case.hold", details("hold", hold.id(), "reason", reason), (c, now) -> {
            List<Hold> holds = new ArrayList<>(c.holds());
            holds.add(hold);
            return withHolds(c, holds);
        });
        return hold;
    }

    public void releaseCase(String caseId, String holdId, String reason, String actor) {
        require(reason, "a reason for releasing the hold");
        changeCase(caseId, actor, "case.release", details("hold", holdId, "reason", reason), (c, now) ->
                withHolds(c, withoutHold(c.holds(), holdId, "case " + c.number())));
    }

    public Hold holdSegment(SegmentId segmentId, String reason, String actor) {
        require(reason, "a reason for the hold");
        Hold hold = newHold(reason, actor);
        changeSegment(segmentId, actor, "segment.hold", details("hold", hold.id(), "reason", reason), s -> {
            List<Hold> holds = new ArrayList<>(s.holds());
            holds.add(hold);
            return s.withHolds(holds);
        });
        return hold;
    }

    public void releaseSegment(SegmentId segmentId, String holdId, String reason, String actor) {
        require(reason, "a reason for releasing the hold");
        changeSegment(segmentId, actor, "segment.release", details("hold", holdId, "reason", reason), s ->
                s.withHolds(withoutHold(s.holds(), holdId, "segment " + s.id())));
    }

    /**
     * Takes a segment out of the pending-deletion queue. It also places a hold carrying the reason:
     * without one, the next sweep would find the same expired segment and queue it again. Releasing
     * that hold later makes the segment eligible again.
     */
    public Hold cancelPendingDeletion(SegmentId segmentId, String admin, String reason) {
        require(reason, "a reason for cancelling the deletion");
        Hold hold = newHold("pending deletion cancelled: " + reason, admin);
        ledger.apply((batch, scope) -> {
            Instant now = now();
            PendingDeletion p = purge.pending(segmentId).orElseThrow(() -> new VaultException(
                    VaultException.Kind.NOT_FOUND, "segment " + segmentId + " is not pending deletion"));
            Segment s = existingSegment(segmentId);
            purge.dequeue(batch, segmentId);
            List<Hold> holds = new ArrayList<>(s.holds());
            holds.add(hold);
            List<AuditEntry> audit = new ArrayList<>();
            audit.add(AuditEntry.success(admin, "segment.purge_cancelled", subject(s), details("reason", reason,
                    "dueAt", p.dueAt().toString(), "hold", hold.id())));
            segments.update(batch, s, retention.recompute(batch, s, s.withHolds(holds), cases::get, now, admin, audit,
                    scope));
            return Change.audited(audit);
        });
        return hold;
    }

    // ---- helpers ------------------------------------------------------------------------------

    private interface CaseChange {
        CaseRecord apply(CaseRecord c, Instant now);
    }

    /** Changes one case, then recomputes the retention of every segment actively linked to it. */
    private CaseRecord changeCase(String caseId, String actor, String action, Map<String, String> details,
            CaseChange change) {
        return ledger.apply((batch, scope) -> {
            Instant now = now();
            CaseRecord c = existingCase(caseId);
            CaseRecord after = change.apply(c, now);
            cases.update(batch, c, after);
            List<AuditEntry> audit = new ArrayList<>();
            audit.add(AuditEntry.success(actor, action, subject(c), details));
            Function<String, Optional<CaseRecord>> lookup = overlay(after);
            for (CaseLink l : after.links()) {
                if (l.active()) {
                    Optional<Segment> s = segments.get(l.segmentId());
                    if (s.isPresent()) {
                        updateSegment(batch, s.get(), s.get(), lookup, now, actor, audit, scope);
                    }
                }
            }
            return Change.of(after, audit);
        });
    }

    private void changeSegment(SegmentId id, String actor, String action, Map<String, String> details,
            java.util.function.UnaryOperator<Segment> change) {
        ledger.apply((batch, scope) -> {
            Instant now = now();
            Segment s = existingSegment(id);
            List<AuditEntry> audit = new ArrayList<>();
            audit.add(AuditEntry.success(actor, action, subject(s), details));
            updateSegment(batch, s, change.apply(s), cases::get, now, actor, audit, scope);
            return Change.audited(audit);
        });
    }

    private void updateSegment(KvBatch batch, Segment stored, Segment changed,
            Function<String, Optional<CaseRecord>> lookup, Instant now, String actor, List<AuditEntry> audit,
            StoreScope scope) {
        Segment after = retention.recompute(batch, stored, changed, lookup, now, actor, audit, scope);
        if (!after.equals(stored)) {
            segments.update(batch, stored, after);
        }
    }

    /** Case lookup that sees {@code changed} as it will be once the batch is written. */
    private Function<String, Optional<CaseRecord>> overlay(CaseRecord changed) {
        return id -> id.equals(changed.id()) ? Optional.of(changed) : cases.get(id);
    }

    private CaseRecord existingCase(String id) {
        return cases.get(id).orElseThrow(() -> new VaultException(VaultException.Kind.NOT_FOUND, "case " + id + " not found"));
    }

    private Segment existingSegment(SegmentId id) {
        return segments.get(id).orElseThrow(() ->
                new VaultException(VaultException.Kind.NOT_FOUND, "segment " + id + " not found"));
    }

    private static Optional<CaseLink> activeLink(CaseRecord c, SegmentId segmentId) {
        return c.links().stream().filter(l -> l.active() && l.segmentId().equals(segmentId)).findFirst();
    }

    private static List<Hold> withoutHold(List<Hold> holds, String holdId, String what) {
        List<Hold> out = new ArrayList<>(holds);
        if (!out.removeIf(h -> h.id().equals(holdId))) {
            throw new VaultException(VaultException.Kind.NOT_FOUND, what + " has no hold " + holdId);
        }
        return out;
    }

    private static CaseRecord withLinks(CaseRecord c, List<CaseLink> links) {
        return new CaseRecord(c.id(), c.number(), c.title(), c.unitCode(), c.status(), c.major(), c.openedAt(),
                c.closedAt(), links, c.holds());
    }

    private static CaseRecord withHolds(CaseRecord c, List<Hold> holds) {
        return new CaseRecord(c.id(), c.number(), c.title(), c.unitCode(), c.status(), c.major(), c.openedAt(),
                c.closedAt(), c.links(), holds);
    }

    private Hold newHold(String reason, String actor) {
        return new Hold("hold-" + UUID.randomUUID(), reason, actor, now());
    }

    private Instant now() {
        return ledger.ledger().clock().instant();
    }

    private static String subject(CaseRecord c) {
        return "case:" + c.id();
    }

    private static String subject(Segment s) {
        return "segment:" + s.id();
    }

    private static void require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new VaultException(VaultException.Kind.INVALID, what + " is required");
        }
    }

    /** Audit details from key/value pairs, leaving out null values. */
    private static Map<String, String> details(String... kv) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                out.put(kv[i], kv[i + 1]);
            }
        }
        return out;
    }
}
