package io.camvault.vault.media.ffmpeg;

import io.camvault.vault.VaultException;
import io.camvault.vault.media.MediaException;
import io.camvault.vault.media.Pacing;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * JPEG frames via FFmpegFrameGrabber and the JDK's ImageIO (no OpenCV). Photos go through the same
 * path: FFmpeg opens a JPEG as a one-frame video, so "the thumbnail is the photo scaled".
 */
final class Thumbnailer {

    /** Thumbnails fit within this box; review pages show them small, and they stay a few KB. */
    static final int MAX_WIDTH = 640;
    static final int MAX_HEIGHT = 360;

    private Thumbnailer() {
    }

    static void thumbnail(Path src, Duration at, Path dstJpeg, Pacing pacing) {
        List<Path> out = frames(src, List.of(at.toNanos() / 1000), List.of(dstJpeg), pacing);
        if (out.isEmpty()) {
            throw new MediaException(VaultException.Kind.INVALID, "no picture in " + src.getFileName());
        }
    }

    static List<Path> strip(Path src, Duration interval, Path dir, Pacing pacing) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("strip interval must be positive");
        }
        long durationMicros;
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(src.toFile())) {
            g.start();
            durationMicros = Math.max(0, g.getLengthInTime());
            g.stop();
        } catch (FrameGrabber.Exception e) {
            throw new MediaException(VaultException.Kind.IO, "cannot open " + src.getFileName(), e);
        }
        long step = interval.toNanos() / 1000;
        List<Long> times = new ArrayList<>();
        List<Path> names = new ArrayList<>();
        for (long t = 0; t < Math.max(1, durationMicros); t += step) {
            times.add(t);
            names.add(dir.resolve(String.format("strip-%04d.jpg", times.size())));
        }
        return frames(src, times, names, pacing);
    }

    /** One seek and one decoded picture per target; {@code pacing} is called before each. */
    private static List<Path> frames(Path src, List<Long> micros, List<Path> targets, Pacing pacing) {
        List<Path> written = new ArrayList<>();
        Java2DFrameConverter converter = new Java2DFrameConverter();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(src.toFile())) {
            g.start();
            if (!g.hasVideo() || g.getImageWidth() <= 0) {
                return written;
            }
            double scale = Math.min(1.0, Math.min((double) MAX_WIDTH / g.getImageWidth(),
                    (double) MAX_HEIGHT / g.getImageHeight()));
            g.setImageWidth(Math.max(2, (int) Math.round(g.getImageWidth() * scale)));
            g.setImageHeight(Math.max(2, (int) Math.round(g.getImageHeight() * scale)));
            long length = g.getLengthInTime();
            for (int i = 0; i < micros.size(); i++) {
                pacing.checkpoint();
                long t = micros.get(i);
                if (length > 0 && t > 0) {
                    // seeking to the very end yields no frame; stay a little before it
                    g.setTimestamp(Math.min(t, Math.max(0, length - 200_000)));
                }
                Frame f = g.grabImage();
                if (f == null) {
                    break;
                }
                BufferedImage img = converter.getBufferedImage(f);
                Files.createDirectories(targets.get(i).toAbsolutePath().getParent());
                if (!ImageIO.write(img, "jpg", targets.get(i).toFile())) {
                    throw new MediaException(VaultException.Kind.IO, "no JPEG writer in this JDK");
                }
                written.add(targets.get(i));
            }
            g.stop();
        } catch (FrameGrabber.Exception e) {
            throw new MediaException(VaultException.Kind.IO, "cannot read frames of " + src.getFileName(), e);
        } catch (IOException e) {
            throw new MediaException(VaultException.Kind.IO, "cannot write thumbnail: " + e.getMessage(), e);
        }
        return written;
    }
}
