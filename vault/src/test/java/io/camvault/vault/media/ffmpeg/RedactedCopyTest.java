package io.camvault.vault.media.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY8;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;

import io.camvault.vault.media.MediaFacts;
import io.camvault.vault.media.Playability;
import io.camvault.vault.redaction.Box;
import io.camvault.vault.redaction.Method;
import io.camvault.vault.redaction.RedactionSpec;
import io.camvault.vault.redaction.Region;
import io.camvault.vault.redaction.TimeRange;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A redacted copy of the 4 s 1080p sample (lavfi testsrc2: detail everywhere, a sine tone): the box
 * (blur over the moving checkerboard, the part of the picture with the most detail) hides its region in exactly the frames of its range, the rest of the picture stays close to the
 * source, the mute range is silent and the rest of the sound unchanged; the original is untouched,
 * and rendering the spec again gives a copy that decodes to the same pictures and sound.
 */
class RedactedCopyTest {
    private static final Box BOX = new Box(1180, 660, 520, 290);
    private static final RedactionSpec SPEC = new RedactionSpec(Method.BLUR,
            List.of(Region.still(1000, 3000, BOX)), List.of(new TimeRange(1000, 2000)));

    @TempDir
    static Path tmp;
    static Decoded source;
    static Decoded copy;
    static Path copyFile;
    static String sourceHashBefore;

    @BeforeAll
    static void render() throws Exception {
        Path src = Samples.path(Samples.H264);
        sourceHashBefore = sha256(src);
        copyFile = tmp.resolve("redacted.mp4");
        List<Long> seen = new ArrayList<>();
        new FfmpegMediaTool().redact(src, copyFile, SPEC, seen::add);
        assertThat(seen).isNotEmpty();
        source = decode(src);
        copy = decode(copyFile);
    }

    @Test
    void theCopyIsAPlayableH264AacMp4AtTheSourceSize() {
        MediaFacts f = new FfmpegMediaTool().probe(copyFile);
        assertThat(f.playability()).isEqualTo(Playability.PLAYABLE);
        assertThat(f.videoCodec()).isEqualTo("h264");
        assertThat(f.audioCodec()).isEqualTo("aac");
        assertThat(f.width()).isEqualTo(1920);
        assertThat(copy.frames).hasSameSizeAs(source.frames);
    }

    @Test
    void theBoxHidesItsRegionInExactlyTheFramesOfItsRange() {
        int hidden = 0;
        for (int i = 0; i < copy.frames.size(); i++) {
            Picture c = copy.frames.get(i);
            Picture s = source.frames.get(i);
            double ratio = c.detail(BOX) / s.detail(BOX);
            if (c.millis >= 1000 && c.millis < 3000) {
                // measured 0.022: a blur leaves a fiftieth of the checkerboard's edge energy
                assertThat(ratio).as("frame at %d ms", c.millis).isLessThan(0.1);
                hidden++;
            } else {
                // the encoder has fewer bits for the frames after the blur (they predict from it): 0.67 measured
                assertThat(ratio).as("frame at %d ms", c.millis).isGreaterThan(0.5);
            }
        }
        assertThat(hidden).isEqualTo(60);
    }

    @Test
    void theRestOfThePictureStaysCloseToTheSource() {
        for (int i = 0; i < copy.frames.size(); i++) {
            assertThat(copy.frames.get(i).psnrOutside(source.frames.get(i), BOX))
                    .as("PSNR outside the box, frame %d", i).isGreaterThan(30);
        }
    }

    @Test
    void theMuteRangeIsSilentAndTheRestOfTheSoundUnchanged() {
        assertThat(copy.rms(1020, 1980)).isLessThan(1e-4);
        double before = source.rms(200, 900);
        double after = source.rms(2100, 3800);
        assertThat(before).isGreaterThan(0.05);
        assertThat(copy.rms(200, 900)).isCloseTo(before, org.assertj.core.data.Percentage.withPercentage(5));
        assertThat(copy.rms(2100, 3800)).isCloseTo(after, org.assertj.core.data.Percentage.withPercentage(5));
    }

    @Test
    void theOriginalIsByteIdenticalAfterRedaction() throws Exception {
        assertThat(sha256(Samples.path(Samples.H264))).isEqualTo(sourceHashBefore);
    }

