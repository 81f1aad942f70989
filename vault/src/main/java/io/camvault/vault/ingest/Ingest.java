package io.camvault.vault.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.camvault.vault.IngestResult;
import io.camvault.vault.VaultException;
import io.camvault.vault.audit.AuditEntry;
import io.camvault.vault.timeliness.ClockPlausibility;
import io.camvault.vault.index.OfficerDirectory;
import io.camvault.vault.index.SegmentIndex;
import io.camvault.vault.kv.KvBatch;
import io.camvault.vault.kv.Records;
import io.camvault.vault.ledger.Change;
import io.camvault.vault.ledger.Ledger;
import io.camvault.vault.ledger.ObjectGuard;
import io.camvault.vault.media.MediaJobs;
import io.camvault.vault.model.MediaKind;
import io.camvault.vault.model.RetentionClass;
import io.camvault.vault.model.Segment;
import io.camvault.vault.model.SegmentDraft;
import io.camvault.vault.model.SegmentId;
import io.camvault.vault.model.Sha256;
import io.camvault.vault.model.Trigger;
import io.camvault.vault.retention.RetentionPolicy;
import io.camvault.vault.store.ObjectCommit;
import io.camvault.vault.store.ObjectWriter;
import io.camvault.vault.store.Protection;
import io.camvault.vault.timeliness.LateUploadCheck;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits uploaded originals. Under the object's {@link ObjectGuard} (so a purge of the same bytes
 * cannot interleave): the writer publishes the object, protected as the new segment's retention
 * asks; then the segment, its secondary keys, its media job, the caller's own bookkeeping and the
 * audit event go into one ledger batch. The same bytes uploaded again return the existing segment.
 * The ledger's lock is never held while the store works.
 */
public final class Ingest {
    private static final Logger LOG = LoggerFactory.getLogger(Ingest.class);
    /**
     * The detail of a commit that names every principal that wrote bytes into the segment (ids,
     * comma-separated). Today that is the uploader alone: the gateway lets only an upload's creator
     * write its bytes, and joins only partial uploads of that same creator.
     */
    public static final String WRITERS = "writers";

    private final Ledger ledger;
    private final SegmentIndex segments;
    private final ObjectGuard guard;
    private final RetentionPolicy policy;
    private final LateUploadCheck timeliness;

    public Ingest(Ledger ledger, SegmentIndex segments, ObjectGuard guard, RetentionPolicy policy,
            LateUploadCheck timeliness) {
        this.ledger = ledger;
        this.segments = segments;
        this.guard = guard;
        this.policy = policy;
        this.timeliness = timeliness;
    }

    /**
     * Publishes what {@code writer} staged as the object {@code digest} of {@code size} bytes, then
     * records the segment; {@code sameBatch} adds the caller's bookkeeping (the gateway's upload
     * record) to the synced batch that commits the segment, or that audits the re-ingest when the
     * bytes were stored before: one synced write for both, and never one without the other.
     */
    public IngestResult commit(ObjectWriter writer, Sha256 digest, long size, SegmentDraft draft,
            BiConsumer<KvBatch, Segment> sameBatch) {
        return guard.guarded(digest, () -> {
            long started = System.nanoTime();
            Instant now = ledger.clock().instant();
            Optional<Segment> existing = segments.findByHash(digest);
            Segment segment = existing.orElseGet(() -> newSegment(draft, digest, size, now));
            writer.commit(new ObjectCommit(digest, size, draft.sm3(), protection(segment, now),
                    existing.isPresent() ? null : new ObjectCommit.Manifest(segment.id().toString(), manifest(segment))));
            if (existing.isPresent()) {
                ledger.commit(batch -> sameBatch.accept(batch, existing.get()), List.of(AuditEntry.success(
                        draft.uploadedBy(), "segment.reingest", "segment:" + existing.get().id(),
                        Map.of("sha256", digest.hex(), "filename", String.valueOf(draft.originalName()),
                                WRITERS, draft.uploadedBy()))));
                return new IngestResult(existing.get(), true);
            }
            Segment created = ledger.apply(batch -> {
                Optional<Segment> raced = segments.findByHash(digest);
                Segment s = raced.orElse(segment);
                if (raced.isEmpty()) {
                    segments.insert(batch, segment);
                    timeliness.stageFlag(batch, segment);
                    OfficerDirectory.stage(batch, segment);
                    MediaJobs.enqueue(batch, segment.id(), now);
                }
                sameBatch.accept(batch, s);
                Map<String, String> details = new java.util.HashMap<>(Map.of("sha256", digest.hex(),
                        "bytes", Long.toString(size), "filename", String.valueOf(draft.originalName()),
                        "recorder", String.valueOf(draft.recorderSerial()),
                        "officer", String.valueOf(draft.officerBadge()), WRITERS, draft.uploadedBy()));
                // implausible device times are kept as declared and flagged for the clerk, never trusted
                ClockPlausibility.suspect(segment).ifPresent(why -> details.put(ClockPlausibility.FLAG, why));
                return Change.of(s, AuditEntry.success(draft.uploadedBy(), "segment.commit", "segment:" + segment.id(),
                        details));
            });
            boolean already = created != segment;
            LOG.info("segment.committed id={} sha256={} bytes={} already={} millis={}", created.id(), digest.hex(), size,
                    already, (System.nanoTime() - started) / 1_000_000);
            return new IngestResult(created, already);
        });
    }

    /**
     * What a store that enforces retention must hold for a segment at ingest: its retain-until
     * (permanent for marked footage), and no earlier than the shortest time a purge could come
     * (the pending-deletion wait), so a late upload whose retention has already passed is still
     * locked while it waits in the deletion queue.
     */
    Protection protection(Segment s, Instant now) {
        if (s.retainUntil() == null) {
            return new Protection(null, false);
        }
        Instant floor = now.plus(policy.pendingDeletion());
        return new Protection(s.retainUntil().isAfter(floor) ? s.retainUntil() : floor, false);
    }

    private Segment newSegment(SegmentDraft d, Sha256 digest, long size, Instant now) {
        boolean marked = d.trigger() == Trigger.MARKED;
        RetentionClass cls = marked ? RetentionClass.EVIDENCE : RetentionClass.ROUTINE;
        // counted from the later of the declared end and now: a device's clock never shortens retention
        Instant retainUntil = marked ? null : (now.isAfter(d.recordedEnd()) ? now : d.recordedEnd()).plus(policy.routine());
        // lateness is decided here, once: no figure waits for a job to run
        return timeliness.decide(new Segment(SegmentId.random(now), digest, d.sm3(), size, d.originalName(),
                MediaKind.fromFileName(d.originalName()), d.recorderSerial(), d.officerBadge(), d.unitCode(),
                d.recordedStart(), d.recordedEnd(), d.clockDriftMs(), now, d.stationId(), d.trigger(), d.uploadedBy(),
                cls, retainUntil, List.of(), List.of(), d.officerName(), d.unitName(), null, null));
    }

    private static byte[] manifest(Segment s) {
        try {
            return Records.mapper().writeValueAsBytes(s);
        } catch (JsonProcessingException e) {
            // our own record failed to serialise: a defect, not the uploader's input, and no text of it for clients
            throw new VaultException(VaultException.Kind.IO, "cannot describe segment " + s.id() + ": " + e.getMessage(), e);
        }
    }
}
