package io.camvault.gateway.backend;

import io.camvault.vault.audit.AuditEvent;
import io.camvault.vault.audit.AuditVerification;
import io.camvault.vault.exports.BagWriter;
import io.camvault.vault.exports.ExportRecord;
import io.camvault.vault.model.CaseLink;
import io.camvault.vault.model.CaseRecord;
import io.camvault.vault.model.Description;
import io.camvault.vault.model.Hold;
import io.camvault.vault.model.SegmentId;
import io.camvault.vault.statistics.YearlyStatistics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the clerk and supervisor API asks of the vault: cases, exports, the audit trail and the
 * yearly figures. Separate from {@link Backend} so the ingest tests' in-memory backend need not
 * grow a second vault; the gateway serves these routes only over a backend that implements this.
 * Methods throw the vault's exceptions; the routes turn them into gateway errors.
 */
public interface CustodyBackend {

    CaseRecord createCase(String actor, String number, String title, String unitCode, boolean major);

    /** A case by id, or else by number. */
    Optional<CaseRecord> findCase(String idOrNumber);

    CaseRecord closeCase(String caseId, String reason, String actor);

    Hold holdCase(String caseId, String reason, String actor);

    void releaseCase(String caseId, String holdId, String reason, String actor);

    CaseLink linkSegment(String caseId, SegmentId segmentId, Description description, String actor);

    void unlinkSegment(String caseId, SegmentId segmentId, String reason, String actor);

    /** Requests the export of {@code only} of the case's linked segments, or all of them when null. */
    ExportRecord requestExport(String caseId, List<SegmentId> only, String reason, String actor);

    ExportRecord approveExport(String exportId, String approver);

    /** Declines a requested export, by someone other than its requester, with a reason. */
    ExportRecord rejectExport(String exportId, String decider, String reason);

    Optional<ExportRecord> export(String exportId);

    /** Writes an approved export's bag as a zip into {@code target}; returns the number of originals. */
    int writeExportZip(String exportId, String actor, Path target) throws IOException;

    /** A directory on the data volume for temporary export archives. */
    Path exportStagingDir() throws IOException;

    List<AuditEvent> auditBySubject(String subject, int limit);

    /** Events with sequence number {@code fromSeq} or later, at most {@code limit}. */
    List<AuditEvent> auditFrom(long fromSeq, int limit);

    AuditVerification verifyAudit();

    YearlyStatistics.Report statistics(int year);

    /** The officers recorded under exactly this name (several officers may share one). */
    List<io.camvault.vault.model.Officer> officersNamed(String name);

    /** The zone of every time a person reads ({@code display.zone}). */
    java.time.ZoneId displayZone();

    /** Writes a backup of the data directory into {@code target} (see {@code VaultBackup}). */
    io.camvault.vault.backup.BackupManifest.Summary backup(Path target);

    /** Every principal, revoked and expired ones included (never tokens: only their hashes are kept). */
    List<io.camvault.vault.model.Principal> principals();

    /**
     * Creates a principal and its token, audited as done by {@code actor} through the API; bound to the
     * client certificate with SHA-256 {@code clientCertSha256} when not null.
     */
    io.camvault.vault.auth.IssuedToken createPrincipal(String actor, String name,
            java.util.Set<io.camvault.vault.model.Role> roles, String recorderSerial, java.time.Duration validFor,
            String clientCertSha256);

    /** Revokes the token of the principal {@code idOrName} names, audited as done by {@code actor}. */
    io.camvault.vault.model.Principal revokePrincipal(String actor, String idOrName, String reason);

    /** The name of the principal with id {@code id}, for people reading trails ("name (id)"). */
    Optional<String> principalName(String id);

    /** The current time, by the vault's clock. */
    java.time.Instant now();

    /** The data directory (backups must go outside it, or under its {@code backups/}). */
    Path dataDir();

    static BagWriter.Sink zipSink(Path target) throws IOException {
        return BagWriter.zip(new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(target), 1 << 16));
    }
}