    @Test
    void renderingTheSpecAgainPlaysTheSame() throws Exception {
        Path again = tmp.resolve("again.mp4");
        new FfmpegMediaTool().redact(Samples.path(Samples.H264), again,
                RedactionSpec.parse(SPEC.canonicalJson()), t -> { });
        Decoded second = decode(again);
        assertThat(second.frames).hasSameSizeAs(copy.frames);
        for (int i = 0; i < copy.frames.size(); i++) {
            assertThat(second.frames.get(i).millis).isEqualTo(copy.frames.get(i).millis);
            assertThat(second.frames.get(i).psnrOutside(copy.frames.get(i), new Box(0, 0, 0, 0)))
                    .as("frame %d against the first render", i).isGreaterThan(45);
        }
        assertThat(second.rms(1020, 1980)).isLessThan(1e-4);
        assertThat(second.rms(200, 900)).isCloseTo(copy.rms(200, 900), org.assertj.core.data.Percentage.withPercentage(1));
    }

    // ---- decoding ----------------------------------------------------------------------------

    record Picture(long millis, int width, int height, byte[] luma) {
        int at(int x, int y) {
            return luma[y * width + x] & 0xff;
        }

        /** Mean squared difference of horizontal neighbours inside {@code b}. */
        double detail(Box b) {
            double sum = 0;
            long n = 0;
            for (int y = b.y(); y < b.y() + b.h(); y++) {
                for (int x = b.x() + 1; x < b.x() + b.w(); x++) {
                    int d = at(x, y) - at(x - 1, y);
                    sum += d * d;
                    n++;
                }
            }
            return sum / n;
        }

        /** PSNR of the luma outside {@code b} (a margin of 16 px around it excluded) against {@code other}. */
        double psnrOutside(Picture other, Box b) {
            double sum = 0;
            long n = 0;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    boolean near = b.w() > 0 && x >= b.x() - 16 && x < b.x() + b.w() + 16
                            && y >= b.y() - 16 && y < b.y() + b.h() + 16;
                    if (!near) {
                        int d = at(x, y) - other.at(x, y);
                        sum += d * d;
                        n++;
                    }
                }
            }
            double mse = sum / n;
            return mse == 0 ? 99 : 10 * Math.log10(255.0 * 255.0 / mse);
        }
    }

    static final class Decoded {
        final List<Picture> frames = new ArrayList<>();
        final List<float[]> audio = new ArrayList<>();
        final List<Long> audioStart = new ArrayList<>();
        int sampleRate;

        /** Root mean square of the first channel over {@code [fromMs, toMs)}. */
        double rms(long fromMs, long toMs) {
            double sum = 0;
            long n = 0;
            for (int i = 0; i < audio.size(); i++) {
                float[] a = audio.get(i);
                for (int k = 0; k < a.length; k++) {
                    long t = audioStart.get(i) + k * 1_000_000L / sampleRate;
                    if (t >= fromMs * 1000 && t < toMs * 1000) {
                        sum += a[k] * a[k];
                        n++;
                    }
                }
            }
            return Math.sqrt(sum / Math.max(1, n));
        }
    }

    static Decoded decode(Path file) throws Exception {
        Decoded d = new Decoded();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
            g.setPixelFormat(AV_PIX_FMT_GRAY8);
            g.setSampleFormat(AV_SAMPLE_FMT_FLTP);
            g.start();
            d.sampleRate = g.getSampleRate();
            Frame f;
            while ((f = g.grab()) != null) {
                if (f.image != null) {
                    ByteBuffer b = ((ByteBuffer) f.image[0]).duplicate();
                    byte[] luma = new byte[f.imageWidth * f.imageHeight];
                    for (int y = 0; y < f.imageHeight; y++) {
                        b.position(y * f.imageStride);
                        b.get(luma, y * f.imageWidth, f.imageWidth);
                    }
                    d.frames.add(new Picture(f.timestamp / 1000, f.imageWidth, f.imageHeight, luma));
                } else if (f.samples != null) {
                    FloatBuffer s = ((FloatBuffer) f.samples[0]).duplicate();
                    float[] a = new float[s.remaining()];
                    s.get(a);
                    d.audio.add(a);
                    d.audioStart.add(f.timestamp);
                }
            }
            g.stop();
        }
        return d;
    }

    static String sha256(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }
}
