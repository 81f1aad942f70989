package io.camvault.vault.integrity;

import java.time.Instant;
import java.util.UUID;

/**
 * Something an operator must look at: an original that is missing or no longer matches its digest.
 *
 * @param kind    stable name, e.g. {@code fixity.missing}, {@code fixity.changed}
 * @param subject what it concerns, e.g. {@code segment:<id>}
 */
public record Alarm(UUID id, Instant raisedAt, String kind, String subject, String sha256, String problem) {
}
