package io.camvault.vault.audit;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a caller asks to record: who did what to which object, and how it ended. The log adds
 * the sequence number, time and chain hashes to make an {@link AuditEvent}.
 *
 * @param action  a stable dotted name, e.g. {@code segment.commit}, {@code segment.view}
 * @param subject the object acted on, e.g. {@code segment:<id>}, {@code upload:<id>}
 */
public record AuditEntry(String actor, String action, String subject, Outcome outcome, Map<String, String> details) {
    public AuditEntry {
        if (actor == null || actor.isEmpty() || action == null || action.isEmpty()) {
            throw new IllegalArgumentException("an audit entry needs an actor and an action");
        }
        subject = subject == null ? "" : subject;
        details = details == null ? Map.of() : java.util.Collections.unmodifiableSortedMap(new TreeMap<>(details));
    }

    public static AuditEntry success(String actor, String action, String subject, Map<String, String> details) {
        return new AuditEntry(actor, action, subject, Outcome.SUCCESS, details);
    }

    public static AuditEntry denied(String actor, String action, String subject, String reason) {
        return new AuditEntry(actor, action, subject, Outcome.DENIED, Map.of("reason", reason));
    }
}
