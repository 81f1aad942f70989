package io.camvault.vault.redaction.store;

import io.camvault.vault.VaultException;
import io.camvault.vault.audit.AuditEntry;
import io.camvault.vault.ledger.Ledger;
import io.camvault.vault.media.Derived;
import io.camvault.vault.media.DerivedStore;
import io.camvault.vault.media.LocalOriginal;
import io.camvault.vault.media.MediaProcessor;
import io.camvault.vault.model.Segment;
import io.camvault.vault.model.SegmentId;
import io.camvault.vault.redaction.FaceFinder;
import io.camvault.vault.redaction.RedactionSpec;
import io.camvault.vault.redaction.Region;
import io.camvault.vault.store.ObjectStore;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes redacted copies: reads the original through the object store's seam (a local file or a
 * checked copy), optionally asks the {@link FaceFinder} for regions, renders the spec into the
 * derived store, then records the copy and its audit event ({@code segment.redact}) in one synced
 * write. Work runs on the executor it is given: the media pool, below ingest. A failure is audited
 * too ({@code FAILED}), and the original is never written.
 */
public final class RedactionService {
    private static final Logger LOG = LoggerFactory.getLogger(RedactionService.class);
    public static final String ACTION = "segment.redact";
    private static final int KEEP_FINISHED = 200;

    private final Ledger ledger;
    private final RedactionStore store;
    private final ObjectStore objects;
    private final MediaProcessor processor;
    private final DerivedStore derived;
    private final Supplier<FaceFinder> faces;
    private final Executor executor;
    private final Map<String, RedactionJob> jobs = new ConcurrentHashMap<>();
    private final Deque<String> finished = new ArrayDeque<>();

    /**
     * @param faces face detection, asked for on first use (its natives are large); it supplies null
     *              when detection is not available on this machine
     */
    public RedactionService(Ledger ledger, RedactionStore store, ObjectStore objects, MediaProcessor processor,
                            DerivedStore derived, Supplier<FaceFinder> faces, Executor executor) {
        this.ledger = ledger;
        this.store = store;
        this.objects = objects;
        this.processor = processor;
        this.derived = derived;
        this.faces = faces;
        this.executor = executor;
    }

    public boolean canDetectFaces() {
        return faces.get() != null;
    }

    /**
     * Queues a redacted copy of {@code s}; the job's id is the record's id once it is done.
     *
     * @param spec           what to hide; may be null when {@code autoFaces} brings the regions
     * @param method         the method when {@code spec} is null
     * @param durationMillis the segment's media duration, for progress (0 when unknown)
     */
    public RedactionJob submit(Segment s, RedactionSpec spec, io.camvault.vault.redaction.Method method,
                               boolean autoFaces, long durationMillis, String actor) {
        if (autoFaces && faces.get() == null) {
            throw new VaultException(VaultException.Kind.UNAVAILABLE, "face detection is not available on this daemon");
        }
        if (spec == null && !autoFaces) {
            throw new VaultException(VaultException.Kind.INVALID, "nothing to redact: no spec and no automatic detection");
        }
        RedactionJob job = new RedactionJob(RedactionId.next(s.id()), actor);
        jobs.put(job.id().toString(), job);
        try {
            executor.execute(() -> run(job, s, spec, method, autoFaces, durationMillis));
        } catch (RejectedExecutionException e) {
            jobs.remove(job.id().toString());
            throw new VaultException(VaultException.Kind.UNAVAILABLE, "media work is shutting down");
        }
        return job;
    }

    /** Renders on the calling thread (CLI tests, re-render checks); returns the record. */
    public RedactionRecord createNow(Segment s, RedactionSpec spec, String actor) {
        RedactionJob job = new RedactionJob(RedactionId.next(s.id()), actor);
        run(job, s, spec, spec.method(), false, 0);
        return job.record().orElseThrow(() -> new VaultException(VaultException.Kind.IO,
                job.error().orElse("redaction failed")));
    }

