package io.camvault.vault.exports;

import java.time.Instant;
import java.util.Objects;

/**
 * A request to hand a case's footage out of the vault. {@code approvedBy}/{@code approvedAt} are
 * set when a second person approves (or rejects) it.
 */
public record ExportRecord(
        String id,
        String caseId,
        String requestedBy,
        String reason,
        Instant requestedAt,
        ExportStatus status,
        String approvedBy,
        Instant approvedAt) {

    public ExportRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(status, "status");
    }

    ExportRecord decided(ExportStatus newStatus, String by, Instant at) {
        return new ExportRecord(id, caseId, requestedBy, reason, requestedAt, newStatus, by, at);
    }
}
