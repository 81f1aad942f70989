package io.camvault.vault.media.ffmpeg;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY8;

import io.camvault.vault.VaultException;
import io.camvault.vault.media.MediaException;
import io.camvault.vault.media.Pacing;
import io.camvault.vault.redaction.Box;
import io.camvault.vault.redaction.FaceFinder;
import io.camvault.vault.redaction.Keyframe;
import io.camvault.vault.redaction.Region;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleConsumer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;

/**
 * Faces with OpenCV's Haar cascade (bundled in the bytedeco OpenCV artifact, read from the jar: nothing
 * is downloaded). The video is decoded to grey and scaled down to {@link Settings#detectHeight} lines
 * in one swscale pass; the cascade runs on {@link Settings#perSecond} frames a second; detections
 * that follow on from each other (near the last box, within {@link Settings#maxGapMillis}) become
 * one moving region whose keyframes are the detections, so the box is interpolated between them
 * and covers the frames in between. Boxes are grown by {@link Settings#margin} on every side
 * (the cascade's box is tight around the eyes and mouth; hair and ears identify too).
 *
 * <p>Only OpenCV's core, imgproc and objdetect are used; highgui (which links GTK) is never loaded,
 * see {@link #withoutHighgui()}, so detection works on a server without GTK (tested with GTK hidden).
 */
public final class CascadeFaceFinder implements FaceFinder {
    static final String CASCADE = "/org/bytedeco/opencv/linux-x86_64/share/opencv4/haarcascades/haarcascade_frontalface_alt2.xml";

    /**
     * @param perSecond    detections per second of video (default 6)
     * @param detectHeight lines of the picture the cascade looks at (default 360)
     * @param minFace      smallest face, in lines of the source picture (default 48)
     * @param margin       how much each box grows on every side, as a fraction of its size (default 0.3)
     * @param maxGapMillis detections further apart in time start a new region (default 700 ms)
     */
    public record Settings(double perSecond, int detectHeight, int minFace, double margin, long maxGapMillis) {
        public static final Settings DEFAULT = new Settings(6, 360, 48, 0.3, 700);

        public Settings {
            if (perSecond <= 0 || perSecond > 60 || detectHeight < 120 || detectHeight > 2160 || minFace < 8
                    || margin < 0 || margin > 2 || maxGapMillis < 0) {
                throw new IllegalArgumentException("face detection settings out of range: " + perSecond + "/s, "
                        + detectHeight + " lines, min face " + minFace + ", margin " + margin + ", gap " + maxGapMillis);
            }
        }
    }

    private final Settings settings;
    private final Pacing pacing;
    private final File cascade;

    private CascadeFaceFinder(Settings settings, Pacing pacing, File cascade) {
        this.settings = settings;
        this.pacing = pacing;
        this.cascade = cascade;
    }

    /** Loads OpenCV's natives and the cascade now; UNAVAILABLE (saying why) if they do not load here. */
    public static CascadeFaceFinder load(Settings settings, Pacing pacing) {
        Av.init();
        try {
            withoutHighgui();
            File xml = Loader.cacheResource(CascadeFaceFinder.class, CASCADE);
            try (CascadeClassifier probe = new CascadeClassifier(xml.getAbsolutePath())) {
                if (probe.empty()) {
                    throw new MediaException(VaultException.Kind.UNAVAILABLE, "face cascade did not load from " + xml);
                }
            }
            return new CascadeFaceFinder(settings, pacing, xml);
        } catch (IOException | LinkageError | IllegalStateException e) {
            throw new MediaException(VaultException.Kind.UNAVAILABLE, "OpenCV's face detection did not load: " + e, e);
        }
    }

    /**
     * JavaCPP initialises every class the objdetect preset inherits, highgui among them, and highgui's
     * natives link GTK, which a server need not have: the load would fail there although detection never
     * touches highgui. So highgui's class is initialised first with library loading switched off (its
     * static block then loads nothing); objdetect's own loading then finds it initialised and goes on.
     * The switch is a system property JavaCPP reads on each load, held under Loader's lock.
     */
    private static void withoutHighgui() {
        synchronized (Loader.class) {
            String key = "org.bytedeco.javacpp.loadlibraries";
            String before = System.getProperty(key);
            System.setProperty(key, "false");
            try {
                Class.forName("org.bytedeco.opencv.global.opencv_highgui", true, CascadeFaceFinder.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("OpenCV's presets are not on the class path", e);
            } finally {
                if (before == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, before);
                }
            }
        }
    }

    public CascadeFaceFinder paced(Pacing p) {
        return new CascadeFaceFinder(settings, p, cascade);
    }

