package io.camvault.vault.media;

import java.util.Optional;

/** What a media job left for one original: its facts, the plan, and the derived files made. */
public record MediaResult(MediaFacts facts, RenditionPlan plan, Optional<Derived> rendition,
                          Optional<Derived> poster) {
}
