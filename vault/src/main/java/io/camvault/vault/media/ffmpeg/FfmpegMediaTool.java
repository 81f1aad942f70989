package io.camvault.vault.media.ffmpeg;

import io.camvault.vault.VaultException;
import io.camvault.vault.media.MediaException;
import io.camvault.vault.media.MediaFacts;
import io.camvault.vault.media.MediaTool;
import io.camvault.vault.media.ProxySettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link MediaTool} on JavaCV/FFmpeg, with the natives JavaCPP unpacks from the classpath. */
public final class FfmpegMediaTool implements MediaTool {

    private static final Logger LOG = LoggerFactory.getLogger(FfmpegMediaTool.class);

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
        PacketCopier.copy(src, dst, -1, -1);
    }

    @Override
    public void transcode(Path src, Path dst, ProxySettings settings) {
        requireReadable(src);
        Transcoder.transcode(src, dst, settings, -1, -1);
    }

    @Override
    public void thumbnail(Path src, Duration at, Path dstJpeg) {
        requireReadable(src);
        Thumbnailer.thumbnail(src, at.isNegative() ? Duration.ZERO : at, dstJpeg);
    }

    @Override
    public List<Path> strip(Path src, Duration interval, Path dir) {
        requireReadable(src);
        return Thumbnailer.strip(src, interval, dir);
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
            Transcoder.transcode(src, dst, ProxySettings.DEFAULT.withHeight(0), f, t);
        } else {
            PacketCopier.copy(src, dst, f, t);
        }
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
