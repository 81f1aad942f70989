package io.camvault.vault.audit;

import java.util.HashMap;
import java.util.Map;

/**
 * Where the action being recorded came from (the gateway sets {@code client_address} and
 * {@code peer_address} while it serves a request), added to every audit entry recorded on this
 * thread. It is scoped like a logging context so that no call site can forget it: the vault does
 * not know about networks, and the gateway does not have to thread addresses through every
 * operation that writes to the chain. Details the entry names itself win over the origin's.
 */
public final class AuditOrigin {
    private static final ThreadLocal<Map<String, String>> CURRENT = new ThreadLocal<>();

    private AuditOrigin() {
    }

    /** Closes a scope, restoring what was current before it. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** Makes {@code details} the origin of entries recorded on this thread until the scope closes. */
    public static Scope open(Map<String, String> details) {
        Map<String, String> previous = CURRENT.get();
        CURRENT.set(details == null || details.isEmpty() ? null : Map.copyOf(details));
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /** This thread's origin, empty when none. */
    public static Map<String, String> current() {
        Map<String, String> m = CURRENT.get();
        return m == null ? Map.of() : m;
    }

    /** {@code task} run later, on any thread, with the origin current now. */
    public static Runnable propagate(Runnable task) {
        return propagate(current(), task);
    }

    /** {@code task} run later, on any thread, with {@code details} as its origin. */
    public static Runnable propagate(Map<String, String> details, Runnable task) {
        if (details.isEmpty()) {
            return task;
        }
        return () -> {
            try (Scope s = open(details)) {
                task.run();
            }
        };
    }

    /** {@code entry} with this thread's origin added to its details. */
    public static AuditEntry annotate(AuditEntry entry) {
        Map<String, String> origin = CURRENT.get();
        if (origin == null) {
            return entry;
        }
        Map<String, String> details = new HashMap<>(origin);
        details.putAll(entry.details());
        return new AuditEntry(entry.actor(), entry.action(), entry.subject(), entry.outcome(), details);
    }
}
