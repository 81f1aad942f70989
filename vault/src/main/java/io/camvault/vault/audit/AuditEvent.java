package io.camvault.vault.audit;

import io.camvault.vault.model.Sha256;
import java.time.Instant;
import java.util.Map;

/**
 * One link of the audit chain as stored. {@code hash} is SHA-256 over the canonical encoding of
 * every other field, {@code prevHash} included (see {@link AuditChain}).
 */
public record AuditEvent(
        long seq,
        Instant time,
        String actor,
        String action,
        String subject,
        Outcome outcome,
        Map<String, String> details,
        Sha256 prevHash,
        Sha256 hash) {
}
