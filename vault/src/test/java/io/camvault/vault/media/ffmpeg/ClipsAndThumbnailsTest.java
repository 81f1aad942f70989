package io.camvault.vault.media.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.camvault.vault.media.MediaException;
import io.camvault.vault.media.MediaFacts;
import io.camvault.vault.media.Playability;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipsAndThumbnailsTest {

    /** The H.264 sample has a keyframe every 30 frames at 30 fps. */
    private static final double GOP_SECONDS = 1.0;

    private final FfmpegMediaTool tool = new FfmpegMediaTool();

    @TempDir
    Path tmp;

    @Test
    void fastClipStartsOnAKeyframeWithinOneGop() throws Exception {
        Path out = tmp.resolve("fast.mp4");
        tool.clip(Samples.path(Samples.H264), Duration.ofMillis(1500), Duration.ofMillis(3000), out, false);
        MediaFacts f = tool.probe(out);
        assertThat(f.playability()).isEqualTo(Playability.PLAYABLE);
        double seconds = f.durationMillis() / 1000.0;
        assertThat(seconds).isBetween(1.5 - 0.1, 1.5 + GOP_SECONDS + 0.1);
        assertThat(RenditionDecodesTest.decodeAll(out).images()).isPositive();
    }

    @Test
    void exactClipHasTheAskedDuration() throws Exception {
        Path out = tmp.resolve("exact.mp4");
        tool.clip(Samples.path(Samples.H264), Duration.ofMillis(1500), Duration.ofMillis(3000), out, true);
        MediaFacts f = tool.probe(out);
        assertThat(f.playability()).isEqualTo(Playability.PLAYABLE);
        assertThat(f.width()).isEqualTo(1920);
        assertThat(f.durationMillis() / 1000.0).isCloseTo(1.5, within(0.1));
        var d = RenditionDecodesTest.decodeAll(out);
        assertThat(d.images()).isBetween(43, 47);
    }

    @Test
    void clipRejectsAnEmptyWindow() {
        assertThatThrownBy(() -> tool.clip(Samples.path(Samples.H264), Duration.ofSeconds(2),
                Duration.ofSeconds(1), tmp.resolve("x.mp4"), false)).isInstanceOf(MediaException.class);
    }

    @Test
    void posterFrameIsAScaledJpeg() throws Exception {
        Path out = tmp.resolve("poster.jpg");
        tool.thumbnail(Samples.path(Samples.H264), Duration.ofSeconds(1), out);
        BufferedImage img = ImageIO.read(out.toFile());
        assertThat(img.getWidth()).isEqualTo(640);
        assertThat(img.getHeight()).isEqualTo(360);
    }

    @Test
    void photoThumbnailIsThePhotoScaled() throws Exception {
        Path out = tmp.resolve("photo.jpg");
        tool.thumbnail(Samples.path(Samples.PHOTO), Duration.ZERO, out);
        BufferedImage img = ImageIO.read(out.toFile());
        assertThat(img.getWidth()).isEqualTo(640);
        assertThat(img.getHeight()).isEqualTo(360);
    }

    @Test
    void stripHasOneFramePerInterval() throws Exception {
        List<Path> frames = tool.strip(Samples.path(Samples.H264), Duration.ofSeconds(1), tmp.resolve("strip"));
        assertThat(frames).hasSize(4);
        for (Path p : frames) {
            assertThat(ImageIO.read(p.toFile())).isNotNull();
        }
    }

    @Test
    void audioHasNoThumbnailAndSaysSo() {
        assertThatThrownBy(() -> tool.thumbnail(Samples.path(Samples.WAV), Duration.ZERO, tmp.resolve("a.jpg")))
                .isInstanceOf(MediaException.class);
    }

    @Test
    void truncatedFileFailsCleanlyEverywhere() {
        Path bad = Samples.path(Samples.TRUNCATED);
        assertThatThrownBy(() -> tool.remux(bad, tmp.resolve("r.mp4"))).isInstanceOf(MediaException.class);
        assertThatThrownBy(() -> tool.thumbnail(bad, Duration.ZERO, tmp.resolve("t.jpg")))
                .isInstanceOf(MediaException.class);
        assertThatThrownBy(() -> tool.transcode(bad, tmp.resolve("p.mp4"), io.camvault.vault.media.ProxySettings.DEFAULT))
                .isInstanceOf(MediaException.class);
    }
}
