package io.camvault.vault.media.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import io.camvault.vault.media.ProxySettings;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression: 480p proxies (852 wide, not a multiple of 64) came out with the chroma sheared into
 * stripes, because the grabber pads planar rows to 64 bytes and the recorder does not expect it
 * (see {@link PackedYuv}). The proxy decoded fine, so only a look at the pictures catches it.
 */
class ShearedChromaRegressionTest {

    @TempDir
    Path tmp;

    @Test
    void proxyPicturesMatchTheSourceScaled() throws Exception {
        Path src = Samples.path(Samples.H264);
        Path proxy = tmp.resolve("proxy.mp4");
        new FfmpegMediaTool().transcode(src, proxy, ProxySettings.DEFAULT);

        BufferedImage got = frame(proxy, 45, 0, 0);
        BufferedImage want = frame(src, 45, got.getWidth(), got.getHeight());
        assertThat(meanAbsoluteDifference(got, want)).as("mean |difference| per channel, 0..255").isLessThan(12.0);
    }

    private static BufferedImage frame(Path file, int index, int width, int height) throws Exception {
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile());
             Java2DFrameConverter conv = new Java2DFrameConverter()) {
            g.start();
            if (width > 0) {
                g.setImageWidth(width);
                g.setImageHeight(height);
            }
            Frame f = null;
            for (int i = 0; i <= index; i++) {
                f = g.grabImage();
            }
            BufferedImage img = conv.getBufferedImage(f);
            BufferedImage copy = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
            copy.getGraphics().drawImage(img, 0, 0, null);
            g.stop();
            return copy;
        }
    }

    private static double meanAbsoluteDifference(BufferedImage a, BufferedImage b) {
        long sum = 0;
        int n = 0;
        for (int y = 0; y < a.getHeight(); y += 2) {
            for (int x = 0; x < a.getWidth(); x += 2) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    sum += Math.abs(((p >> shift) & 0xff) - ((q >> shift) & 0xff));
                    n++;
                }
            }
        }
        return (double) sum / n;
    }
}
