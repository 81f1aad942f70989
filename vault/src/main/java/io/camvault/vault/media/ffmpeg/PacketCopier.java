package io.camvault.vault.media.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_NOFILE;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_ATTACHED_PIC;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import io.camvault.vault.media.Pacing;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Stream copy with libavformat: the remux (whole file) and the fast clip (a window starting at the
 * keyframe at or before {@code from}). No decoder is opened, so it runs at disk speed. Written on
 * the raw API rather than FFmpegFrameGrabber.grabPacket/recordPacket because we need the seek, the
 * per-stream timestamp shift and the muxer flags ({@code +faststart}) under our control.
 */
final class PacketCopier {

    private static final AVRational MICROS = av_make_q(1, AV_TIME_BASE);

    private PacketCopier() {
    }

    /**
     * Copies audio and video packets of {@code src} into an MP4 at {@code dst} with the index up
     * front. With {@code fromMicros >= 0} it starts at the keyframe at or before that instant and
     * shifts timestamps to start at zero; packets after {@code toMicros} (when >= 0) are dropped.
     */
    static void copy(Path src, Path dst, long fromMicros, long toMicros, Pacing pacing) {
        Av.init();
        AVFormatContext in = new AVFormatContext(null);
        Av.check(avformat_open_input(in, src.toString(), null, null), "open " + src.getFileName());
        AVFormatContext out = new AVFormatContext(null);
        AVPacket pkt = av_packet_alloc();
        try {
            Av.check(avformat_find_stream_info(in, (PointerPointer<?>) null), "read stream info");
            Av.check(avformat_alloc_output_context2(out, null, "mp4", dst.toString()), "create MP4 muxer");
            int[] map = mapStreams(in, out);
            AVDictionary meta = new AVDictionary(null);
            av_dict_copy(meta, in.metadata(), 0);
            out.metadata(meta);
            if ((out.oformat().flags() & AVFMT_NOFILE) == 0) {
                AVIOContext pb = new AVIOContext(null);
                Av.check(avio_open(pb, dst.toString(), AVIO_FLAG_WRITE), "open " + dst.getFileName());
                out.pb(pb);
            }
            AVDictionary opts = new AVDictionary(null);
            // faststart: moov before mdat so a browser starts playing before the whole file arrives;
            // use_metadata_tags keeps custom keys such as the ISO 6709 location.
            av_dict_set(opts, "movflags", "+faststart+use_metadata_tags", 0);
            try {
                Av.check(avformat_write_header(out, opts), "write MP4 header");
            } finally {
                av_dict_free(opts);
            }
            if (fromMicros > 0) {
                Av.check(av_seek_frame(in, -1, fromMicros, AVSEEK_FLAG_BACKWARD), "seek");
            }
            pump(in, out, map, pkt, fromMicros >= 0, toMicros, pacing);
            Av.check(av_write_trailer(out), "write MP4 index");
        } finally {
            av_packet_free(pkt);
            if (!out.isNull() && out.pb() != null && !out.pb().isNull()) {
                avio_closep(out.pb());
            }
            avformat_free_context(out);
            avformat_close_input(in);
        }
    }

    private static int[] mapStreams(AVFormatContext in, AVFormatContext out) {
        int[] map = new int[in.nb_streams()];
        int next = 0;
        for (int i = 0; i < map.length; i++) {
            AVStream is = in.streams(i);
            int type = is.codecpar().codec_type();
            boolean keep = (type == AVMEDIA_TYPE_VIDEO && (is.disposition() & AV_DISPOSITION_ATTACHED_PIC) == 0)
                    || type == AVMEDIA_TYPE_AUDIO;
            if (!keep) {
                map[i] = -1; // timecode, data and subtitle tracks do not play in a browser
                continue;
            }
            AVStream os = avformat_new_stream(out, null);
            Av.check(avcodec_parameters_copy(os.codecpar(), is.codecpar()), "copy codec parameters");
            os.codecpar().codec_tag(0); // let the MP4 muxer choose its own tag (e.g. AVI's MJPG)
            os.time_base(is.time_base());
            map[i] = next++;
        }
        if (next == 0) {
            throw new io.camvault.vault.media.MediaException(io.camvault.vault.VaultException.Kind.INVALID,
                    "no audio or video stream to copy");
        }
        return map;
    }

    private static void pump(AVFormatContext in, AVFormatContext out, int[] map, AVPacket pkt,
                             boolean rebase, long toMicros, Pacing pacing) {
        long offsetMicros = Long.MIN_VALUE;
        boolean[] finished = new boolean[map.length];
        int open = 0;
        for (int m : map) {
            open += m >= 0 ? 1 : 0;
        }
        while (open > 0) {
            pacing.checkpoint();
            if (av_read_frame(in, pkt) < 0) {
                break;
            }
            int si = pkt.stream_index();
            if (si >= map.length || map[si] < 0 || finished[si]) {
                av_packet_unref(pkt);
                continue;
            }
            AVStream is = in.streams(si);
            long ts = pkt.pts() != AV_NOPTS_VALUE ? pkt.pts() : pkt.dts();
            long micros = ts == AV_NOPTS_VALUE ? Long.MIN_VALUE : av_rescale_q(ts, is.time_base(), MICROS);
            if (rebase && offsetMicros == Long.MIN_VALUE) {
                // the first video keyframe after the seek fixes the clip's zero; audio before it is dropped
                boolean key = (pkt.flags() & org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY) != 0;
                boolean isVideo = is.codecpar().codec_type() == AVMEDIA_TYPE_VIDEO;
                if (micros == Long.MIN_VALUE || (hasVideo(in, map) && !(isVideo && key))) {
                    av_packet_unref(pkt);
                    continue;
                }
                offsetMicros = micros;
            }
            if (toMicros >= 0 && micros != Long.MIN_VALUE && micros > toMicros) {
                finished[si] = true;
                open--;
                av_packet_unref(pkt);
                continue;
            }
            if (rebase && micros != Long.MIN_VALUE && micros < offsetMicros
                    && is.codecpar().codec_type() == AVMEDIA_TYPE_AUDIO) {
                av_packet_unref(pkt);
                continue;
            }
            if (rebase) {
                long shift = av_rescale_q(offsetMicros, MICROS, is.time_base());
                if (pkt.pts() != AV_NOPTS_VALUE) {
                    pkt.pts(pkt.pts() - shift);
                }
                if (pkt.dts() != AV_NOPTS_VALUE) {
                    pkt.dts(pkt.dts() - shift);
                }
            }
            AVStream os = out.streams(map[si]);
            av_packet_rescale_ts(pkt, is.time_base(), os.time_base());
            pkt.stream_index(map[si]);
            pkt.pos(-1);
            Av.check(av_interleaved_write_frame(out, pkt), "write packet");
        }
    }

    private static boolean hasVideo(AVFormatContext in, int[] map) {
        for (int i = 0; i < map.length; i++) {
            if (map[i] >= 0 && in.streams(i).codecpar().codec_type() == AVMEDIA_TYPE_VIDEO) {
                return true;
            }
        }
        return false;
    }
}
