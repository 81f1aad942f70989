package io.camvault.vault;

import io.camvault.vault.model.Segment;

/** The outcome of committing an original: the segment, and whether it already existed (same bytes). */
public record IngestResult(Segment segment, boolean alreadyStored) {
}
