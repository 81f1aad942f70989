package io.camvault.vault.exports;

import io.camvault.vault.VaultException;
import io.camvault.vault.audit.AuditEntry;
import io.camvault.vault.cases.CaseStore;
import io.camvault.vault.index.SegmentIndex;
import io.camvault.vault.ledger.Change;
import io.camvault.vault.ledger.Ledger;
import io.camvault.vault.model.CaseLink;
import io.camvault.vault.model.CaseRecord;
import io.camvault.vault.model.Segment;
import io.camvault.vault.model.SegmentId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Requesting and deciding exports (未经批准不得擅自对外提供). A request names a case, a reason and
 * the exact originals it releases (ids, SHA-256 and descriptions, fixed at the request); a decision
 * approves that set and must come from a different person than the requester. Which roles may decide is the
 * gateway's business; that the decider differs from the requester is the vault's, so no client can
 * get around it. A refused self-approval is written to the audit chain before the refusal.
 */
public final class ExportOperations {
    private final Ledger ledger;
    private final ExportStore exports;
    private final CaseStore cases;
    private final SegmentIndex segments;

    public ExportOperations(Ledger ledger, ExportStore exports, CaseStore cases, SegmentIndex segments) {
        this.ledger = ledger;
        this.exports = exports;
        this.cases = cases;
        this.segments = segments;
    }

    /** Requests every original actively linked to the case now. */
    public ExportRecord request(String caseId, String reason, String actor) {
        return request(caseId, null, reason, actor);
    }

    /**
     * Requests the export of {@code only} (segments actively linked to the case), or of every
     * actively linked segment when {@code only} is null. The request fixes its items: each segment's
     * id, SHA-256 and description as linked now; later links, amendments or unlinks change nothing in it.
     *
     * @throws VaultException INVALID without a reason, with nothing to export, or naming a segment
     *                        not linked to the case
     */
    public ExportRecord request(String caseId, List<SegmentId> only, String reason, String actor) {
        if (reason == null || reason.isBlank()) {
            throw new VaultException(VaultException.Kind.INVALID, "an export request needs a reason");
        }
        return ledger.apply(batch -> {
            CaseRecord c = cases.get(caseId).orElseThrow(() ->
                    new VaultException(VaultException.Kind.NOT_FOUND, "case " + caseId + " not found"));
            List<ExportItem> items = items(c, only);
            Instant now = ledger.clock().instant();
            String scope = ExportRecord.scopeOf(items);
            ExportRecord e = new ExportRecord("exp-" + UUID.randomUUID(), c.id(), actor, reason, now,
                    ExportStatus.REQUESTED, null, null, items, scope);
            exports.insert(batch, e);
            return Change.of(e,
                    AuditEntry.success(actor, "export.request", subject(e), Map.of("case", c.id(), "number", c.number(),
                            "reason", reason, "segments", segmentList(items), "scope", scope)),
                    AuditEntry.success(actor, "case.export_request", "case:" + c.id(), Map.of("export", e.id())));
        });
    }

    private List<ExportItem> items(CaseRecord c, List<SegmentId> only) {
        List<CaseLink> active = c.links().stream().filter(CaseLink::active).toList();
        List<CaseLink> chosen = new ArrayList<>();
        if (only == null) {
            chosen.addAll(active);
        } else {
            for (SegmentId id : new LinkedHashSet<>(only)) {
                chosen.add(active.stream().filter(l -> l.segmentId().equals(id)).findFirst().orElseThrow(() ->
                        new VaultException(VaultException.Kind.INVALID, "segment " + id + " is not linked to case "
                                + c.number())));
            }
        }
        if (chosen.isEmpty()) {
            throw new VaultException(VaultException.Kind.INVALID, "case " + c.number()
                    + " has no linked footage to export; link it with a description first");
        }
        List<ExportItem> items = new ArrayList<>();
        for (CaseLink l : chosen) {
            Segment s = segments.get(l.segmentId()).orElseThrow(() -> new VaultException(VaultException.Kind.INTEGRITY,
                    "segment " + l.segmentId() + " linked to case " + c.number() + " is gone"));
            items.add(new ExportItem(s.id().toString(), s.sha256().hex(), l.description(), l.linkedBy(), l.linkedAt()));
        }
        return items;
    }

    private static String segmentList(List<ExportItem> items) {
        StringBuilder sb = new StringBuilder();
        for (ExportItem i : items) {
            sb.append(sb.length() == 0 ? "" : ",").append(i.segmentId()).append(':').append(i.sha256());
        }
        return sb.toString();
    }

    /** Approves a requested export. FORBIDDEN (audited) when the approver is the requester. */
    public ExportRecord approve(String id, String approver) {
        return decide(id, approver, ExportStatus.APPROVED, "export.approve", null);
    }

    /** Rejects a requested export, with a reason. Same separation rule as approval. */
    public ExportRecord reject(String id, String decider, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new VaultException(VaultException.Kind.INVALID, "a reason for rejecting the export is required");
        }
        return decide(id, decider, ExportStatus.REJECTED, "export.reject", reason);
    }

    private ExportRecord decide(String id, String decider, ExportStatus to, String action, String reason) {
        ExportRecord seen = existing(id);
        if (seen.requestedBy().equals(decider)) {
            ledger.record(AuditEntry.denied(decider, action, subject(seen), "the requester cannot decide their own export"));
            throw new VaultException(VaultException.Kind.FORBIDDEN,
                    "export " + id + " must be decided by someone other than its requester");
        }
        return ledger.apply(batch -> {
            ExportRecord e = existing(id);
            if (e.status() != ExportStatus.REQUESTED) {
                throw new VaultException(VaultException.Kind.CONFLICT,
                        "export " + id + " is already " + e.status().name().toLowerCase(java.util.Locale.ROOT));
            }
            if (to == ExportStatus.APPROVED && !e.fixesItsItems()) {
                throw new VaultException(VaultException.Kind.CONFLICT, "export " + id + " was requested before exports "
                        + "named their segments, so there is no fixed set to approve; request it again");
            }
            ExportRecord after = e.decided(to, decider, ledger.clock().instant());
            exports.update(batch, e, after);
            Map<String, String> details = new java.util.TreeMap<>(Map.of("case", e.caseId(), "requestedBy", e.requestedBy()));
            if (reason != null) {
                details.put("reason", reason);
            }
            if (e.items() != null) {
                // what exactly was approved: the trail shows the set, not only that something was
                details.put("segments", segmentList(e.items()));
                details.put("scope", String.valueOf(e.scope()));
            }
            return Change.of(after, AuditEntry.success(decider, action, subject(e), details));
        });
    }

    private ExportRecord existing(String id) {
        return exports.get(id).orElseThrow(() -> new VaultException(VaultException.Kind.NOT_FOUND,
                "export " + id + " not found"));
    }

    static String subject(ExportRecord e) {
        return "export:" + e.id();
    }
}
