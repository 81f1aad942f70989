package io.camvault.vault.audit;

import io.camvault.vault.model.Sha256;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

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

    /**
     * Details are kept sorted, the order the canonical encoding uses (see {@link AuditChain}), so
     * an event reads the same whichever way it was built.
     */
    public AuditEvent {
        subject = subject == null ? "" : subject;
        details = details == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(details));
    }
}
