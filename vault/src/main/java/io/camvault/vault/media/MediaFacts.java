package io.camvault.vault.media;

import io.camvault.vault.model.MediaKind;
import java.time.Instant;
import java.util.Objects;

/**
 * What a probe found in an original. Values follow ffprobe's naming (container is the demuxer's
 * {@code format_name}, codecs are {@code codec_name}, the profile is {@code profile}), so the facts
 * can be checked against ffprobe and read by anyone who knows it. Absent values are {@code null}
 * (or 0 for numbers); an unplayable file has only {@link #playability()} and {@link #reason()}.
 *
 * @param kind           video, audio or photo as found by the probe (not by the file name)
 * @param durationMillis container duration; 0 for a photo or when unknown
 * @param frameRate      average frame rate; 0 when unknown
 * @param bitRate        container bit rate in bit/s; 0 when unknown
 * @param rotation       clockwise display rotation in degrees (0, 90, 180, 270)
 * @param creationTime   the container's {@code creation_time} tag
 * @param location       ISO 6709 string from {@code location} or
 *                       {@code com.apple.quicktime.location.ISO6709}
 * @param reason         why the file is not {@link Playability#PLAYABLE}; null when it is
 */
public record MediaFacts(
        MediaKind kind,
        String container,
        long durationMillis,
        String videoCodec,
        String videoProfile,
        int width,
        int height,
        double frameRate,
        long bitRate,
        int rotation,
        String audioCodec,
        int audioSampleRate,
        int audioChannels,
        Instant creationTime,
        String location,
        Playability playability,
        String reason) {

    public MediaFacts {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(playability, "playability");
        if (playability != Playability.PLAYABLE && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("a file that is not playable needs a reason");
        }
    }

    /** Facts for a file that could not be read as media at all. */
    public static MediaFacts unplayable(MediaKind kind, String reason) {
        return new MediaFacts(kind, null, 0, null, null, 0, 0, 0, 0, 0, null, 0, 0, null, null,
                Playability.UNPLAYABLE, reason);
    }

    public boolean hasVideo() {
        return videoCodec != null;
    }

    public boolean hasAudio() {
        return audioCodec != null;
    }

    /** The same facts with a browser verdict, once the pure rules in {@link BrowserSupport} ran. */
    public MediaFacts withPlayability(Playability p, String why) {
        return new MediaFacts(kind, container, durationMillis, videoCodec, videoProfile, width, height,
                frameRate, bitRate, rotation, audioCodec, audioSampleRate, audioChannels, creationTime,
                location, p, why);
    }
}
