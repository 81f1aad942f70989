package io.camvault.vault.exports;

import io.camvault.vault.VaultException;
import io.camvault.vault.audit.AuditEntry;
import io.camvault.vault.cases.CaseStore;
import io.camvault.vault.ledger.Change;
import io.camvault.vault.ledger.Ledger;
import io.camvault.vault.model.CaseRecord;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Requesting and deciding exports (未经批准不得擅自对外提供). A request names a case and a reason;
 * a decision must come from a different person than the requester. Which roles may decide is the
 * gateway's business; that the decider differs from the requester is the vault's, so no client can
 * get around it. A refused self-approval is written to the audit chain before the refusal.
 */
public final class ExportOperations {
    private final Ledger ledger;
    private final ExportStore exports;
    private final CaseStore cases;

    public ExportOperations(Ledger ledger, ExportStore exports, CaseStore cases) {
        this.ledger = ledger;
        this.exports = exports;
        this.cases = cases;
    }

    public ExportRecord request(String caseId, String reason, String actor) {
        if (reason == null || reason.isBlank()) {
            throw new VaultException(VaultException.Kind.INVALID, "an export request needs a reason");
        }
        return ledger.apply(batch -> {
            CaseRecord c = cases.get(caseId).orElseThrow(() ->
                    new VaultException(VaultException.Kind.NOT_FOUND, "case " + caseId + " not found"));
            Instant now = ledger.clock().instant();
            ExportRecord e = new ExportRecord("exp-" + UUID.randomUUID(), c.id(), actor, reason, now,
                    ExportStatus.REQUESTED, null, null);
            exports.insert(batch, e);
            return Change.of(e,
                    AuditEntry.success(actor, "export.request", subject(e), Map.of("case", c.id(), "number", c.number(),
                            "reason", reason)),
                    AuditEntry.success(actor, "case.export_request", "case:" + c.id(), Map.of("export", e.id())));
        });
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
            ExportRecord after = e.decided(to, decider, ledger.clock().instant());
            exports.update(batch, e, after);
            Map<String, String> details = reason == null
                    ? Map.of("case", e.caseId(), "requestedBy", e.requestedBy())
                    : Map.of("case", e.caseId(), "requestedBy", e.requestedBy(), "reason", reason);
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
