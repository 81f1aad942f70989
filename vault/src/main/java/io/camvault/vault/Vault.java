package io.camvault.vault;

import io.camvault.vault.audit.AuditEntry;
import io.camvault.vault.audit.AuditEvent;
import io.camvault.vault.audit.AuditLog;
import io.camvault.vault.auth.PrincipalOperations;
import io.camvault.vault.auth.Principals;
import io.camvault.vault.cases.CaseOperations;
import io.camvault.vault.cases.CaseStore;
import io.camvault.vault.exports.BagWriter;
import io.camvault.vault.exports.ExportOperations;
import io.camvault.vault.exports.ExportPackager;
import io.camvault.vault.exports.ExportRecord;
import io.camvault.vault.exports.ExportStore;
import io.camvault.vault.index.OfficerDirectory;
import io.camvault.vault.index.SegmentIndex;
import io.camvault.vault.ingest.Ingest;
import io.camvault.vault.integrity.Alarm;
import io.camvault.vault.integrity.Alarms;
import io.camvault.vault.kv.KvBatch;
import io.camvault.vault.kv.IndexLayout;
import io.camvault.vault.kv.KvStore;
import io.camvault.vault.kv.RocksKvStore;
import io.camvault.vault.ledger.Ledger;
import io.camvault.vault.ledger.ObjectGuard;
import io.camvault.vault.media.MediaJobs;
import io.camvault.vault.model.CaseLink;
import io.camvault.vault.model.CaseRecord;
import io.camvault.vault.model.Description;
import io.camvault.vault.model.Hold;
import io.camvault.vault.model.Segment;
import io.camvault.vault.model.SegmentDraft;
import io.camvault.vault.model.SegmentId;
import io.camvault.vault.model.Sha256;
import io.camvault.vault.retention.PendingDeletion;
import io.camvault.vault.retention.PolicyRecord;
import io.camvault.vault.retention.ProtectingLedger;
import io.camvault.vault.retention.PurgeRecords;
import io.camvault.vault.retention.RetentionApplier;
import io.camvault.vault.retention.RetentionSweep;
import io.camvault.vault.retention.Tombstone;
import io.camvault.vault.store.FileObjectStore;
import io.camvault.vault.store.ObjectStore;
import io.camvault.vault.store.ObjectWriter;
import io.camvault.vault.store.s3.S3ObjectStore;
import io.camvault.vault.store.staging.StagingArea;
import io.camvault.vault.timeliness.LateUploadCheck;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The vault's front door: opens the stores and wires the operations, each of which gets the
 * {@link Ledger} and the readers it needs, never the vault itself. Every change to the index goes
 * through the ledger, which applies the change and the audit events describing it in one synced
 * batch under one lock, so the audit chain and the index can never disagree.
 */
public final class Vault implements AutoCloseable {
    /** The actor of changes the vault makes on its own (jobs, start-up). */
    public static final String SYSTEM = Ledger.SYSTEM;

    private volatile boolean closed;

    private final VaultConfig config;
    private final Clock clock;
    private final KvStore kv;
    private final ObjectStore objects;
    private final SegmentIndex segments;
    private final OfficerDirectory officers;
    private final LateUploadCheck timeliness;
    private final AuditLog audit;
    private final Ledger ledger;
    private final ProtectingLedger protecting;
    private final ObjectGuard guard = new ObjectGuard();
    private final Principals principals;
    private final PrincipalOperations principalOperations;
    private final CaseStore cases;
    private final PurgeRecords purgeRecords;
    private final RetentionApplier retention;
    private final CaseOperations caseOperations;
    private final Alarms alarms;
    private final ExportStore exports;
    private final ExportOperations exportOperations;
    private final Ingest ingest;
    private final MediaJobs mediaJobs;

    /**
     * Opens the vault over the given stores. Refuses (FORBIDDEN, naming the setting) a retention
     * policy that would shorten what an earlier start accepted; see {@link PolicyRecord}.
     */
    public Vault(VaultConfig config, Clock clock, KvStore kv, ObjectStore objects) {
        this(config, clock, kv, objects, Purpose.SERVICE);
    }

