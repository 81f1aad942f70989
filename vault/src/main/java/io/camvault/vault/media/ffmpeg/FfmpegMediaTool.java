package io.camvault.vault.media.ffmpeg;

import io.camvault.vault.VaultException;
import io.camvault.vault.media.MediaException;
import io.camvault.vault.media.MediaFacts;
import io.camvault.vault.media.MediaTool;
import io.camvault.vault.media.Pacing;
import io.camvault.vault.media.ProxySettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import io.camvault.vault.redaction.RedactionSpec;
import io.camvault.vault.redaction.FaceFinder;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MediaTool} on JavaCV/FFmpeg, with the natives JavaCPP unpacks from the classpath. A
 * {@link #paced paced} copy calls its {@link Pacing} between frames (transcode, thumbnails) and
 * packets (remux, fast clips); probing is a few milliseconds and is never paced.
 */
public final class FfmpegMediaTool implements MediaTool {

    private static final Logger LOG = LoggerFactory.getLogger(FfmpegMediaTool.class);
    private static final String GPL_NATIVES = "/org/bytedeco/ffmpeg/linux-x86_64-gpl/";

    static {
        // The default natives (LGPL) encode H.264 with libopenh264 only. A deployment that accepts
        // GPL terms may put FFmpeg's linux-x86_64-gpl natives on the classpath (vault profile
        // gpl-codecs) to get libx264; JavaCPP loads them only when told the platform extension, and
        // must be told before its first native load, which is here.
        if (System.getProperty("org.bytedeco.javacpp.platform.extension") == null
                && FfmpegMediaTool.class.getResource(GPL_NATIVES + "libjniavcodec.so") != null) {
            System.setProperty("org.bytedeco.javacpp.platform.extension", "-gpl");
        }
    }

    private final Pacing pacing;
    /** Loaded on first use, once per process: OpenCV's natives are 50 MB the daemon may never need. */
    private static volatile Optional<CascadeFaceFinder> faces;

    public FfmpegMediaTool() {
        this(Pacing.NONE);
    }

    /**
     * The tool, or a {@link MediaException} (kind {@code UNAVAILABLE}) saying why FFmpeg's natives
     * did not load, for a caller that can run without media work: a machine they cannot load on
     * (another platform, a damaged jar, a native cache it cannot write) fails here, not on its
     * first upload.
     */
    public static FfmpegMediaTool load() {
        try {
            return new FfmpegMediaTool();
        } catch (LinkageError | IllegalStateException e) {
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            throw new MediaException(VaultException.Kind.UNAVAILABLE,
                    "FFmpeg's native libraries did not load: " + cause, e);
        }
    }

    private FfmpegMediaTool(Pacing pacing) {
        Av.init(); // loads the natives on first use; a LinkageError here leaves this class usable for load()
        this.pacing = pacing;
    }

    @Override
    public MediaTool paced(Pacing p) {
        return new FfmpegMediaTool(p);
    }

    @Override
    public MediaFacts probe(Path src) {
        requireReadable(src);
        try {
            return FfmpegProbe.probe(src);
        } catch (RuntimeException e) {
            // a probe must never take the media worker down; the segment stays, marked unplayable
            LOG.warn("media.probe_failed file={} error={}", src.getFileName(), e.toString());
            return MediaFacts.unplayable(io.camvault.vault.model.MediaKind.fromFileName(
                    src.getFileName().toString()), "probe failed: " + e.getMessage());
        }
    }

    @Override
    public void remux(Path src, Path dst) {
        requireReadable(src);
        PacketCopier.copy(src, dst, -1, -1, pacing);
    }

    @Override
    public void transcode(Path src, Path dst, ProxySettings settings) {
        requireReadable(src);
        Transcoder.transcode(src, dst, settings, -1, -1, pacing);
    }

    @Override
    public void thumbnail(Path src, Duration at, Path dstJpeg) {
        requireReadable(src);
        Thumbnailer.thumbnail(src, at.isNegative() ? Duration.ZERO : at, dstJpeg, pacing);
    }

    @Override
    public List<Path> strip(Path src, Duration interval, Path dir) {
        requireReadable(src);
        return Thumbnailer.strip(src, interval, dir, pacing);
    }

    @Override
    public void clip(Path src, Duration from, Duration to, Path dst, boolean exact) {
        requireReadable(src);
        if (from.isNegative() || to.compareTo(from) <= 0) {
            throw new MediaException(VaultException.Kind.INVALID,
                    "clip needs 0 <= from < to, got " + from + " .. " + to);
        }
        long f = from.toNanos() / 1000;
        long t = to.toNanos() / 1000;
        if (exact) {
            // an exact clip keeps the source size and roughly its bit rate: it may become evidence
            long sourceRate = FfmpegProbe.probe(src).bitRate();
            int rate = (int) Math.max(1_000_000, Math.min(20_000_000, sourceRate));
            Transcoder.transcode(src, dst, new ProxySettings(0, null, "veryfast", rate, 128_000, 2), f, t, pacing);
        } else {
            PacketCopier.copy(src, dst, f, t, pacing);
        }
    }

    @Override
    public void redact(Path src, Path dst, RedactionSpec spec, LongConsumer progress) {
        requireReadable(src);
        Redactor.render(src, dst, spec, redactionSettings(src), pacing, progress);
    }

    /**
     * A redacted copy keeps the source size and roughly its bit rate (it may be published and must
     * stay watchable), x264 {@code veryfast} like exact clips, a keyframe every 2 s.
     */
    static ProxySettings redactionSettings(Path src) {
        long sourceRate = FfmpegProbe.probe(src).bitRate();
        int rate = (int) Math.max(1_000_000, Math.min(20_000_000, sourceRate));
        return new ProxySettings(0, null, "veryfast", rate, 128_000, 2);
    }

    @Override
    public Optional<FaceFinder> faceFinder() {
        Optional<CascadeFaceFinder> f = faces;
        if (f == null) {
            synchronized (FfmpegMediaTool.class) {
                if (faces == null) {
                    try {
                        faces = Optional.of(CascadeFaceFinder.load(CascadeFaceFinder.Settings.DEFAULT, Pacing.NONE));
                    } catch (MediaException e) {
                        LOG.warn("media.face_detection_unavailable error=\"{}\"", e.getMessage());
                        faces = Optional.empty();
                    }
                }
                f = faces;
            }
        }
        return f.map(x -> x.paced(pacing));
    }

    @Override
    public String version() {
        return Av.version();
    }

    /** The H.264 encoder proxies use when {@link ProxySettings#videoEncoder()} is null. */
    public static String defaultVideoEncoder() {
        return Transcoder.defaultEncoder();
    }

    private static void requireReadable(Path src) {
        if (!Files.isReadable(src)) {
            throw new MediaException(VaultException.Kind.NOT_FOUND, "no readable file " + src);
        }
    }
}
