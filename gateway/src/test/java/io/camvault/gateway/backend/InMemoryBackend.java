package io.camvault.gateway.backend;

import io.camvault.vault.IngestResult;
import io.camvault.vault.VaultException;
import io.camvault.vault.audit.AuditEntry;
import io.camvault.vault.index.Page;
import io.camvault.vault.index.SegmentQuery;
import io.camvault.vault.model.MediaKind;
import io.camvault.vault.model.Principal;
import io.camvault.vault.model.RetentionClass;
import io.camvault.vault.model.Role;
import io.camvault.vault.model.Segment;
import io.camvault.vault.model.SegmentDraft;
import io.camvault.vault.model.SegmentId;
import io.camvault.vault.model.Sha256;
import io.camvault.vault.store.FileObjectStore;
import io.camvault.vault.store.ObjectCommit;
import io.camvault.vault.store.ObjectWriter;
import io.camvault.vault.store.Protection;
import io.camvault.vault.store.staging.StagingArea;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiPredicate;

/** A {@link Backend} in memory for gateway tests: tokens, audit entries and segments in maps. */
public final class InMemoryBackend implements Backend {
    private final Clock clock;
    private final Path uploadsDir;
    private final FileObjectStore objects;
    private final Map<String, Principal> tokens = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<byte[], byte[]> uploads = new ConcurrentSkipListMap<>(Arrays::compareUnsigned);
    private final Map<Sha256, Segment> byHash = new ConcurrentHashMap<>();
    private final Map<SegmentId, Segment> segments = new ConcurrentHashMap<>();
    public final List<AuditEntry> audit = new CopyOnWriteArrayList<>();
    /**
     * Writes a power cut would still lose: unsynced ones since the last synced write or
     * {@link #syncIndex()} (a synced write covers every write before it, as RocksDB's log does).
     */
    public final java.util.concurrent.atomic.AtomicInteger notYetDurable = new java.util.concurrent.atomic.AtomicInteger();
    public volatile boolean open = true;
    /** When set, the object store reports itself unreachable with this reason ({@link #storeUnreachable()}). */
    public volatile String storeDown;
    /** When set, the next commit fails with it (a full disk, an I/O error) and leaves the staged file as it was. */
    public volatile VaultException failNextCommit;
    /** When set, the next commit moves the staged file into the object store, then fails as a crash would there. */
    public volatile boolean stopNextCommitAfterMove;

    public InMemoryBackend(Path dataDir, Clock clock) {
        this.clock = clock;
        this.uploadsDir = dataDir.resolve("uploads");
        this.objects = new FileObjectStore(dataDir.resolve("objects"), new StagingArea(uploadsDir, true));
    }

    /** Adds a principal with {@code token}; returns it. */
    public Principal addToken(String token, String id, Role role, String recorderSerial) {
        Principal p = new Principal(id, id, Set.of(role), Sha256.of(new byte[32]), recorderSerial, clock.instant(), false);
        tokens.put(token, p);
        return p;
    }

    public List<Segment> segments() {
        return List.copyOf(segments.values());
    }

    /** The file of a committed object. */
    public Path objectFile(Sha256 sha256) {
        return objects.localFile(sha256).orElseThrow();
    }

    public int uploadRecords() {
        return uploads.size();
    }

    @Override
    public Clock clock() {
        return clock;
    }

    /** Where the object store's writers stage upload bytes ({@code <id>.part}). */
    public Path uploadsDir() {
        return uploadsDir;
    }

    @Override
    public ObjectWriter writer(String uploadId) {
        return objects.writer(uploadId);
    }

