package io.camvault.gateway.auth;

import io.camvault.vault.audit.AuditEntry;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Refusals of requests without a valid token, aggregated per source and minute. Each one used to be
 * a synced audit event of its own, so anyone could make the daemon write and fsync as fast as they
 * could send. Now the first refusal of a source in a minute is recorded at once, as before; the
 * others of that minute are counted, and one {@code auth.denied_repeated} event records how many
 * there were (with the actions they tried) when the minute is over, or when the gateway stops. So
 * the record that they happened is kept, at a cost of at most two events per source and minute.
 * Pure bookkeeping: the caller records the entries it is given.
 */
final class UnauthenticatedDenials {
    static final String REPEATED = "auth.denied_repeated";
    /** Distinct actions named in a summary; beyond it the summary says how many more. */
    private static final int MAX_ACTIONS = 8;
    /** Sources tracked at once; beyond it every window is summarised early, so memory stays bounded. */
    private static final int MAX_SOURCES = 10_000;

    private static final class Window {
        final String source;
        final String actor;
        final Instant minute;
        long repeated;
        final TreeSet<String> actions = new TreeSet<>();
        long otherActions;

        Window(String source, String actor, Instant minute) {
            this.source = source;
            this.actor = actor;
            this.minute = minute;
        }
    }

    private final Map<String, Window> windows = new HashMap<>();

    /**
     * Notes one refusal; answers the entries to record now: the refusal itself when it is the first of
     * its source this minute (after the summary of that source's previous minute, if any), else nothing.
     */
    synchronized List<AuditEntry> note(String source, Instant now, AuditEntry refusal) {
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        List<AuditEntry> out = new ArrayList<>();
        // per source and actor: a revoked or expired token names its principal, and an anonymous flood
        // from the same source must not hide that principal's attempts in an anonymous summary
        String key = source + "\n" + refusal.actor();
        Window w = windows.get(key);
        if (w != null && w.minute.equals(minute)) {
            w.repeated++;
            if (w.actions.size() < MAX_ACTIONS || w.actions.contains(refusal.action())) {
                w.actions.add(refusal.action());
            } else {
                w.otherActions++;
            }
            return out;
        }
        if (w != null) {
            summary(w).ifPresent(out::add);
        }
        if (windows.size() >= MAX_SOURCES) {
            out.addAll(drain(null));
        }
        windows.put(key, new Window(source, refusal.actor(), minute));
        Map<String, String> details = new LinkedHashMap<>(refusal.details());
        details.put("source", source);
        out.add(new AuditEntry(refusal.actor(), refusal.action(), refusal.subject(), refusal.outcome(), details));
        return out;
    }

    /** Summaries of every window whose minute ended before {@code now} ({@code null}: all of them). */
    synchronized List<AuditEntry> drain(Instant now) {
        Instant minute = now == null ? null : now.truncatedTo(ChronoUnit.MINUTES);
        List<AuditEntry> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, Window>> it = windows.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Window> e = it.next();
            if (minute == null || e.getValue().minute.isBefore(minute)) {
                summary(e.getValue()).ifPresent(out::add);
                it.remove();
            }
        }
        return out;
    }

    private static java.util.Optional<AuditEntry> summary(Window w) {
        String source = w.source;
        if (w.repeated == 0) {
            return java.util.Optional.empty();
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("source", source);
        details.put("minute", w.minute.toString());
        details.put("count", Long.toString(w.repeated));
        details.put("actions", String.join(",", w.actions) + (w.otherActions > 0 ? ",+" + w.otherActions : ""));
        details.put("reason", "more requests without a valid token in the same minute");
        return java.util.Optional.of(new AuditEntry(w.actor, REPEATED, "source:" + source,
                io.camvault.vault.audit.Outcome.DENIED, details));
    }
}
