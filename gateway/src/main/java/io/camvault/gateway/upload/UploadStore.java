package io.camvault.gateway.upload;

import io.camvault.gateway.GatewayConfig;
import io.camvault.gateway.backend.Backend;
import io.camvault.gateway.metrics.GatewayMetrics;
import io.camvault.gateway.protocol.GatewayError;
import io.camvault.gateway.protocol.GatewayException;
import io.camvault.gateway.protocol.IngestMetadata;
import io.camvault.gateway.protocol.UploadChecksum;
import io.camvault.vault.audit.AuditEntry;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads in progress: records in the index, bytes staged by the object store's writer named by
 * the upload id (the file store keeps them in {@code uploads/<id>.part}). Creation
 * writes the record to the index before anyone sees the id, without waiting for the disk: the
 * record is made durable before the first answer that acknowledges bytes (a {@code 204} with an
 * offset syncs the index if nothing else has; the final one commits in a synced batch anyway). A
 * power cut in between can only lose an upload that has not acknowledged a byte, which the client
 * starts again. That saves a 1 MiB upload one of its three log syncs, and under heavy ingest each
 * of those waits behind the other streams' writes. File work runs on each upload's
 * {@link SerialExecutor}; the returned futures complete on writer threads.
 */
public final class UploadStore {
    private static final Logger LOG = LoggerFactory.getLogger(UploadStore.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The longest a big upload's write waits for small uploads' syncs (see {@link SmallFirst}). */
    private static final long SMALL_FIRST_MAX_WAIT_MILLIS = 100;
    /**
     * How long a small upload's body holds big writes back at most. A dock sends 1 MiB in a few
     * milliseconds; 200 ms covers its files up to tens of MiB, and bounds what a slow sender costs.
     */
    private static final long BODY_HOLD_MILLIS = 200;

    private final GatewayConfig config;
    private final Backend backend;
    private final DiskSpace disk;
    private final Executor writers;
    private final Executor smallWriters;
    private final SmallFirst smallFirst = new SmallFirst(SMALL_FIRST_MAX_WAIT_MILLIS, BODY_HOLD_MILLIS,
            TimeUnit.MILLISECONDS);
    private final GatewayMetrics metrics;
    private final Map<String, Upload> live = new ConcurrentHashMap<>();
    private final AtomicInteger active = new AtomicInteger();
    private final Concatenation concatenation;
    private final Completion completion;
    private final UploadSweeps sweeps;
    private final UnfinishedUploads unfinished;

    /**
     * @param writers      the pool that writes big uploads
     * @param smallWriters the pool that writes uploads of at most {@code smallUploadBytes}, so they never queue
     *                     behind big ones
     */
    public UploadStore(GatewayConfig config, Backend backend, DiskSpace disk, Executor writers, Executor smallWriters,
            GatewayMetrics metrics) {
        this.config = config;
        this.backend = backend;
        this.disk = disk;
        this.writers = writers;
        this.smallWriters = smallWriters;
        this.metrics = metrics;
        this.concatenation = new Concatenation(this);
        this.completion = new Completion(this, backend, metrics);
        this.sweeps = new UploadSweeps(this, backend, config.uploadExpiry());
        this.unfinished = new UnfinishedUploads(config.maxUnfinishedUploadsPerPrincipal(),
                config.maxUnfinishedBytesPerPrincipal());
    }

    public int activeUploads() {
        return active.get();
    }

    /**
     * The commit backlog: uploads that hold all their bytes but whose commit found the object store
     * unreachable, as {@code {uploads, bytes}}. They are committed by their client's retry, by
     * {@link #settleReceived()}, or when the daemon starts.
     */
    public long[] storeBacklog() {
        return completion.backlog();
    }

    Backend backend() {
        return backend;
    }

    GatewayMetrics metrics() {
        return metrics;
    }

    public Instant expiresAt(UploadRecord r) {
        return r.createdAt().plus(config.uploadExpiry());
    }

    /** 507 when {@code incoming} more bytes would cut into the reserve. */
    public void checkSpace(long incoming) {
        if (disk.freeBytes() - incoming < config.diskReserve()) {
            throw GatewayError.INSUFFICIENT_STORAGE.exception();
        }
    }

    /** Creates an upload: empty staging, then the record (not yet synced). Control thread. */
    public Upload create(String createdBy, Long length, IngestMetadata md, UploadRecord.Kind kind, List<String> partials) {
        checkSpace(length == null ? 0 : length);
        if (active.get() >= config.maxActiveUploads()) {
            throw GatewayError.OVERLOADED.exception();
        }
        String id = newId();
        UploadRecord record = new UploadRecord(id, createdBy, backend.clock().instant(), length, kind, md, partials,
                UploadRecord.State.RECEIVING, null, null);
        unfinished.admit(id, createdBy, length, this::forEachStored);
        try {
            backend.writer(id).create();
        } catch (IOException e) {
            unfinished.forget(id);
            throw new UncheckedIOException("cannot create the staging of upload " + id, e);
        } catch (RuntimeException e) {
            unfinished.forget(id);
            throw e;
        }
        boolean small = small(record);
        if (small) {
            smallFirst.enter();
        }
        try {
            backend.putUploadUnsynced(UploadCodec.key(id), UploadCodec.encode(record), List.of(AuditEntry.success(
                    createdBy, "upload.create", "upload:" + id,
                    Map.of("length", String.valueOf(length), "kind", kind.name().toLowerCase(java.util.Locale.ROOT)))));
        } catch (RuntimeException e) {
            unfinished.forget(id);
            throw e;
        } finally {
            if (small) {
                smallFirst.exit();
            }
        }
        Upload upload = newUpload(record);
        upload.recordWrittenUnsynced();
        live.put(id, upload);
        LOG.info("upload.created id={} length={} kind={} by={}", id, length, kind, createdBy);
        return upload;
    }

    /** The upload named {@code id}: 404 if unknown, 410 if expired. Control thread (may read the index). */
    public Upload open(String id) {
        Upload u = live.get(id);
        if (u == null) {
            byte[] value = backend.getUpload(UploadCodec.key(id));
            if (value == null) {
                throw GatewayError.NOT_FOUND.exception();
            }
            u = live.computeIfAbsent(id, k -> newUpload(UploadCodec.decode(value)));
        }
        UploadRecord r = u.record();
        if (r.state() != UploadRecord.State.COMMITTED && expiresAt(r).isBefore(backend.clock().instant())) {
            throw GatewayError.UPLOAD_GONE.exception();
        }
        return u;
    }

    /** Claims the upload for one request: 423 if busy, 503 if too many are active. */
    public void lock(Upload u) {
        if (active.incrementAndGet() > config.maxActiveUploads()) {
            active.decrementAndGet();
            throw GatewayError.OVERLOADED.exception();
        }
        if (!u.tryLock()) {
            active.decrementAndGet();
            throw GatewayError.UPLOAD_LOCKED.exception();
        }
    }

    public void unlock(Upload u) {
        u.unlock();
        active.decrementAndGet();
    }

    /** Sets a deferred length (once). */
    public void declareLength(Upload u, long length) {
        UploadRecord r = u.record();
        if (r.length() != null) {
            if (r.length() != length) {
                throw GatewayError.INVALID_HEADER.exception("Upload-Length is already set");
            }
            return;
        }
        unfinished.checkDeclared(r.id(), r.createdBy(), length, this::forEachStored);
        UploadRecord updated = r.withLength(length);
        persist(updated, List.of());
        u.record(updated);
    }

    public CompletableFuture<Void> begin(Upload u, UploadChecksum checksum) {
        boolean small = small(u.record());
        return onWriter(u, () -> {
            u.begin(checksum);
            if (small) {
                u.bodyHold(smallFirst.holdForBody());
            }
            return null;
        });
    }

    /** Appends a piece (released here) at the current offset. */
    public CompletableFuture<Void> append(Upload u, ByteBuf piece) {
        boolean big = !small(u.record());
        return onWriter(u, () -> {
            try {
                int n = piece.readableBytes();
                if (big) {
                    long waited = smallFirst.yieldToSmall();
                    if (waited > 0) {
                        metrics.yieldedToSmall(waited);
                    }
                }
                if (u.append(piece)) {
                    metrics.bytesReceived(n);
                }
                return null;
            } finally {
                piece.release();
            }
        });
    }

    /**
     * Ends a request: fsync and the per-request checksum, then, if every byte is in, completion:
     * verification and commit. The result is the upload's state once all of that is durable.
     */
    public CompletableFuture<UploadRecord> end(Upload u, boolean interrupted) {
        boolean small = small(u.record());
        return onWriter(u, () -> {
            if (small) {
                smallFirst.enter();
            }
            try {
                return endOnWriter(u, interrupted);
            } finally {
                if (small) {
                    smallFirst.exit();
                }
                u.bodyHold(null);
            }
        });
    }

    private UploadRecord endOnWriter(Upload u, boolean interrupted) throws IOException {
        boolean commitFollows = u.record().kind() != UploadRecord.Kind.PARTIAL && completes(u, interrupted);
        try {
            u.end(interrupted, commitFollows);
        } catch (GatewayException e) {
            if (e.error() == GatewayError.CHECKSUM_MISMATCH) {
                metrics.checksumFailure();
            }
            throw e;
        }
        if (completes(u, interrupted)) {
            return complete(u); // its synced batch covers the record's creation too
        }
        if (!u.recordDurable()) {
            backend.syncIndex(); // the answer acknowledges bytes: the record must survive a power cut
            u.recordMadeDurable();
        }
        return u.record();
    }

    /** Whether the request that is ending brought the upload's last byte. */
    private static boolean completes(Upload u, boolean interrupted) throws IOException {
        return !interrupted && u.holdsAllBytes();
    }

    /** Whether {@code r} is small enough to take the small uploads' lane and go first at sync time. */
    private boolean small(UploadRecord r) {
        return r.length() != null && r.length() <= config.smallUploadBytes();
    }

    /** All bytes are in: verify, then commit (or, for a partial, wait for its final). Writer thread. */
    UploadRecord complete(Upload u) throws IOException {
        return completion.complete(u);
    }

    /**
     * Finishes an upload whose every byte is on disk but which was never committed: its commit
     * failed (disk full, I/O error) or the daemon stopped in the middle of it. A tus client that
     * resumes such an upload finds {@code Upload-Offset == Upload-Length} and counts it done
     * without sending another byte, so the daemon must not wait for one. Runs the completion (for
     * a partial: records its digest) on the upload's writer; answers the record afterwards, or the
     * record as it was when bytes are still missing. The caller holds the upload's lock.
     */
    public CompletableFuture<UploadRecord> settle(Upload u) {
        return onWriter(u, () -> completes(u, false) ? complete(u) : u.record());
    }

    /**
     * {@link #settle Settles} every upload that holds all its bytes but is not finished (see
     * {@link UploadSweeps#settleReceived}). At start-up and before each expiry pass. Returns how many it finished.
     */
    public int settleReceived() {
        return sweeps.settleReceived();
    }

    /** Terminates an unfinished upload: its bytes and record are removed. */
    public CompletableFuture<Void> terminate(Upload u, String actor) {
        if (u.record().state() == UploadRecord.State.COMMITTED) {
            throw GatewayError.UPLOAD_COMMITTED.exception();
        }
        return onWriter(u, () -> {
            discard(u, "terminated", actor);
            return null;
        });
    }

    /** Creates a final upload from completed partials and commits it. Control thread; work on a writer. */
    public CompletableFuture<UploadRecord> concatenate(String createdBy, IngestMetadata md, List<String> partialIds) {
        return concatenation.start(createdBy, md, partialIds);
    }

    /**
     * Removes unfinished uploads created before {@code now - uploadExpiry}, and the bookkeeping of
     * committed ones as old (see {@link UploadSweeps#expire}). Called by the scheduler. Returns how many were removed.
     */
    public int expire(Instant now) {
        return sweeps.expire(now);
    }

    /** The upload of a stored record, the one requests use if it is live. */
    Upload tracked(UploadRecord r) {
        return live.computeIfAbsent(r.id(), k -> newUpload(r));
    }

    /** Whether {@code id} is an upload this store knows (live, or with a record in the index). */
    boolean known(String id) {
        return live.containsKey(id) || backend.getUpload(UploadCodec.key(id)) != null;
    }

    void discard(Upload u, String reason, String actor) throws IOException {
        u.close();
        u.writer().discard();
        String id = u.record().id();
        backend.deleteUpload(UploadCodec.key(id), List.of(AuditEntry.success(actor, "upload.discard", "upload:" + id,
                Map.of("reason", reason))));
        live.remove(id);
        unfinished.forget(id);
        completion.forget(id);
    }

    void persist(UploadRecord r, List<AuditEntry> entries) {
        backend.putUpload(UploadCodec.key(r.id()), UploadCodec.encode(r), entries);
        unfinished.track(r);
    }

    /** Writes the record without waiting for the disk (a later synced write covers it). */
    void persistUnsynced(UploadRecord r) {
        backend.putUploadUnsynced(UploadCodec.key(r.id()), UploadCodec.encode(r), List.of());
        unfinished.track(r);
    }

    /** The commit wrote the upload's final record (in the vault's batch): it no longer counts as unfinished. */
    void committed(UploadRecord r) {
        unfinished.track(r);
    }

    private void forEachStored(java.util.function.Consumer<UploadRecord> visitor) {
        backend.forEachUpload((k, v) -> {
            visitor.accept(UploadCodec.decode(v));
            return true;
        });
    }

    private Upload newUpload(UploadRecord r) {
        return new Upload(r, backend.writer(r.id()), new SerialExecutor(small(r) ? smallWriters : writers),
                config.computeSm3());
    }

    Upload live(String id) {
        return live.get(id);
    }

    /** Runs file work on the upload's serial writer; a failure completes the future exceptionally. */
    <T> CompletableFuture<T> onWriter(Upload u, IoTask<T> task) {
        CompletableFuture<T> f = new CompletableFuture<>();
        u.serial().execute(() -> {
            try {
                f.complete(task.run());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f;
    }

    private static String newId() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** File work that may fail. */
    @FunctionalInterface
    interface IoTask<T> {
        T run() throws Exception;
    }
}
