package io.camvault.vault.media;

import io.camvault.vault.model.MediaKind;
import java.util.Objects;

/**
 * What streaming rendition an original gets. Pure: decided from {@link MediaFacts} alone, so the
 * policy ("remux what plays, transcode only what cannot") is tested without FFmpeg. Remuxing is
 * hundreds of times faster than transcoding, which runs at only a few times real time on two cores.
 *
 * @param action    what to do
 * @param extension file extension of the rendition ("mp4" for video, "m4a" for audio only);
 *                  null when there is none
 * @param reason    why, for logs and the API
 */
public record RenditionPlan(Action action, String extension, String reason) {

    public enum Action {
        /** Stream-copy into MP4 with the index up front; no re-encode. */
        REMUX,
        /** Re-encode to H.264/AAC (or AAC alone) in MP4 at the proxy settings. */
        TRANSCODE,
        /** No rendition: a photo (its thumbnail is the photo scaled) or an unplayable file. */
        NONE
    }

    public RenditionPlan {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reason, "reason");
    }

    public static RenditionPlan decide(MediaFacts facts) {
        if (facts.playability() == Playability.UNPLAYABLE) {
            return new RenditionPlan(Action.NONE, null, "unplayable: " + facts.reason());
        }
        if (facts.kind() == MediaKind.PHOTO) {
            return new RenditionPlan(Action.NONE, null, "photo: the thumbnail is the photo scaled");
        }
        String ext = facts.hasVideo() ? "mp4" : "m4a";
        if (facts.playability() == Playability.PLAYABLE) {
            return new RenditionPlan(Action.REMUX, ext, "browser-playable; index moved up front");
        }
        return new RenditionPlan(Action.TRANSCODE, ext, facts.reason());
    }
}
