package io.camvault.gateway.backend;

import io.camvault.vault.IngestResult;
import io.camvault.vault.Vault;
import io.camvault.vault.audit.AuditEntry;
import io.camvault.vault.index.Page;
import io.camvault.vault.index.SegmentQuery;
import io.camvault.vault.kv.ColumnFamily;
import io.camvault.vault.model.Principal;
import io.camvault.vault.model.Segment;
import io.camvault.vault.model.SegmentDraft;
import io.camvault.vault.model.SegmentId;
import io.camvault.vault.model.Sha256;
import io.camvault.vault.audit.AuditEvent;
import io.camvault.vault.audit.AuditVerification;
import io.camvault.vault.exports.ExportRecord;
import io.camvault.vault.model.CaseLink;
import io.camvault.vault.model.CaseRecord;
import io.camvault.vault.model.Description;
import io.camvault.vault.model.Hold;
import io.camvault.vault.statistics.YearlyStatistics;
import io.camvault.vault.store.ObjectWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;

/** The {@link Backend} over a real {@link Vault}. Upload records live in {@link ColumnFamily#UPLOADS}. */
public final class VaultBackend implements Backend, CustodyBackend {
    private final Vault vault;

    public VaultBackend(Vault vault) {
        this.vault = vault;
    }

    @Override
    public Clock clock() {
        return vault.clock();
    }

    @Override
    public ObjectWriter writer(String uploadId) {
        return vault.objects().writer(uploadId);
    }

    @Override
    public int removeAbandonedWrites(java.time.Instant cutoff, java.util.function.Predicate<String> keep) {
        return vault.objects().removeAbandonedWrites(cutoff, keep);
    }

    @Override
    public boolean isOpen() {
        return vault.isOpen();
    }

    @Override
    public java.util.Optional<String> storeUnreachable() {
        return vault.objects().unreachable();
    }

    @Override
    public Optional<Principal> authenticate(String token) {
        return vault.principals().authenticate(token);
    }

    @Override
    public Optional<Principal> tokenHolder(String token) {
        return vault.principals().holder(token);
    }

    @Override
    public void audit(AuditEntry entry) {
        vault.record(entry);
    }

    @Override
    public void putUpload(byte[] key, byte[] record, List<AuditEntry> entries) {
        vault.commit(batch -> batch.put(ColumnFamily.UPLOADS, key, record), entries);
    }

    @Override
    public void putUploadUnsynced(byte[] key, byte[] record, List<AuditEntry> entries) {
        vault.commitUnsynced(batch -> batch.put(ColumnFamily.UPLOADS, key, record), entries);
    }

    @Override
    public void syncIndex() {
        vault.sync();
    }

    @Override
    public void deleteUpload(byte[] key, List<AuditEntry> entries) {
        vault.commit(batch -> batch.delete(ColumnFamily.UPLOADS, key), entries);
    }

    @Override
    public byte[] getUpload(byte[] key) {
        return vault.kv().get(ColumnFamily.UPLOADS, key);
    }

    @Override
    public void forEachUpload(BiPredicate<byte[], byte[]> visitor) {
        vault.kv().scan(ColumnFamily.UPLOADS, null, null, visitor);
    }

    @Override
    public IngestResult commitOriginal(ObjectWriter writer, Sha256 digest, long size, SegmentDraft draft,
            byte[] uploadKey, java.util.function.Function<Segment, byte[]> uploadRecord) {
        return vault.commitOriginal(writer, digest, size, draft,
                (batch, segment) -> batch.put(ColumnFamily.UPLOADS, uploadKey, uploadRecord.apply(segment)));
    }

    @Override
    public Optional<Segment> segment(SegmentId id) {
        return vault.segments().get(id);
    }

    @Override
    public Page<Segment> search(SegmentQuery query) {
        return vault.segments().search(query);
    }

    // ---- custody (cases, exports, audit, statistics) -------------------------------------------

    @Override
    public CaseRecord createCase(String actor, String number, String title, String unitCode, boolean major) {
        return vault.createCase(actor, number, title, unitCode, major);
    }