    @Override
    public int removeAbandonedWrites(Instant cutoff, java.util.function.Predicate<String> keep) {
        return objects.removeAbandonedWrites(cutoff, keep);
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public java.util.Optional<String> storeUnreachable() {
        return java.util.Optional.ofNullable(storeDown);
    }

    @Override
    public Optional<Principal> authenticate(String token) {
        return Optional.ofNullable(tokens.get(token));
    }

    @Override
    public void audit(AuditEntry entry) {
        audit.add(entry);
    }

    @Override
    public void putUpload(byte[] key, byte[] record, List<AuditEntry> entries) {
        uploads.put(key.clone(), record.clone());
        audit.addAll(entries);
        notYetDurable.set(0);
    }

    @Override
    public void putUploadUnsynced(byte[] key, byte[] record, List<AuditEntry> entries) {
        uploads.put(key.clone(), record.clone());
        audit.addAll(entries);
        notYetDurable.incrementAndGet();
    }

    @Override
    public void syncIndex() {
        notYetDurable.set(0);
    }

    @Override
    public void deleteUpload(byte[] key, List<AuditEntry> entries) {
        uploads.remove(key);
        audit.addAll(entries);
        notYetDurable.set(0);
    }

    @Override
    public byte[] getUpload(byte[] key) {
        byte[] v = uploads.get(key);
        return v == null ? null : v.clone();
    }

    @Override
    public void forEachUpload(BiPredicate<byte[], byte[]> visitor) {
        for (Map.Entry<byte[], byte[]> e : uploads.entrySet()) {
            if (!visitor.test(e.getKey().clone(), e.getValue().clone())) {
                return;
            }
        }
    }

    @Override
    public synchronized IngestResult commitOriginal(ObjectWriter writer, Sha256 digest, long size, SegmentDraft d,
            byte[] uploadKey, java.util.function.Function<Segment, byte[]> uploadRecord) {
        VaultException failure = failNextCommit;
        if (failure != null) {
            failNextCommit = null;
            throw failure;
        }
        writer.commit(new ObjectCommit(digest, size, d.sm3(), Protection.NONE, null));
        if (stopNextCommitAfterMove) {
            stopNextCommitAfterMove = false;
            throw new VaultException(VaultException.Kind.IO, "stopped after the move");
        }
        Segment existing = byHash.get(digest);
        if (existing != null) {
            audit.add(AuditEntry.success(d.uploadedBy(), "segment.reingest", "segment:" + existing.id(), Map.of()));
            uploads.put(uploadKey.clone(), uploadRecord.apply(existing));
            notYetDurable.set(0);
            return new IngestResult(existing, true);
        }
        Instant now = clock.instant();
        Segment s = new Segment(SegmentId.random(now), digest, d.sm3(), size, d.originalName(),
                MediaKind.fromFileName(d.originalName()), d.recorderSerial(), d.officerBadge(), d.unitCode(),
                d.recordedStart(), d.recordedEnd(), d.clockDriftMs(), now, d.stationId(), d.trigger(), d.uploadedBy(),
                RetentionClass.ROUTINE, d.recordedEnd().plusSeconds(180L * 86400), List.of(), List.of());
        byHash.put(digest, s);
        segments.put(s.id(), s);
        audit.add(AuditEntry.success(d.uploadedBy(), "segment.commit", "segment:" + s.id(), Map.of()));
        uploads.put(uploadKey.clone(), uploadRecord.apply(s));
        notYetDurable.set(0);
        return new IngestResult(s, false);
    }

    @Override
    public Optional<Segment> segment(SegmentId id) {
        return Optional.ofNullable(segments.get(id));
    }

    @Override
    public Page<Segment> search(SegmentQuery q) {
        List<Segment> all = new ArrayList<>(segments.values());
        all.removeIf(s -> q.officer() != null && !q.officer().equals(s.officerBadge()));
        all.removeIf(s -> q.recorder() != null && !q.recorder().equals(s.recorderSerial()));
        all.removeIf(s -> q.from() != null && s.recordedStart().isBefore(q.from()));
        all.removeIf(s -> q.to() != null && !s.recordedStart().isBefore(q.to()));
        all.sort(Comparator.comparing(Segment::recordedStart).thenComparing(Segment::id));
        int start = q.cursor() == null ? 0 : Integer.parseInt(q.cursor());
        int end = Math.min(all.size(), start + q.limit());
        return new Page<>(all.subList(Math.min(start, end), end), end < all.size() ? Integer.toString(end) : null);
    }
}
