package io.camvault.vault.media.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import io.camvault.vault.Vault;
import io.camvault.vault.VaultConfig;
import io.camvault.vault.media.MediaWorker;
import io.camvault.vault.model.Segment;
import io.camvault.vault.model.SegmentDraft;
import io.camvault.vault.model.Trigger;
import io.camvault.vault.statistics.StatisticsRow;
import io.camvault.vault.statistics.YearlyStatistics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The input that exposed hours taken from file times: the 4 s AAC and 3 s WAV samples, docked with
 * modification times 300 hours after their recorded start, and a 0-byte file, counted 612 hours
 * between them. With the real probe the year has 7 seconds, the empty file none.
 */
class ProbedDurationFiguresTest {
    private static final Instant START = Instant.parse("2026-11-20T02:30:00Z");
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @TempDir
    Path data;

    private static Segment commit(Vault vault, String name, byte[] bytes, Duration declared) throws Exception {
        SegmentDraft d = new SegmentDraft(null, name, "C222333", "100236", "320102000000", START,
                START.plus(declared), 0, "hall-1", Trigger.SCHEDULED, "p_dock", "张伟", "南京市公安局玄武分局");
        return vault.ingest(new java.io.ByteArrayInputStream(bytes), d).segment();
    }

    @Test
    void shortAudioWithLateFileTimesAndAnEmptyFileCountOnlyTheirProbedSeconds() throws Exception {
        Clock clock = Clock.fixed(START.plus(Duration.ofDays(13)), ZoneOffset.UTC);
        try (Vault vault = Vault.open(VaultConfig.defaults(data), clock)) {
            Segment aac = commit(vault, Samples.AAC, Files.readAllBytes(Samples.path(Samples.AAC)), Duration.ofHours(300));
            Segment wav = commit(vault, Samples.WAV, Files.readAllBytes(Samples.path(Samples.WAV)), Duration.ofHours(300));
            Segment empty = commit(vault, "C222333_100236_20261120120000.mp4", new byte[0], Duration.ofHours(12));
            StatisticsRow before = YearlyStatistics.compute(vault, 2026, ZONE).total();
            assertThat(before.recordedMillis()).isZero();
            assertThat(before.unknownDuration()).isEqualTo(3);

            try (MediaWorker worker = MediaWorker.start(vault, new FfmpegMediaTool(), MediaWorker.Settings.DEFAULT)) {
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (!worker.idle() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(worker.idle()).as("media queue drained").isTrue();
            }

            StatisticsRow after = YearlyStatistics.compute(vault, 2026, ZONE).total();
            assertThat(after.recordings()).isEqualTo(3);
            assertThat(after.recordedMillis()).isBetween(6_900L, 7_100L);
            assertThat(after.unknownDuration()).as("the 0-byte file").isEqualTo(1);
            assertThat(after.officerName()).isNull();
            StatisticsRow officer = YearlyStatistics.compute(vault, 2026, ZONE).officers().get(0);
            assertThat(officer.officerName()).isEqualTo("张伟");
            assertThat(officer.unitName()).isEqualTo("南京市公安局玄武分局");
            assertThat(vault.segments().get(aac.id()).orElseThrow().durationMillis()).isBetween(3_900L, 4_100L);
            assertThat(vault.segments().get(wav.id()).orElseThrow().durationMillis()).isBetween(2_900L, 3_100L);
            assertThat(vault.segments().get(empty.id()).orElseThrow().durationMillis()).isNull();
        }
    }
}
