package io.camvault.vault.media.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import io.camvault.vault.IngestResult;
import io.camvault.vault.Vault;
import io.camvault.vault.VaultConfig;
import io.camvault.vault.media.MediaJobs;
import io.camvault.vault.media.MediaRecord;
import io.camvault.vault.media.MediaWorker;
import io.camvault.vault.media.Playability;
import io.camvault.vault.model.SegmentDraft;
import io.camvault.vault.model.Sha256;
import io.camvault.vault.model.Trigger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commit queues media work in the same batch; the worker runs it; a restart resumes what was left. */
class MediaWorkerTest {
    private static final Instant START = Instant.parse("2026-11-20T08:30:00Z");

    @TempDir
    Path data;

    private static IngestResult commit(Vault vault, String sample) throws Exception {
        Path src = Samples.path(sample);
        SegmentDraft d = new SegmentDraft(null, sample, "A123456", "100234", "110105000000", START,
                START.plusSeconds(5), 0, "hall-1", Trigger.MANUAL, "p_dock");
        try (java.io.InputStream in = Files.newInputStream(src)) {
            return vault.ingest(in, d);
        }
    }

    private static void awaitIdle(MediaWorker w) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!w.idle() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(w.idle()).as("media queue drained").isTrue();
    }

    @Test
    void commitQueuesWorkThatSurvivesARestartAndIsThenDone() throws Exception {
        IngestResult good;
        IngestResult broken;
        try (Vault vault = Vault.open(VaultConfig.defaults(data), Clock.systemUTC())) {
            good = commit(vault, Samples.H264);
            broken = commit(vault, Samples.TRUNCATED);
            MediaJobs jobs = vault.mediaJobs();
            assertThat(jobs.queued(good.segment().id())).isTrue();
            assertThat(jobs.pending(10)).containsExactly(good.segment().id(), broken.segment().id());
        }
        try (Vault vault = Vault.open(VaultConfig.defaults(data), Clock.systemUTC());
             MediaWorker worker = MediaWorker.start(vault, new FfmpegMediaTool(), MediaWorker.Settings.DEFAULT)) {
            awaitIdle(worker);
            MediaRecord ok = worker.jobs().record(good.segment().id()).orElseThrow();
            assertThat(ok.facts().playability()).isEqualTo(Playability.PLAYABLE);
            assertThat(ok.rendition()).isEqualTo("stream.mp4");
            assertThat(ok.poster()).isEqualTo("poster.jpg");
            assertThat(worker.derived().dir(good.segment().sha256()).resolve("poster.jpg")).isRegularFile();
            MediaRecord bad = worker.jobs().record(broken.segment().id()).orElseThrow();
            assertThat(bad.facts().playability()).isEqualTo(Playability.UNPLAYABLE);
            assertThat(bad.rendition()).isNull();
            assertThat(worker.jobs().queued(good.segment().id())).isFalse();
        }
    }

    @Test
    void segmentsCommittedBeforeMediaWorkExistedAreQueuedOnce() throws Exception {
        IngestResult old;
        try (Vault vault = Vault.open(VaultConfig.defaults(data), Clock.systemUTC())) {
            old = commit(vault, Samples.H264);
            // as if committed by a version without the media queue
            vault.commit(b -> b.delete(io.camvault.vault.kv.ColumnFamily.MEDIA_QUEUE,
                    io.camvault.vault.kv.Keys.segment(old.segment().id())), java.util.List.of());
            assertThat(vault.mediaJobs().pending(10)).isEmpty();
        }
        try (Vault vault = Vault.open(VaultConfig.defaults(data), Clock.systemUTC());
             MediaWorker worker = MediaWorker.start(vault, new FfmpegMediaTool(), MediaWorker.Settings.DEFAULT)) {
            awaitIdle(worker);
            assertThat(worker.jobs().record(old.segment().id())).isPresent();
            assertThat(worker.jobs().backfill()).isZero();
        }
    }

    @Test
    void mediaWorkReadsOriginalsThroughTheSeamWhenTheStoreKeepsNoLocalFiles() throws Exception {
        try (Vault vault = new Vault(VaultConfig.defaults(data), Clock.systemUTC(), new io.camvault.vault.kv.MemoryKvStore(),
                new io.camvault.vault.store.MemoryObjectStore())) {
            IngestResult good = commit(vault, Samples.H264);
            try (MediaWorker worker = MediaWorker.start(vault, new FfmpegMediaTool(), MediaWorker.Settings.DEFAULT)) {
                awaitIdle(worker);
                MediaRecord ok = worker.jobs().record(good.segment().id()).orElseThrow();
                assertThat(ok.facts().playability()).isEqualTo(Playability.PLAYABLE);
                assertThat(worker.derived().dir(good.segment().sha256()).resolve("poster.jpg")).isRegularFile();
                try (var files = Files.list(worker.derived().dir(good.segment().sha256()))) {
                    assertThat(files.map(p -> p.getFileName().toString())).as("the fetched copy is gone")
                            .noneMatch(n -> n.startsWith(".original-"));
                }
            }
        }
    }
}
