package io.camvault.vault.media.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_get;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_profile_name;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_ATTACHED_PIC;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_display_rotation_get;

import io.camvault.vault.media.BrowserSupport;
import io.camvault.vault.media.MediaFacts;
import io.camvault.vault.media.Playability;
import io.camvault.vault.model.MediaKind;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Reads container and stream headers with libavformat directly (not FFmpegFrameGrabber): the grabber
 * opens decoders and converters we do not need, and hides the profile and side data we do.
 */
final class FfmpegProbe {

    private FfmpegProbe() {
    }

    static MediaFacts probe(Path src) {
        Av.init();
        AVFormatContext ctx = new AVFormatContext(null);
        int rc = avformat_open_input(ctx, src.toString(), null, null);
        if (rc < 0) {
            return MediaFacts.unplayable(MediaKind.fromFileName(src.getFileName().toString()),
                    "not readable as media (" + Av.error(rc) + "): truncated, corrupt or unknown format");
        }
        try {
            rc = avformat_find_stream_info(ctx, (PointerPointer<?>) null);
            if (rc < 0) {
                return MediaFacts.unplayable(MediaKind.fromFileName(src.getFileName().toString()),
                        "stream headers unreadable (" + Av.error(rc) + ")");
            }
            return BrowserSupport.judge(read(ctx));
        } finally {
            avformat_close_input(ctx);
        }
    }

    private static MediaFacts read(AVFormatContext ctx) {
        String container = ctx.iformat().name().getString();
        AVStream video = null;
        AVStream audio = null;
        for (int i = 0; i < ctx.nb_streams(); i++) {
            AVStream st = ctx.streams(i);
            int type = st.codecpar().codec_type();
            // cover art in an audio file is a one-frame "video" stream; it does not make a video
            if (type == AVMEDIA_TYPE_VIDEO && video == null && (st.disposition() & AV_DISPOSITION_ATTACHED_PIC) == 0) {
                video = st;
            } else if (type == AVMEDIA_TYPE_AUDIO && audio == null) {
                audio = st;
            }
        }
        boolean photo = video != null && audio == null
                && (container.equals("image2") || container.endsWith("_pipe"));
        MediaKind kind = photo ? MediaKind.PHOTO : video != null ? MediaKind.VIDEO
                : audio != null ? MediaKind.AUDIO : MediaKind.OTHER;

        long duration = ctx.duration() == AV_NOPTS_VALUE || photo ? 0 : ctx.duration() * 1000 / AV_TIME_BASE;
        String videoCodec = null;
        String profile = null;
        int width = 0;
        int height = 0;
        double fps = 0;
        int rotation = 0;
        if (video != null) {
            AVCodecParameters p = video.codecpar();
            videoCodec = avcodec_get_name(p.codec_id()).getString();
            profile = profileName(p);
            width = p.width();
            height = p.height();
            fps = photo ? 0 : rate(video.avg_frame_rate());
            rotation = rotation(video);
        }
        String audioCodec = null;
        int sampleRate = 0;
        int channels = 0;
        if (audio != null) {
            AVCodecParameters p = audio.codecpar();
            audioCodec = avcodec_get_name(p.codec_id()).getString();
            sampleRate = p.sample_rate();
            channels = p.ch_layout().nb_channels();
        }
        String location = Av.tag(ctx.metadata(), "location");
        if (location == null) {
            location = Av.tag(ctx.metadata(), "com.apple.quicktime.location.ISO6709");
        }
        return new MediaFacts(kind, container, duration, videoCodec, profile, width, height, fps,
                Math.max(0, ctx.bit_rate()), rotation, audioCodec, sampleRate, channels,
                instant(Av.tag(ctx.metadata(), "creation_time")), location, Playability.PLAYABLE, null);
    }

    private static String profileName(AVCodecParameters p) {
        BytePointer name = avcodec_profile_name(p.codec_id(), p.profile());
        return name == null || name.isNull() ? null : name.getString();
    }

    private static double rate(AVRational r) {
        return r.den() == 0 ? 0 : (double) r.num() / r.den();
    }

    /** Clockwise degrees from the display matrix (FFmpeg reports counter-clockwise). */
    private static int rotation(AVStream st) {
        AVCodecParameters p = st.codecpar();
        AVPacketSideData sd = av_packet_side_data_get(p.coded_side_data(), p.nb_coded_side_data(),
                AV_PKT_DATA_DISPLAYMATRIX);
        if (sd == null || sd.isNull() || sd.data() == null || sd.size() < 36) {
            return 0;
        }
        double ccw = av_display_rotation_get(new IntPointer(sd.data()));
        if (Double.isNaN(ccw)) {
            return 0;
        }
        long cw = Math.round(-ccw);
        return (int) (((cw % 360) + 360) % 360);
    }

    private static Instant instant(String tag) {
        if (tag == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(tag).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(tag);
            } catch (DateTimeParseException again) {
                return null; // a recorder's odd date format must not make the file unplayable
            }
        }
    }
}