    @Override
    public Optional<CaseRecord> findCase(String idOrNumber) {
        Optional<CaseRecord> byId = vault.caseById(idOrNumber);
        return byId.isPresent() ? byId : vault.caseByNumber(idOrNumber);
    }

    @Override
    public CaseRecord closeCase(String caseId, String reason, String actor) {
        return vault.closeCase(caseId, reason, actor);
    }

    @Override
    public Hold holdCase(String caseId, String reason, String actor) {
        return vault.holdCase(caseId, reason, actor);
    }

    @Override
    public void releaseCase(String caseId, String holdId, String reason, String actor) {
        vault.releaseCase(caseId, holdId, reason, actor);
    }

    @Override
    public CaseLink linkSegment(String caseId, SegmentId segmentId, Description description, String actor) {
        return vault.linkSegment(caseId, segmentId, description, actor);
    }

    @Override
    public void unlinkSegment(String caseId, SegmentId segmentId, String reason, String actor) {
        vault.unlinkSegment(caseId, segmentId, reason, actor);
    }

    @Override
    public ExportRecord requestExport(String caseId, List<SegmentId> only, String reason, String actor) {
        return vault.requestExport(caseId, only, reason, actor);
    }

    @Override
    public ExportRecord approveExport(String exportId, String approver) {
        return vault.approveExport(exportId, approver);
    }

    @Override
    public ExportRecord rejectExport(String exportId, String decider, String reason) {
        return vault.rejectExport(exportId, decider, reason);
    }

    @Override
    public Optional<ExportRecord> export(String exportId) {
        return vault.exportById(exportId);
    }

    @Override
    public int writeExportZip(String exportId, String actor, Path target) throws IOException {
        return vault.writeExportBag(exportId, actor, CustodyBackend.zipSink(target),
                vault.config().displayZone());
    }

    @Override
    public Path exportStagingDir() throws IOException {
        return Files.createDirectories(vault.config().dataDir().resolve("export-staging"));
    }

    @Override
    public List<AuditEvent> auditBySubject(String subject, int limit) {
        return vault.audit().bySubject(subject, limit);
    }

    @Override
    public List<AuditEvent> auditFrom(long fromSeq, int limit) {
        List<AuditEvent> out = new ArrayList<>();
        vault.audit().forEach(fromSeq, e -> {
            out.add(e);
            return out.size() < limit;
        });
        return out;
    }

    @Override
    public io.camvault.vault.backup.BackupManifest.Summary backup(Path target) {
        return io.camvault.vault.backup.VaultBackup.write(vault, target);
    }

    @Override
    public Path dataDir() {
        return vault.config().dataDir();
    }

    @Override
    public AuditVerification verifyAudit() {
        return vault.audit().verify();
    }

    @Override
    public YearlyStatistics.Report statistics(int year) {
        return YearlyStatistics.compute(vault, year, vault.config().displayZone());
    }

    @Override
    public List<io.camvault.vault.model.Officer> officersNamed(String name) {
        return vault.officers().byName(name);
    }

    @Override
    public java.time.ZoneId displayZone() {
        return vault.config().displayZone();
    }

    @Override
    public List<Principal> principals() {
        return vault.principalOperations().list();
    }

    @Override
    public io.camvault.vault.auth.IssuedToken createPrincipal(String actor, String name,
            java.util.Set<io.camvault.vault.model.Role> roles, String recorderSerial, java.time.Duration validFor,
            String clientCertSha256) {
        return vault.principalOperations().create(actor, name, roles, recorderSerial, validFor, clientCertSha256, "api");
    }

    @Override
    public Principal revokePrincipal(String actor, String idOrName, String reason) {
        return vault.principalOperations().revoke(actor, idOrName, reason, "api");
    }

    @Override
    public Optional<String> principalName(String id) {
        return vault.principals().get(id).map(Principal::name);
    }

    @Override
    public java.time.Instant now() {
        return vault.clock().instant();
    }
}
