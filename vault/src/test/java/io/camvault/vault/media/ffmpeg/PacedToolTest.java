package io.camvault.vault.media.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camvault.vault.VaultException;
import io.camvault.vault.media.MediaException;
import io.camvault.vault.media.MediaFacts;
import io.camvault.vault.media.MediaTool;
import io.camvault.vault.media.ProxySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A paced tool calls its pacing between frames and packets, and stops when the pacing says so. */
class PacedToolTest {
    @TempDir
    Path dir;

    private final AtomicInteger checkpoints = new AtomicInteger();
    private final MediaTool paced = new FfmpegMediaTool().paced(checkpoints::incrementAndGet);

    @Test
    void remuxStopsBeforeEveryPacket() {
        Path src = Samples.path(Samples.H264);
        MediaFacts facts = paced.probe(src);
        assertThat(checkpoints).as("probing is never paced").hasValue(0);
        paced.remux(src, dir.resolve("stream.mp4"));
        long frames = Math.round(facts.durationMillis() / 1000.0 * facts.frameRate());
        assertThat(checkpoints.get()).as("at least one per video frame").isGreaterThanOrEqualTo((int) frames);
    }

    @Test
    void transcodeStopsBeforeEveryDecodedFrame() {
        Path src = Samples.path(Samples.HEVC);
        MediaFacts facts = paced.probe(src);
        paced.transcode(src, dir.resolve("proxy.mp4"), ProxySettings.DEFAULT.withHeight(240));
        long frames = Math.round(facts.durationMillis() / 1000.0 * facts.frameRate());
        assertThat(checkpoints.get()).isGreaterThanOrEqualTo((int) frames);
    }

    @Test
    void thumbnailsStopBeforeEachPicture() {
        Path src = Samples.path(Samples.H264);
        paced.thumbnail(src, Duration.ofSeconds(1), dir.resolve("poster.jpg"));
        assertThat(checkpoints).hasValue(1);
        paced.strip(src, Duration.ofSeconds(1), dir.resolve("strip"));
        assertThat(checkpoints.get()).isGreaterThan(2);
    }

    @Test
    void aPacingThatGivesUpEndsTheTranscodeWithAMediaException() {
        AtomicInteger n = new AtomicInteger();
        MediaTool stopping = new FfmpegMediaTool().paced(() -> {
            if (n.incrementAndGet() > 10) {
                throw new MediaException(VaultException.Kind.IO, "media work interrupted while yielding to ingest");
            }
        });
        assertThatThrownBy(() -> stopping.transcode(Samples.path(Samples.HEVC), dir.resolve("proxy.mp4"),
                ProxySettings.DEFAULT.withHeight(240)))
                .isInstanceOf(MediaException.class).hasMessageContaining("yielding to ingest");
        assertThatThrownBy(() -> stopping.remux(Samples.path(Samples.H264), dir.resolve("stream.mp4")))
                .isInstanceOf(MediaException.class).hasMessageContaining("yielding to ingest");
    }
}
