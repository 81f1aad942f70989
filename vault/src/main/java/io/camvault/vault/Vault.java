package io.camvault.vault;

import io.camvault.vault.audit.AuditEntry;
import io.camvault.vault.audit.AuditEvent;
import io.camvault.vault.audit.AuditLog;
import io.camvault.vault.auth.Principals;
import io.camvault.vault.cases.CaseOperations;
import io.camvault.vault.cases.CaseStore;
import io.camvault.vault.exports.BagWriter;
import io.camvault.vault.exports.ExportOperations;
import io.camvault.vault.exports.ExportPackager;
import io.camvault.vault.exports.ExportRecord;
import io.camvault.vault.exports.ExportStore;
import io.camvault.vault.index.SegmentIndex;
import io.camvault.vault.integrity.Alarm;
import io.camvault.vault.integrity.Alarms;
import io.camvault.vault.kv.KvBatch;
import io.camvault.vault.kv.IndexLayout;
import io.camvault.vault.kv.KvStore;
import io.camvault.vault.kv.RocksKvStore;
import io.camvault.vault.model.CaseLink;
import io.camvault.vault.model.CaseRecord;
import io.camvault.vault.model.Description;
import io.camvault.vault.model.Hold;
import io.camvault.vault.model.MediaKind;
import io.camvault.vault.model.RetentionClass;
import io.camvault.vault.model.Segment;
import io.camvault.vault.model.SegmentDraft;
import io.camvault.vault.model.SegmentId;
import io.camvault.vault.model.Sha256;
import io.camvault.vault.model.Trigger;
import io.camvault.vault.retention.PendingDeletion;
import io.camvault.vault.retention.PolicyRecord;
import io.camvault.vault.retention.PurgeRecords;
import io.camvault.vault.retention.RetentionApplier;
import io.camvault.vault.retention.RetentionSweep;
import io.camvault.vault.retention.Tombstone;
import io.camvault.vault.store.FileObjectStore;
import io.camvault.vault.store.ObjectPurger;
import io.camvault.vault.store.ObjectStore;
import io.camvault.vault.store.StoredObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vault's front door. Every change to the index goes through {@link #commit}, which applies
 * the change and the audit events describing it in one synced batch under one lock, so the audit
 * chain and the index can never disagree.
 */
