package io.camvault.vault.media.ffmpeg;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import io.camvault.vault.VaultException;
import io.camvault.vault.media.MediaException;
import java.nio.charset.StandardCharsets;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;

/** Small helpers around libav* return codes and dictionaries, shared by this package. */
final class Av {

    static {
        // FFmpeg logs every broken packet at warning level, and the grabber dumps each input's
        // format at info level, all to stderr; a truncated upload would flood the daemon's output.
        // Our own structured logs report what matters. JavaCV sets its own level when its classes
        // load, so load them first.
        try {
            FFmpegFrameGrabber.tryLoad();
            FFmpegFrameRecorder.tryLoad();
        } catch (FrameGrabber.Exception | FrameRecorder.Exception e) {
            throw new IllegalStateException("FFmpeg natives did not load: " + e.getMessage(), e);
        }
        av_log_set_level(AV_LOG_ERROR);
    }

    private Av() {
    }

    /** Forces the static initializer (log level) before the first native call. */
    static void init() {
    }

    static String error(int code) {
        byte[] buf = new byte[256];
        av_strerror(code, buf, buf.length);
        int n = 0;
        while (n < buf.length && buf[n] != 0) {
            n++;
        }
        return new String(buf, 0, n, StandardCharsets.UTF_8);
    }

    /** Throws a {@link MediaException} naming the step when {@code code} is an FFmpeg error. */
    static int check(int code, String step) {
        if (code < 0) {
            throw new MediaException(VaultException.Kind.IO, step + " failed: " + error(code));
        }
        return code;
    }

    static String tag(AVDictionary dict, String key) {
        if (dict == null || dict.isNull()) {
            return null;
        }
        AVDictionaryEntry e = avutil.av_dict_get(dict, key, null, 0);
        if (e == null || e.isNull() || e.value() == null) {
            return null;
        }
        String v = e.value().getString(StandardCharsets.UTF_8);
        return v.isBlank() ? null : v;
    }

    static String version() {
        return "javacv-1.5.14/ffmpeg-" + avutil.av_version_info().getString();
    }
}