    @Override
    public List<Region> find(Path video, DoubleConsumer progress) {
        List<Track> open = new ArrayList<>();
        List<Track> done = new ArrayList<>();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(video.toFile());
             CascadeClassifier classifier = new CascadeClassifier(cascade.getAbsolutePath());
             OpenCVFrameConverter.ToMat toMat = new OpenCVFrameConverter.ToMat();
             Mat equalized = new Mat(); RectVector found = new RectVector()) {
            g.setPixelFormat(AV_PIX_FMT_GRAY8);
            g.setVideoOption("threads", "auto");
            g.start();
            int srcW = g.getImageWidth();
            int srcH = g.getImageHeight();
            if (!g.hasVideo() || srcW <= 0 || srcH <= 0) {
                return List.of();
            }
            int h = Math.min(srcH, settings.detectHeight());
            double scale = (double) srcH / h;
            g.setImageHeight(h);
            g.setImageWidth(Math.max(2, (int) Math.round(srcW / scale)));
            long duration = Math.max(1, g.getLengthInTime());
            long interval = Math.round(1_000_000 / settings.perSecond());
            long next = 0;
            int minFace = Math.max(12, (int) Math.round(settings.minFace() / scale));
            Size min = new Size(minFace, minFace);
            Size max = new Size();
            Frame f;
            while ((f = g.grabImage()) != null) {
                pacing.checkpoint();
                if (f.timestamp < next) {
                    continue;
                }
                next = f.timestamp + interval;
                Mat gray = toMat.convert(f);
                opencv_imgproc.equalizeHist(gray, equalized);
                classifier.detectMultiScale(equalized, found, 1.1, 3, 0, min, max);
                long millis = f.timestamp / 1000;
                for (long i = 0; i < found.size(); i++) {
                    Rect r = found.get(i);
                    Box b = new Box((int) Math.round(r.x() * scale), (int) Math.round(r.y() * scale),
                            (int) Math.round(r.width() * scale), (int) Math.round(r.height() * scale))
                            .grow(settings.margin());
                    attach(open, millis, b);
                }
                close(open, done, millis);
                progress.accept(Math.min(1, (double) f.timestamp / duration));
            }
            close(open, done, Long.MAX_VALUE);
            g.stop();
        } catch (FrameGrabber.Exception e) {
            throw new MediaException(VaultException.Kind.IO, "face detection could not read " + video.getFileName()
                    + ": " + e.getMessage(), e);
        }
        long reach = Math.round(1000 / settings.perSecond());
        List<Region> regions = new ArrayList<>();
        for (Track t : done) {
            regions.add(t.region(reach));
        }
        return regions;
    }

    /** At most this many detections between two keyframes, so thinning stays linear in the video's length. */
    private static final int MAX_SPAN = 600;

    private static boolean fits(List<Keyframe> all, int from, int to) {
        Keyframe a = all.get(from);
        Keyframe c = all.get(to);
        for (int i = from + 1; i < to; i++) {
            Keyframe k = all.get(i);
            double f = (double) (k.t() - a.t()) / (c.t() - a.t());
            double tolerance = Math.max(2, 0.1 * Math.min(k.w(), k.h()));
            if (Math.abs(a.x() + (c.x() - a.x()) * f - k.x()) > tolerance
                    || Math.abs(a.y() + (c.y() - a.y()) * f - k.y()) > tolerance
                    || Math.abs(a.w() + (c.w() - a.w()) * f - k.w()) > tolerance
                    || Math.abs(a.h() + (c.h() - a.h()) * f - k.h()) > tolerance) {
                return false;
            }
        }
        return true;
    }

    private void attach(List<Track> open, long millis, Box b) {
        Track best = null;
        double bestDistance = Double.MAX_VALUE;
        for (Track t : open) {
            Keyframe last = t.last();
            if (last.t() == millis || millis - last.t() > settings.maxGapMillis()) {
                continue;
            }
            double dx = (last.x() + last.w() / 2.0) - (b.x() + b.w() / 2.0);
            double dy = (last.y() + last.h() / 2.0) - (b.y() + b.h() / 2.0);
            double d = Math.hypot(dx, dy);
            if (d < Math.max(last.w(), last.h()) && d < bestDistance) {
                best = t;
                bestDistance = d;
            }
        }
        if (best == null) {
            best = new Track();
            open.add(best);
        }
        best.keyframes.add(new Keyframe(millis, b.x(), b.y(), b.w(), b.h()));
    }

    private void close(List<Track> open, List<Track> done, long now) {
        for (var it = open.iterator(); it.hasNext(); ) {
            Track t = it.next();
            if (now == Long.MAX_VALUE || now - t.last().t() > settings.maxGapMillis()) {
                done.add(t);
                it.remove();
            }
        }
    }

    /** Detections of one face over time. */
    private static final class Track {
        final List<Keyframe> keyframes = new ArrayList<>();

        Keyframe last() {
            return keyframes.get(keyframes.size() - 1);
        }

        /** Covers from half a sample before the first detection to a whole sample after the last. */
        Region region(long reachMillis) {
            long from = Math.max(0, keyframes.get(0).t() - reachMillis / 2);
            long to = last().t() + reachMillis;
            return new Region(from, to, Region.AUTO_FACES, thinned(keyframes));
        }
    }

    /**
     * Drops keyframes that the line between their neighbours already places within a tenth of the box
     * size, so an hour of a steady face is a few keyframes, not 20 000; moving faces keep what they need.
     */
    static List<Keyframe> thinned(List<Keyframe> all) {
        if (all.size() <= 2) {
            return all;
        }
        List<Keyframe> kept = new ArrayList<>();
        kept.add(all.get(0));
        int from = 0;
        for (int to = 2; to < all.size(); to++) {
            // a segment ends where a straight line from its start stops placing every detection in it
            if (to - from > MAX_SPAN || !fits(all, from, to)) {
                from = to - 1;
                kept.add(all.get(from));
            }
        }
        kept.add(all.get(all.size() - 1));
        return kept;
    }
}
