package io.camvault.vault.media.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;

import io.camvault.vault.VaultException;
import io.camvault.vault.media.MediaException;
import io.camvault.vault.media.Pacing;
import io.camvault.vault.media.ProxySettings;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Decode → scale → encode with FFmpegFrameGrabber/FFmpegFrameRecorder: proxies and exact clips.
 * The grabber converts straight to YUV 4:2:0 at the target size (one swscale pass, as the ffmpeg
 * CLI's scale filter does) so the recorder encodes without a second conversion; both sides ask
 * libavcodec for automatic thread counts, which is what the CLI does and what libavcodec does not
 * do by default.
 */
final class Transcoder {

    private static final String X264 = "libx264";
    private static final String OPENH264 = "libopenh264";
    private static final int QUEUE_FRAMES = 16;
    private static final Frame END = new Frame();

    private Transcoder() {
    }

    /** The H.264 encoder to use when settings leave it open: x264 if the natives carry it. */
    static String defaultEncoder() {
        Av.init();
        var x264 = avcodec_find_encoder_by_name(X264);
        return x264 != null && !x264.isNull() ? X264 : OPENH264;
    }

    /**
     * Transcodes {@code [fromMicros, toMicros]} (whole file when from < 0 / to < 0) to H.264/AAC MP4,
     * calling {@code pacing} before each frame is decoded and before each is encoded.
     */
    static void transcode(Path src, Path dst, ProxySettings settings, long fromMicros, long toMicros,
                          Pacing pacing) {
        transcode(src, dst, settings, fromMicros, toMicros, pacing, FrameEdit.NONE);
    }

    /** As above, with {@code edit} applied to every decoded frame (on the decoding thread) before encoding. */
    static void transcode(Path src, Path dst, ProxySettings settings, long fromMicros, long toMicros,
                          Pacing pacing, FrameEdit edit) {
        String encoder = settings.videoEncoder() != null ? settings.videoEncoder() : defaultEncoder();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(src.toFile())) {
            g.setPixelFormat(AV_PIX_FMT_YUV420P);
            // Bilinear is JavaCV's default too, named here because it is a setting: the ffmpeg CLI's
            // scale filter defaults to bicubic, so a like-for-like comparison must ask it for bilinear.
            g.setImageScalingFlags(SWS_BILINEAR);
            g.setVideoOption("threads", "auto");
            g.start();
            boolean video = g.hasVideo() && g.getImageWidth() > 0;
            int width = 0;
            int height = 0;
            if (video) {
                height = settings.height() == 0 ? even(g.getImageHeight()) : settings.height();
                width = even((int) Math.round((double) g.getImageWidth() * height / g.getImageHeight()));
                g.setImageWidth(width);
                g.setImageHeight(height);
            }
            int channels = g.hasAudio() ? Math.min(2, g.getAudioChannels()) : 0;
            try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(dst.toFile(), width, height, channels)) {
                configure(r, g, settings, encoder, video, channels);
                r.start();
                long base = 0;
                if (fromMicros > 0) {
                    g.setTimestamp(fromMicros);
                    base = fromMicros;
                }
                pump(g, r, base, toMicros, pacing, edit);
                r.stop();
            }
            g.stop();
        } catch (FrameGrabber.Exception | FrameRecorder.Exception e) {
            throw new MediaException(VaultException.Kind.IO,
                    "transcode of " + src.getFileName() + " failed: " + e.getMessage(), e);
        }
    }

    private static void configure(FFmpegFrameRecorder r, FFmpegFrameGrabber g, ProxySettings s,
                                  String encoder, boolean video, int channels) {
        r.setFormat("mp4");
        r.setOption("movflags", "+faststart");
        r.setMetadata(g.getMetadata());
        if (video) {
            double fps = g.getFrameRate() > 0 && g.getFrameRate() < 241 ? g.getFrameRate() : 30;
            r.setVideoCodecName(encoder);
            r.setPixelFormat(AV_PIX_FMT_YUV420P);
            r.setFrameRate(fps);
            r.setVideoBitrate(s.videoBitRate());
            r.setGopSize((int) Math.max(1, Math.round(fps * s.gopSeconds())));
            r.setVideoOption("threads", "auto");
            if (X264.equals(encoder) && s.preset() != null) {
                r.setVideoOption("preset", s.preset());
            }
            r.setDisplayRotation(g.getDisplayRotation());
        }
        if (channels > 0) {
            r.setAudioCodec(AV_CODEC_ID_AAC);
            r.setAudioBitrate(s.audioBitRate());
            r.setSampleRate(g.getSampleRate());
            r.setAudioChannels(channels);
        }
    }

    private static void pump(FFmpegFrameGrabber g, FFmpegFrameRecorder r, long base, long toMicros, Pacing pacing,
                             FrameEdit edit)
            throws FrameGrabber.Exception, FrameRecorder.Exception {
        // Decoding (with scaling) and encoding each take about half the work; run them on two
        // threads like the ffmpeg CLI does, or one waits for the other and a core sits idle.
        // The grabber reuses its buffers, so frames cross the queue as copies (480p: ~0.6 MB each).
        BlockingQueue<Frame> queue = new ArrayBlockingQueue<>(QUEUE_FRAMES);
        AtomicReference<Exception> failure = new AtomicReference<>();
        PackedYuv packer = new PackedYuv(QUEUE_FRAMES + 4);
        Thread decoder = new Thread(() -> decode(g, queue, packer, toMicros, pacing, edit, failure),
                "media-decode");
        decoder.setDaemon(true);
        decoder.start();
        try {
            while (true) {
                pacing.checkpoint(); // held with the decoder, so the queue waits full instead of draining
                Frame f = queue.take();
                if (f == END) {
                    break;
                }
                if (f.image != null) {
                    long ts = f.timestamp - base;
                    if (ts > r.getTimestamp()) {
                        r.setTimestamp(ts); // follow the source clock, so variable frame rates stay in sync
                    }
                    r.record(f, AV_PIX_FMT_YUV420P);
                    packer.release(f);
                } else {
                    if (f.samples != null && r.getAudioChannels() > 0) {
                        r.record(f);
                    }
                    f.close();
                }
            }
            decoder.join();
        } catch (InterruptedException e) {
            decoder.interrupt();
            Thread.currentThread().interrupt();
            throw new FrameRecorder.Exception("interrupted", e);
        } finally {
            if (decoder.isAlive()) {
                decoder.interrupt();
                queue.clear();
                // it may be inside the grabber, which our caller closes next: wait until it is out
                awaitEnd(decoder);
            }
        }
        Exception e = failure.get();
        if (e instanceof FrameGrabber.Exception ge) {
            throw ge;
        } else if (e != null) {
            throw new FrameGrabber.Exception("decoding failed: " + e.getMessage(), e);
        }
    }

    /** Joins {@code t} even if interrupted meanwhile (the interrupt is kept for later). */
    private static void awaitEnd(Thread t) {
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void decode(FFmpegFrameGrabber g, BlockingQueue<Frame> queue, PackedYuv packer,
                               long toMicros, Pacing pacing, FrameEdit edit, AtomicReference<Exception> failure) {
        try {
            try {
                while (true) {
                    // holding the decoder holds the encoder too, once it has drained the queue
                    pacing.checkpoint();
                    Frame f = g.grabFrame(true, true, true, false, false);
                    if (f == null || (toMicros >= 0 && f.timestamp > toMicros)) {
                        break;
                    }
                    if (f.image != null) {
                        Frame packed = packer.copy(f);
                        edit.video(packed);
                        queue.put(packed);
                    } else if (f.samples != null) {
                        Frame copy = f.clone();
                        edit.audio(copy, g.getSampleRate());
                        queue.put(copy);
                    }
                }
            } catch (Exception e) {
                failure.set(e);
            }
            queue.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int even(int n) {
        return Math.max(2, n - (n & 1));
    }
}
