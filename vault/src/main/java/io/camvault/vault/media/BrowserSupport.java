package io.camvault.vault.media;

import io.camvault.vault.model.MediaKind;
import java.util.Locale;
import java.util.Set;

/**
 * The pure rules for "can a browser play this after a stream-copy remux". Kept to what every
 * current browser plays through a plain {@code <video>} element: H.264 in 8-bit 4:2:0 profiles and
 * AAC (or MP3) audio, in an MP4/MOV container. Anything else decodes fine with FFmpeg but needs a
 * transcode; HEVC is deliberately not trusted because support depends on OS and hardware.
 */
public final class BrowserSupport {

    private static final Set<String> H264_PROFILES =
            Set.of("baseline", "constrained baseline", "main", "high", "extended");
    private static final Set<String> AUDIO_CODECS = Set.of("aac", "mp3");
    private static final Set<String> PHOTO_CODECS = Set.of("mjpeg", "png", "webp", "gif");

    private BrowserSupport() {
    }

    /** Returns the facts with {@link MediaFacts#playability()} and the reason filled in. */
    public static MediaFacts judge(MediaFacts f) {
        if (f.playability() == Playability.UNPLAYABLE) {
            return f;
        }
        if (!f.hasVideo() && !f.hasAudio()) {
            return f.withPlayability(Playability.UNPLAYABLE, "no audio or video stream");
        }
        if (f.hasVideo() && (f.width() <= 0 || f.height() <= 0)) {
            return f.withPlayability(Playability.UNPLAYABLE, "video stream without dimensions");
        }
        if (f.kind() == MediaKind.PHOTO) {
            return PHOTO_CODECS.contains(f.videoCodec())
                    ? f.withPlayability(Playability.PLAYABLE, null)
                    : f.withPlayability(Playability.NEEDS_TRANSCODE,
                            "photo format " + f.videoCodec() + " is not shown by browsers");
        }
        if (!isMp4Family(f.container())) {
            return f.withPlayability(Playability.NEEDS_TRANSCODE,
                    "container " + f.container() + " is not streamable in browsers");
        }
        if (f.hasVideo() && !"h264".equals(f.videoCodec())) {
            return f.withPlayability(Playability.NEEDS_TRANSCODE,
                    "video codec " + f.videoCodec() + " is not playable in every browser");
        }
        if (f.hasVideo() && (f.videoProfile() == null
                || !H264_PROFILES.contains(f.videoProfile().toLowerCase(Locale.ROOT)))) {
            return f.withPlayability(Playability.NEEDS_TRANSCODE,
                    "H.264 profile " + f.videoProfile() + " is not playable in every browser");
        }
        if (f.hasAudio() && !AUDIO_CODECS.contains(f.audioCodec())) {
            return f.withPlayability(Playability.NEEDS_TRANSCODE,
                    "audio codec " + f.audioCodec() + " is not playable in every browser");
        }
        return f.withPlayability(Playability.PLAYABLE, null);
    }

    /** FFmpeg names the MP4/MOV demuxer "mov,mp4,m4a,3gp,3g2,mj2"; a muxer-style name may be "mp4". */
    static boolean isMp4Family(String container) {
        if (container == null) {
            return false;
        }
        for (String name : container.split(",")) {
            if (name.equals("mp4") || name.equals("mov") || name.equals("m4a")) {
                return true;
            }
        }
        return false;
    }
}
