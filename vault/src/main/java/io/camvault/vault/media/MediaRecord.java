package io.camvault.vault.media;

import java.time.Instant;

/**
 * What the media job left for one segment, kept in the index beside it (never in the original):
 * the probe facts and the names of the derived files made, relative to the source's directory in
 * the {@link DerivedStore}. A {@code null} name means "none" (unplayable, audio only, or failed).
 *
 * @param error set when the job itself failed (I/O, not bad content); the facts then say UNPLAYABLE
 */
public record MediaRecord(MediaFacts facts, String rendition, String poster, Instant processedAt, String error) {

    static MediaRecord of(MediaResult r, Instant now) {
        return new MediaRecord(r.facts(),
                r.rendition().map(d -> d.file().getFileName().toString()).orElse(null),
                r.poster().map(d -> d.file().getFileName().toString()).orElse(null), now, null);
    }
}