    /**
     * What the vault is opened for. The daemon (and anything that ingests or runs retention) opens it
     * for {@link #SERVICE}: the configured retention policy is checked against the recorded one and
     * recorded. Administrative commands (tokens, backups) open it for {@link #ADMINISTRATION}: they
     * neither check nor record a policy, and use the recorded one (else the configured one), so they
     * can never block or constrain the daemon's own start.
     */
    public enum Purpose { SERVICE, ADMINISTRATION }

    private Vault(VaultConfig requested, Clock clock, KvStore kv, ObjectStore objects, Purpose purpose) {
        IndexLayout.checkAndMigrate(kv, requested.backupsDir(), clock);
        VaultConfig config = purpose == Purpose.SERVICE ? requested
                : requested.withRetention(PolicyRecord.load(kv).orElse(requested.retention()));
        this.config = config;
        this.clock = clock;
        this.kv = kv;
        this.objects = objects;
        this.segments = new SegmentIndex(kv);
        this.officers = new OfficerDirectory(kv);
        this.timeliness = new LateUploadCheck(config.maintenance().lateUploadThreshold(),
                config.maintenance().displayZone());
        this.audit = new AuditLog(kv, clock);
        this.ledger = new Ledger(kv, audit, clock);
        this.protecting = new ProtectingLedger(ledger, objects.retentionControl().orElse(null));
        this.principals = new Principals(kv, clock);
        this.principalOperations = new PrincipalOperations(ledger, principals, clock);
        this.cases = new CaseStore(kv);
        this.purgeRecords = new PurgeRecords(kv);
        this.retention = new RetentionApplier(purgeRecords, config.retention(), cases::get);
        this.caseOperations = new CaseOperations(protecting, segments, cases, purgeRecords, retention);
        this.alarms = new Alarms(kv);
        this.exports = new ExportStore(kv);
        this.exportOperations = new ExportOperations(ledger, exports, cases, segments);
        this.ingest = new Ingest(ledger, segments, guard, config.retention(), timeliness);
        this.mediaJobs = new MediaJobs(ledger, kv, segments);
        // the audit event of a layout migration made at this start (or at one cut short before it)
        IndexLayout.pendingAudit(kv).ifPresent(details -> ledger.commit(IndexLayout::clearPendingAudit,
                List.of(AuditEntry.success(SYSTEM, "index.layout_migrated", "index", details))));
        if (purpose == Purpose.SERVICE) {
            PolicyRecord.accept(ledger, kv, config.retention(), SYSTEM);
        }
    }

    /**
     * Opens the vault: RocksDB under {@code data/index}; objects under {@code data/objects}, or in the
     * S3 bucket of {@code store.kind=s3} (which must pass the Object Lock checks, see
     * {@link S3ObjectStore#open}). Upload bytes are staged in {@code data/uploads} either way.
     */
    public static Vault open(VaultConfig config, Clock clock) {
        return open(config, clock, Purpose.SERVICE);
    }

    /** As {@link #open(VaultConfig, Clock)}, for {@code purpose} (see {@link Purpose}). */
    public static Vault open(VaultConfig config, Clock clock, Purpose purpose) {
        try {
            Files.createDirectories(config.dataDir());
            Files.createDirectories(config.uploadsDir());
        } catch (IOException e) {
            throw new VaultException(VaultException.Kind.IO, "cannot create data directory " + config.dataDir(), e);
        }
        KvStore kv = RocksKvStore.open(config.indexDir());
        try {
            StagingArea staging = new StagingArea(config.uploadsDir(), config.directIo());
            ObjectStore objects = config.store().kind() == StoreConfig.Kind.S3
                    ? S3ObjectStore.open(config.store().s3(), staging, clock)
                    : new FileObjectStore(config.objectsDir(), staging);
            try {
                return new Vault(config, clock, kv, objects, purpose);
            } catch (RuntimeException e) {
                objects.close();
                throw e;
            }
        } catch (RuntimeException e) {
            kv.close();
            throw e;
        }
    }

    public VaultConfig config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    public KvStore kv() {
        return kv;
    }

    public ObjectStore objects() {
        return objects;
    }

