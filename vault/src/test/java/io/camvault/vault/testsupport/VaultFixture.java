package io.camvault.vault.testsupport;

import io.camvault.vault.Vault;
import io.camvault.vault.VaultConfig;
import io.camvault.vault.kv.KvStore;
import io.camvault.vault.kv.MemoryKvStore;
import io.camvault.vault.model.Segment;
import io.camvault.vault.model.SegmentDraft;
import io.camvault.vault.model.Trigger;
import io.camvault.vault.retention.RetentionPolicy;
import io.camvault.vault.store.Digests;
import io.camvault.vault.store.FileObjectStore;
import io.camvault.vault.store.MemoryObjectStore;
import io.camvault.vault.store.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** A vault on memory (or file) stores in a temp dir, and a way to ingest small originals through the real path. */
public final class VaultFixture implements AutoCloseable {
    private static final AtomicLong COUNTER = new AtomicLong();

    public final Path dir;
    public final MutableClock clock;
    public final KvStore kv;
    public final ObjectStore objects;
    public final Vault vault;

    private VaultFixture(Path dir, MutableClock clock, KvStore kv, ObjectStore objects, VaultConfig config) {
        this.dir = dir;
        this.clock = clock;
        this.kv = kv;
        this.objects = objects;
        this.vault = new Vault(config, clock, kv, objects);
    }

    public static VaultFixture memory(RetentionPolicy policy) {
        Path dir = tempDir();
        MutableClock clock = MutableClock.standard();
        return new VaultFixture(dir, clock, new MemoryKvStore(), new MemoryObjectStore(),
                VaultConfig.defaults(dir).withRetention(policy));
    }

    /** Over the given object store (a wrapper that injects faults, an enforcing model), index in memory. */
    public static VaultFixture with(RetentionPolicy policy, java.util.function.Function<MutableClock, ObjectStore> objects) {
        Path dir = tempDir();
        MutableClock clock = MutableClock.standard();
        return new VaultFixture(dir, clock, new MemoryKvStore(), objects.apply(clock),
                VaultConfig.defaults(dir).withRetention(policy));
    }

    /** Ingests {@code bytes} as a new original of officer {@code badge}. */
    public Segment ingestBytes(byte[] bytes, Duration endedAgo) {
        Instant end = clock.instant().minus(endedAgo);
        SegmentDraft draft = new SegmentDraft(null, "again.mp4", "REC1", "100001", "U0001", end.minusSeconds(600), end,
                0, "dock-1", Trigger.SCHEDULED, "dock-principal");
        return vault.commitOriginal(Staged.writer(objects, bytes), Digests.sha256(bytes), bytes.length, draft).segment();
    }

    /** Objects as real files under {@code dir/objects}, index in memory. */
    public static VaultFixture files(RetentionPolicy policy) {
        Path dir = tempDir();
        MutableClock clock = MutableClock.standard();
        return new VaultFixture(dir, clock, new MemoryKvStore(), new FileObjectStore(dir.resolve("objects")),
                VaultConfig.defaults(dir).withRetention(policy));
    }

    /** Ingests a small original recorded by officer {@code badge}, ending {@code endedAgo} before now. */
    public Segment ingest(String badge, Duration endedAgo, Trigger trigger) {
        long n = COUNTER.incrementAndGet();
        byte[] bytes = ("original " + n + " " + badge + " " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
        Instant end = clock.instant().minus(endedAgo);
        SegmentDraft draft = new SegmentDraft(null, "clip-" + n + ".mp4", "REC" + (n % 5), badge, "U0001",
                end.minusSeconds(600), end, 0, "dock-1", trigger, "dock-principal");
        return ingest(draft, bytes);
    }

    /**
     * Ingests footage recorded {@code endedAgo} before now that reached the vault as it ended, back
     * then: the clock is set back for the commit. Retention counts from the later of the
     * recording end and the ingest time, so footage meant to be old must also have been ingested long ago.
     */
    public Segment ingestPromptly(String badge, Duration endedAgo, Trigger trigger) {
        Instant now = clock.instant();
        clock.set(now.minus(endedAgo));
        try {
            return ingest(badge, Duration.ZERO, trigger);
        } finally {
            clock.set(now);
        }
    }

    public Segment ingestPromptly(Duration endedAgo) {
        return ingestPromptly("100001", endedAgo, Trigger.SCHEDULED);
    }

    /** As {@link #ingestBytes(byte[], Duration)}, ingested as the recording ended. */
    public Segment ingestBytesPromptly(byte[] bytes, Duration endedAgo) {
        Instant now = clock.instant();
        clock.set(now.minus(endedAgo));
        try {
            return ingestBytes(bytes, Duration.ZERO);
        } finally {
            clock.set(now);
        }
    }

    /**
     * Ingests a small original whose declared end lies {@code declaredLength} after its start (a dock
     * declares the file's modification time), ending an hour ago.
     */
    public Segment ingestDeclared(String badge, Duration declaredLength, Trigger trigger) {
        long n = COUNTER.incrementAndGet();
        byte[] bytes = ("declared " + n + " " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
        Instant end = clock.instant().minus(Duration.ofHours(1));
        return ingest(new SegmentDraft(null, "audio-" + n + ".wav", "REC1", badge, "U0001", end.minus(declaredLength),
                end, 0, "dock-1", trigger, "dock-principal"), bytes);
    }

    /** Ingests these bytes under this file name, ending {@code endedAgo} before now, ten minutes long as declared. */
    public Segment ingestBytes(byte[] bytes, String name, Duration endedAgo) {
        Instant end = clock.instant().minus(endedAgo);
        return ingest(new SegmentDraft(null, name, "REC1", "100001", "U0001", end.minusSeconds(600), end, 0, "dock-1",
                Trigger.SCHEDULED, "dock-principal"), bytes);
    }

    /** Ingests {@code bytes} with {@code draft} through the real commit path. */
    public Segment ingest(SegmentDraft draft, byte[] bytes) {
        return vault.commitOriginal(Staged.writer(objects, bytes), Digests.sha256(bytes), bytes.length, draft).segment();
    }

    public Segment ingest(Duration endedAgo) {
        return ingest("100001", endedAgo, Trigger.SCHEDULED);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("camvault-vault-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        vault.close();
        TempDirs.deleteTree(dir);
    }
}
