package io.camvault.vault.audit;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a caller asks to record: who did what to which object, and how it ended. The log adds
 * the sequence number, time and chain hashes to make an {@link AuditEvent}.
 *
 * @param action  a stable dotted name, e.g. {@code segment.commit}, {@code segment.view}
 * @param subject the object acted on, e.g. {@code segment:<id>}, {@code upload:<id>}; at most
 *                {@value #MAX_SUBJECT} characters are kept (a subject can come from a request path, and an
 *                unauthenticated caller must not choose how much each event writes): a longer one keeps its
 *                start and says how long it was
 */
public record AuditEntry(String actor, String action, String subject, Outcome outcome, Map<String, String> details) {
    /** The longest subject recorded as given; every subject camvault itself composes is far shorter. */
    public static final int MAX_SUBJECT = 256;
    private static final int KEPT = 200;

    public AuditEntry {
        if (actor == null || actor.isEmpty() || action == null || action.isEmpty()) {
            throw new IllegalArgumentException("an audit entry needs an actor and an action");
        }
        subject = bounded(subject == null ? "" : subject);
        details = details == null ? Map.of() : java.util.Collections.unmodifiableSortedMap(new TreeMap<>(details));
    }

    /** {@code subject}, or its first {@value #KEPT} characters and its length when it is longer than {@value #MAX_SUBJECT}. */
    static String bounded(String subject) {
        if (subject.length() <= MAX_SUBJECT) {
            return subject;
        }
        int end = Character.isHighSurrogate(subject.charAt(KEPT - 1)) ? KEPT - 1 : KEPT;
        return subject.substring(0, end) + "...(" + subject.length() + " chars)";
    }

    public static AuditEntry success(String actor, String action, String subject, Map<String, String> details) {
        return new AuditEntry(actor, action, subject, Outcome.SUCCESS, details);
    }

    public static AuditEntry denied(String actor, String action, String subject, String reason) {
        return new AuditEntry(actor, action, subject, Outcome.DENIED, Map.of("reason", reason));
    }
}
