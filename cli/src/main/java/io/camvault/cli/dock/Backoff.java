package io.camvault.cli.dock;

import java.time.Duration;

/** Retry delays: the first delay doubled per attempt up to the maximum, or longer when the daemon asks (Retry-After). */
final class Backoff {
    private Backoff() {
    }

    /**
     * @param attempt    1 for the first retry
     * @param retryAfter the daemon's {@code Retry-After} in seconds, or {@code null}
     */
    static Duration delay(DockSettings s, int attempt, String retryAfter) {
        Duration d = s.retryDelay();
        for (int i = 1; i < attempt && d.compareTo(s.maxRetryDelay()) < 0; i++) {
            d = d.multipliedBy(2);
        }
        if (retryAfter != null) {
            try {
                Duration asked = Duration.ofSeconds(Long.parseLong(retryAfter.strip()));
                if (asked.compareTo(d) > 0) {
                    d = asked;
                }
            } catch (NumberFormatException e) {
                // an HTTP date or garbage: keep our own delay
            }
        }
        return d.compareTo(s.maxRetryDelay()) > 0 ? s.maxRetryDelay() : d;
    }
}