    public SegmentIndex segments() {
        return segments;
    }

    public AuditLog audit() {
        return audit;
    }

    /** Officer names → badges, as the docks reported them. */
    public OfficerDirectory officers() {
        return officers;
    }

    /** How lateness is decided at commit (threshold and statistics zone). */
    public LateUploadCheck timeliness() {
        return timeliness;
    }

    public Principals principals() {
        return principals;
    }

    /** Audited creation and revocation of principals (offline commands and the API alike). */
    public PrincipalOperations principalOperations() {
        return principalOperations;
    }

    /** The committer every operation shares. */
    public Ledger ledger() {
        return ledger;
    }

    public MediaJobs mediaJobs() {
        return mediaJobs;
    }

    /** See {@link Ledger#commit}. */
    public List<AuditEvent> commit(Consumer<KvBatch> changes, List<AuditEntry> entries) {
        return ledger.commit(changes, entries);
    }

    /** See {@link Ledger#commitUnsynced}. */
    public List<AuditEvent> commitUnsynced(Consumer<KvBatch> changes, List<AuditEntry> entries) {
        return ledger.commitUnsynced(changes, entries);
    }

    /** See {@link Ledger#sync}. */
    public void sync() {
        ledger.sync();
    }

    /** See {@link Ledger#commitAudited}. */
    public List<AuditEvent> commitAudited(Function<KvBatch, List<AuditEntry>> change) {
        return ledger.commitAudited(change);
    }

    /** See {@link Ledger#record}. */
    public AuditEvent record(AuditEntry entry) {
        return ledger.record(entry);
    }

    /**
     * Commits an uploaded original (see {@link Ingest#commit}): the object store's commit of what
     * {@code writer} staged, then segment, secondary keys and audit event in one synced batch. The
     * same bytes uploaded again return the existing segment.
     */
    public IngestResult commitOriginal(ObjectWriter writer, Sha256 digest, long size, SegmentDraft draft) {
        return commitOriginal(writer, digest, size, draft, (batch, segment) -> { });
    }

    /** As above; {@code sameBatch} adds the caller's bookkeeping to the batch that records the segment. */
    public IngestResult commitOriginal(ObjectWriter writer, Sha256 digest, long size, SegmentDraft draft,
            BiConsumer<KvBatch, Segment> sameBatch) {
        return ingest.commit(writer, digest, size, draft, sameBatch);
    }

