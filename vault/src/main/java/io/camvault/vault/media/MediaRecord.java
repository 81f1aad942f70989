package io.camvault.vault.media;

import io.camvault.vault.model.MediaKind;
import java.time.Instant;

/**
 * What the media job left for one segment, kept in the index beside it (never in the original):
 * the probe facts and the names of the derived files made, relative to the source's directory in
 * the {@link DerivedStore}. A {@code null} name means "none" (unplayable, audio only, or failed).
 *
 * @param error set when the job itself failed (I/O, not bad content); the facts then say UNPLAYABLE
 */
public record MediaRecord(MediaFacts facts, String rendition, String poster, Instant processedAt, String error) {

    /**
     * The duration a person may read, from the probe: a video's or audio's container duration when the
     * probe found one, 0 for a readable photo, otherwise null ("unknown": not readable as media, or no
     * duration in the container). Never a guess from file times.
     */
    public Long knownDurationMillis() {
        if (facts == null || error != null) {
            return null;
        }
        MediaKind kind = facts.kind();
        if (kind == MediaKind.PHOTO) {
            return facts.playability() == Playability.UNPLAYABLE ? null : 0L;
        }
        if ((kind == MediaKind.VIDEO || kind == MediaKind.AUDIO) && facts.durationMillis() > 0) {
            return facts.durationMillis();
        }
        return null;
    }

    static MediaRecord of(MediaResult r, Instant now) {
        return new MediaRecord(r.facts(),
                r.rendition().map(d -> d.file().getFileName().toString()).orElse(null),
                r.poster().map(d -> d.file().getFileName().toString()).orElse(null), now, null);
    }
}