    public Optional<RedactionJob> job(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    public Optional<RedactionRecord> get(RedactionId id) {
        return store.get(id);
    }

    public List<RedactionRecord> bySegment(SegmentId id) {
        return store.bySegment(id);
    }

    public List<RedactionRecord> recent(int limit) {
        return store.recent(limit);
    }

    /** The copy's file, if it is in the derived store (and matches the record's hash and size). */
    public Optional<Derived> file(RedactionRecord r) {
        return derived.find(io.camvault.vault.model.Sha256.ofHex(r.sourceSha256()), r.derivedName())
                .filter(d -> d.info().derivedSha256().equals(r.redactedSha256()));
    }

    private void run(RedactionJob job, Segment s, RedactionSpec given, io.camvault.vault.redaction.Method method,
                     boolean autoFaces, long durationMillis) {
        long t0 = System.nanoTime();
        RedactionSpec spec = given;
        int detected = 0;
        try (LocalOriginal original = LocalOriginal.of(objects, s.sha256(), derived.dir(s.sha256()))) {
            if (autoFaces) {
                job.phase(RedactionJob.State.DETECTING);
                List<Region> found = faces.get().find(original.path(), job::progress);
                detected = found.size();
                if (spec == null && found.isEmpty()) {
                    throw new VaultException(VaultException.Kind.INVALID, "no faces found, and nothing else to hide");
                }
                spec = spec == null ? new RedactionSpec(method, found, List.of()) : spec.withRegions(found);
            }
            job.phase(RedactionJob.State.RENDERING);
            long total = Math.max(1, durationMillis) * 1000;
            Derived copy = processor.redact(s.sha256(), original.path(), spec,
                    micros -> job.progress(durationMillis > 0 ? (double) micros / total : 0));
            RedactionRecord r = new RedactionRecord(job.id().toString(), s.id().toString(), s.sha256().hex(),
                    spec.canonicalJson(), spec.sha256().hex(), copy.info().derivedSha256(), copy.info().bytes(),
                    DerivedStore.redactionName(spec.sha256()), detected, job.actor(), ledger.clock().instant(),
                    copy.info().toolVersion());
            Map<String, String> audited = details(r, spec);
            ledger.commitAudited(b -> {
                store.insert(b, r);
                return List.of(AuditEntry.success(job.actor(), ACTION, "segment:" + s.id(), audited));
            });
            job.done(r);
            LOG.info("redaction.created id={} segment={} redacted_sha256={} spec_sha256={} detected={} millis={}",
                    r.id(), s.id(), r.redactedSha256(), r.specSha256(), detected, (System.nanoTime() - t0) / 1_000_000);
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            job.failed(why);
            LOG.warn("redaction.failed id={} segment={} error=\"{}\"", job.id(), s.id(), e.toString());
            Map<String, String> d = new LinkedHashMap<>();
            d.put("redaction", job.id().toString());
            d.put("source_sha256", s.sha256().hex());
            d.put("reason", why.length() > 200 ? why.substring(0, 200) : why);
            if (spec != null) {
                d.put("spec_sha256", spec.sha256().hex());
            }
            try {
                ledger.record(new AuditEntry(job.actor(), ACTION, "segment:" + s.id(),
                        io.camvault.vault.audit.Outcome.FAILED, d));
            } catch (RuntimeException auditFailure) {
                LOG.warn("redaction.audit_failed id={} error=\"{}\"", job.id(), auditFailure.toString());
            }
        } finally {
            retire(job);
        }
    }

    private static Map<String, String> details(RedactionRecord r, RedactionSpec spec) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("redaction", r.id());
        d.put("source_sha256", r.sourceSha256());
        d.put("redacted_sha256", r.redactedSha256());
        d.put("spec_sha256", r.specSha256());
        d.put("method", spec.method().code());
        d.put("regions", Integer.toString(spec.regions().size()));
        d.put("detected_regions", Integer.toString(r.detectedRegions()));
        d.put("mutes", Integer.toString(spec.mutes().size()));
        return d;
    }

    private void retire(RedactionJob job) {
        synchronized (finished) {
            finished.addLast(job.id().toString());
            while (finished.size() > KEEP_FINISHED) {
                jobs.remove(finished.removeFirst());
            }
        }
    }
}