    /** Ingests a whole stream (imports, tools, tests): staged through a writer of its own, hashed on the way. */
    public IngestResult ingest(InputStream in, SegmentDraft draft) throws IOException {
        ObjectWriter w = objects.writer("ingest-" + UUID.randomUUID());
        try {
            w.open();
            MessageDigest md = io.camvault.vault.store.Digests.newSha256();
            byte[] chunk = new byte[1 << 20];
            long size = 0;
            for (int n; (n = in.read(chunk)) >= 0; ) {
                md.update(chunk, 0, n);
                w.append(ByteBuffer.wrap(chunk, 0, n));
                size += n;
            }
            w.sync();
            return commitOriginal(w, Sha256.of(md.digest()), size, draft);
        } catch (IOException | RuntimeException e) {
            try {
                w.discard();
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    // ---- cases, holds and retention (see CaseOperations) ----------------------------------------

    public CaseStore cases() {
        return cases;
    }

    public RetentionApplier retention() {
        return retention;
    }

    public CaseRecord createCase(String actor, String number, String title, String unitCode, boolean major) {
        return caseOperations.create(actor, number, title, unitCode, major);
    }

    public Optional<CaseRecord> caseById(String caseId) {
        return cases.get(caseId);
    }

    public Optional<CaseRecord> caseByNumber(String number) {
        return cases.byNumber(number);
    }

    public CaseLink linkSegment(String caseId, SegmentId segmentId, Description description, String actor) {
        return caseOperations.link(caseId, segmentId, description, actor);
    }

    public void unlinkSegment(String caseId, SegmentId segmentId, String reason, String actor) {
        caseOperations.unlink(caseId, segmentId, reason, actor);
    }

    public CaseRecord closeCase(String caseId, String reason, String actor) {
        return caseOperations.close(caseId, reason, actor);
    }

    public CaseRecord markCaseMajor(String caseId, String reason, String actor) {
        return caseOperations.markMajor(caseId, reason, actor);
    }

    public Hold holdCase(String caseId, String reason, String actor) {
        return caseOperations.holdCase(caseId, reason, actor);
    }

    public void releaseCase(String caseId, String holdId, String reason, String actor) {
        caseOperations.releaseCase(caseId, holdId, reason, actor);
    }

    public Hold holdSegment(SegmentId segmentId, String reason, String actor) {
        return caseOperations.holdSegment(segmentId, reason, actor);
    }

    public void releaseSegment(SegmentId segmentId, String holdId, String reason, String actor) {
        caseOperations.releaseSegment(segmentId, holdId, reason, actor);
    }

    // ---- exports (see ExportOperations, ExportPackager) ----------------------------------------

    public ExportRecord requestExport(String caseId, String reason, String actor) {
        return exportOperations.request(caseId, reason, actor);
    }

    /** Requests the export of {@code only} of the case's linked segments (all of them when null). */
    public ExportRecord requestExport(String caseId, List<SegmentId> only, String reason, String actor) {
        return exportOperations.request(caseId, only, reason, actor);
    }

    /** FORBIDDEN (and audited as denied) when {@code approver} requested the export. */
    public ExportRecord approveExport(String exportId, String approver) {
        return exportOperations.approve(exportId, approver);
    }

    public ExportRecord rejectExport(String exportId, String decider, String reason) {
        return exportOperations.reject(exportId, decider, reason);
    }

    public Optional<ExportRecord> exportById(String exportId) {
        return exports.get(exportId);
    }

    /**
     * Writes an approved export's bag into {@code sink} (audited per original) and closes the sink;
     * returns how many originals it holds: exactly the approved set. FORBIDDEN (audited) when the export
     * is not approved, {@code actor} is not its requester, or its download window has closed; INTEGRITY
     * when an original read back from the store does not hash to its address.
     */
    public int writeExportBag(String exportId, String actor, BagWriter.Sink sink, java.time.ZoneId zone)
            throws IOException {
        return new ExportPackager(ledger, exports, cases, segments, audit, objects, principals::name,
                config.exportDownloadWindow())
                .write(exportId, actor, sink, zone);
    }

    /** An admin stops a queued deletion; a hold carrying the reason keeps the sweep from requeueing it. */
    public Hold cancelPendingDeletion(SegmentId segmentId, String admin, String reason) {
        return caseOperations.cancelPendingDeletion(segmentId, admin, reason);
    }

    public List<PendingDeletion> pendingDeletions() {
        return purgeRecords.pendingAll();
    }

    public Optional<Tombstone> tombstone(SegmentId segmentId) {
        return purgeRecords.tombstone(segmentId);
    }

    public List<Tombstone> tombstones() {
        return purgeRecords.tombstones();
    }

    /** Originals of purged segments the object store has yet to remove. */
    public PurgeRecords purgeRecords() {
        return purgeRecords;
    }

    /** Integrity alarms (fixity failures), oldest first. */
    public List<Alarm> alarms() {
        return alarms.all();
    }

    public Alarms alarmStore() {
        return alarms;
    }

    /**
     * The retention sweep, the only holder of the object store's purge entry point.
     *
     * @throws VaultException FORBIDDEN when the object store cannot purge
     */
    public RetentionSweep newRetentionSweep() {
        return new RetentionSweep(protecting, segments, cases, purgeRecords, retention,
                objects.purger().orElseThrow(() -> new VaultException(VaultException.Kind.FORBIDDEN,
                        "this object store has no purge entry point")),
                objects.retentionControl().orElse(null), guard);
    }

    /** False once {@link #close} began: readiness checks ask this, so a closing vault takes no new work. */
    public boolean isOpen() {
        return !closed;
    }

    /** Closes the store and the index; a second call does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        ledger.exclusively(() -> {
            try {
                objects.close();
            } finally {
                kv.close();
            }
        });
    }
}
