package io.camvault.vault.exports;

import io.camvault.vault.model.Description;
import java.time.Instant;
import java.util.Objects;

/**
 * One original an export releases, fixed when the export is requested: the segment, the SHA-256 of
 * its bytes and the written description it was linked with. The approval approves these items and
 * the bag holds exactly them, whatever is linked to the case later.
 */
public record ExportItem(String segmentId, String sha256, Description description, String linkedBy, Instant linkedAt) {
    public ExportItem {
        Objects.requireNonNull(segmentId, "segmentId");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(description, "description");
    }
}
