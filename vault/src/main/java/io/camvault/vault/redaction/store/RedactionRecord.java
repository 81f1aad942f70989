package io.camvault.vault.redaction.store;

import io.camvault.vault.redaction.RedactionSpec;
import java.time.Instant;

/**
 * One redacted copy, as kept in {@code REDACTIONS}.
 *
 * @param id             {@link RedactionId} text
 * @param segment        the segment whose original was redacted
 * @param sourceSha256   hex SHA-256 of that original (read, never changed)
 * @param spec           the spec's canonical JSON ({@link RedactionSpec#canonicalJson()})
 * @param specSha256     hex SHA-256 of {@code spec}
 * @param redactedSha256 hex SHA-256 of the rendered copy
 * @param bytes          size of the copy
 * @param derivedName    the copy's name in the derived store (under the original's directory)
 * @param detectedRegions how many regions came from automatic face detection
 * @param actor          principal id of who made it
 * @param createdAt      when the copy was complete
 * @param toolVersion    the media libraries that rendered it
 */
public record RedactionRecord(String id, String segment, String sourceSha256, String spec, String specSha256,
                              String redactedSha256, long bytes, String derivedName, int detectedRegions,
                              String actor, Instant createdAt, String toolVersion) {

    public RedactionSpec parsedSpec() {
        return RedactionSpec.parse(spec);
    }
}
