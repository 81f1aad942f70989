package io.camvault.vault.media.ffmpeg;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import io.camvault.vault.VaultException;
import io.camvault.vault.media.MediaException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swresample;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;

/** Loads FFmpeg's natives; small helpers around libav* return codes and dictionaries, shared by this package. */
final class Av {

    /**
     * The FFmpeg libraries camvault uses, loaded here and nowhere else. Not libavdevice: it reads
     * capture devices, which camvault never does, and it links the sound server ({@code
     * libpulse.so.0}), ALSA and X11 from the system, which a server need not have. The daemon's jar
     * leaves it out (cli/pom.xml), so the natives need nothing from the system beyond libc,
     * libstdc++ and libudev.
     */
    static final List<Class<?>> LIBRARIES =
            List.of(avutil.class, swresample.class, avcodec.class, avformat.class, swscale.class);

    static {
        for (Class<?> library : LIBRARIES) {
            Loader.load(library); // an UnsatisfiedLinkError here is a real failure: FfmpegMediaTool.load()
        }
        // JavaCV's grabber and recorder run their own loader when their classes initialise: it loads
        // the same libraries, then tries libavdevice and keeps the error to itself when that is
        // missing (neither class uses it again). Initialise them now, so that their attempt happens
        // before the log level below is set, and never in the middle of a job.
        initialise(FFmpegFrameGrabber.class);
        initialise(FFmpegFrameRecorder.class);
        // FFmpeg logs every broken packet at warning level, and the grabber dumps each input's
        // format at info level, all to stderr; a truncated upload would flood the daemon's output.
        // Our own structured logs report what matters.
        av_log_set_level(AV_LOG_ERROR);
    }

    private Av() {
    }

    /** Forces the static initializer (natives, log level) before the first native call. */
    static void init() {
    }

    private static void initialise(Class<?> c) {
        try {
            Class.forName(c.getName(), true, c.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new NoClassDefFoundError(c.getName());
        }
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