public final class Vault implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Vault.class);

    private final VaultConfig config;
    private final Clock clock;
    private final KvStore kv;
    private final ObjectStore objects;
    private final SegmentIndex segments;
    private final AuditLog audit;
    private final Principals principals;
    private final CaseStore cases;
    private final PurgeRecords purgeRecords;
    private final RetentionApplier retention;
    private final CaseOperations caseOperations;
    private final Alarms alarms;
    private final ExportStore exports;
    private final ExportOperations exportOperations;
    /** Handed to the retention sweep only; null when the object store cannot purge. */
    private final ObjectPurger purger;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final AuditRecorder recorder;

    /**
     * Opens the vault over the given stores. Refuses (FORBIDDEN, naming the setting) a retention
     * policy that would shorten what an earlier start accepted; see {@link PolicyRecord}.
     */
    public Vault(VaultConfig config, Clock clock, KvStore kv, ObjectStore objects) {
        IndexLayout.checkAndMigrate(kv, config.backupsDir(), clock);
        this.config = config;
        this.clock = clock;
        this.kv = kv;
        this.objects = objects;
        this.segments = new SegmentIndex(kv);
        this.audit = new AuditLog(kv, clock);
        this.recorder = new AuditRecorder(writeLock, kv, audit);
        this.principals = new Principals(kv);
        this.cases = new CaseStore(kv);
        this.purgeRecords = new PurgeRecords(kv);
        this.retention = new RetentionApplier(purgeRecords, config.retention());
        this.caseOperations = new CaseOperations(this, cases, purgeRecords, retention);
        this.alarms = new Alarms(kv);
        this.exports = new ExportStore(kv);
        this.exportOperations = new ExportOperations(this, exports);
        this.purger = objects instanceof ObjectPurger p ? p : null;
        // the audit event of a layout migration made at this start (or at one cut short before it)
        IndexLayout.pendingAudit(kv).ifPresent(details -> commit(IndexLayout::clearPendingAudit,
                List.of(AuditEntry.success(SYSTEM, "index.layout_migrated", "index", details))));
        PolicyRecord.accept(this, config.retention(), SYSTEM);
    }

    /** The actor of changes the vault makes on its own (jobs, start-up). */
    public static final String SYSTEM = "system";

    /** Opens the embedded default: RocksDB under {@code data/index}, objects under {@code data/objects}. */
    public static Vault open(VaultConfig config, Clock clock) {
        try {
            Files.createDirectories(config.dataDir());
            Files.createDirectories(config.uploadsDir());
        } catch (IOException e) {
            throw new VaultException(VaultException.Kind.IO, "cannot create data directory " + config.dataDir(), e);
        }
        KvStore kv = RocksKvStore.open(config.indexDir());
        try {
            return new Vault(config, clock, kv, new FileObjectStore(config.objectsDir()));
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

    public Principals principals() {
        return principals;
    }

    /**
     * Applies {@code changes} and appends {@code entries} to the audit chain, atomically and
     * durably. Changes that read before they write (insert-if-absent) are safe inside the lambda.
     */
    public List<AuditEvent> commit(Consumer<KvBatch> changes, List<AuditEntry> entries) {
        return apply(batch -> {
            changes.accept(batch);
            return entries;
        }, true);
    }

    /**
     * Like {@link #commit}, atomically and in the audit chain's order, but without waiting for the
     * disk: the write becomes durable with the next synced write (the log is sequential, so that
     * one covers it) or {@link #sync()}. A power cut before then loses it whole. Only for records
     * whose loss acknowledges nothing to anyone, and whose owner syncs before it does acknowledge
     * (the gateway's new-upload records: see {@code UploadStore.create}).
     */
    public List<AuditEvent> commitUnsynced(Consumer<KvBatch> changes, List<AuditEntry> entries) {
        return apply(batch -> {
            changes.accept(batch);
            return entries;
        }, false);
    }

    /** Makes every write so far durable (one log sync). Does not take the write lock. */
    public void sync() {
        kv.sync();
    }

    /**
     * Like {@link #commit}, for changes that decide what to audit while staging (a read-check-write
     * under the lock): {@code change} stages into the batch and returns the entries to append. If
     * it throws, nothing is written.
     */
    public List<AuditEvent> commitAudited(Function<KvBatch, List<AuditEntry>> change) {
        return apply(change, true);
    }

    /** Stages {@code change} and its audit entries under the write lock, then writes them as one batch. */
    private List<AuditEvent> apply(Function<KvBatch, List<AuditEntry>> change, boolean synced) {
        writeLock.lock();
        try (KvBatch batch = kv.newBatch()) {
            List<AuditEntry> entries = change.apply(batch);
            List<AuditEvent> events = audit.stage(batch, entries);
            if (synced) {
                kv.write(batch);
            } else {
                kv.writeUnsynced(batch);
            }
            audit.advance(events);
            return events;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Records one audit event on its own (a denied attempt, a view), durably, before returning.
     * Concurrent callers share synced writes (see {@link AuditRecorder}).
     */
    public AuditEvent record(AuditEntry entry) {
        return recorder.record(entry);
    }

    /**
     * Commits an uploaded original: the object store commit protocol first, then the segment, its
     * secondary keys and the audit event in one synced batch. The same bytes uploaded again return
     * the existing segment.
     */
    public IngestResult commitOriginal(Path staged, Sha256 digest, long size, SegmentDraft draft) {
        return commitOriginal(staged, digest, size, draft, (batch, segment) -> { });
    }

    /**
     * As {@link #commitOriginal(Path, Sha256, long, SegmentDraft)}, and {@code sameBatch} adds the
     * caller's own bookkeeping (the gateway's upload record) to the synced batch that commits the
     * segment, or that audits the re-ingest when the bytes were stored before: one synced write
     * for both, and never one without the other.
     */
    public IngestResult commitOriginal(Path staged, Sha256 digest, long size, SegmentDraft draft,
            BiConsumer<KvBatch, Segment> sameBatch) {
        long started = System.nanoTime();
        StoredObject stored = objects.commit(staged, digest, size);
        Optional<Segment> existing = segments.findByHash(stored.sha256());
        if (existing.isPresent()) {
            commit(batch -> sameBatch.accept(batch, existing.get()), List.of(AuditEntry.success(draft.uploadedBy(),
                    "segment.reingest", "segment:" + existing.get().id(),
                    Map.of("sha256", digest.hex(), "filename", String.valueOf(draft.originalName())))));
            return new IngestResult(existing.get(), true);
        }
        Segment[] created = new Segment[1];
        Instant now = clock.instant();
        Segment segment = newSegment(draft, stored, now);
        commit(batch -> {
            Optional<Segment> raced = segments.findByHash(stored.sha256());
            if (raced.isPresent()) {
                created[0] = raced.get();
            } else {
                segments.insert(batch, segment);
                io.camvault.vault.media.MediaJobs.enqueue(batch, segment.id(), now);
                created[0] = segment;
            }
            sameBatch.accept(batch, created[0]);
        }, List.of(AuditEntry.success(draft.uploadedBy(), "segment.commit", "segment:" + segment.id(),
                Map.of("sha256", digest.hex(), "bytes", Long.toString(size),
                        "filename", String.valueOf(draft.originalName()),
                        "recorder", String.valueOf(draft.recorderSerial()),
                        "officer", String.valueOf(draft.officerBadge())))));
        boolean already = created[0] != segment;
        LOG.info("segment.committed id={} sha256={} bytes={} already={} millis={}", created[0].id(), digest.hex(), size,
                already, (System.nanoTime() - started) / 1_000_000);
        return new IngestResult(created[0], already);
    }

    private Segment newSegment(SegmentDraft d, StoredObject stored, Instant now) {
        boolean marked = d.trigger() == Trigger.MARKED;
        RetentionClass cls = marked ? RetentionClass.EVIDENCE : RetentionClass.ROUTINE;
        Instant retainUntil = marked ? null : d.recordedEnd().plus(config.routineRetention());
        return new Segment(SegmentId.random(now), stored.sha256(), d.sm3(), stored.size(), d.originalName(),
                MediaKind.fromFileName(d.originalName()), d.recorderSerial(), d.officerBadge(), d.unitCode(),
                d.recordedStart(), d.recordedEnd(), d.clockDriftMs(), now, d.stationId(), d.trigger(), d.uploadedBy(),
                cls, retainUntil, List.of(), List.of());
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
     * returns how many originals it holds. FORBIDDEN (audited) when the export is not approved.
     */
    public int writeExportBag(String exportId, String actor, BagWriter.Sink sink, java.time.ZoneId zone)
            throws IOException {
        return new ExportPackager(this, exports).write(exportId, actor, sink, zone);
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
        if (purger == null) {
            throw new VaultException(VaultException.Kind.FORBIDDEN, "this object store has no purge entry point");
        }
        return new RetentionSweep(this, purgeRecords, retention, purger);
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            objects.close();
        } finally {
            try {
                kv.close();
            } finally {
                writeLock.unlock();
            }
        }
    }
}
