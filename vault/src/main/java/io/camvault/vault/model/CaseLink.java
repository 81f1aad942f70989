package io.camvault.vault.model;

import java.time.Instant;

/**
 * A link from a case to a segment. Unlinking never removes the record: it sets the unlink
 * fields, so the link history stays.
 */
public record CaseLink(
        SegmentId segmentId,
        Description description,
        String linkedBy,
        Instant linkedAt,
        String unlinkedBy,
        Instant unlinkedAt,
        String unlinkReason) {

    public boolean active() {
        return unlinkedAt == null;
    }
}
