package io.camvault.vault.schedule;

import java.time.Instant;

/** The gateway's upload store, as far as the expiry job needs it; the daemon wires the real one. */
@FunctionalInterface
public interface ExpiringUploads {
    /** Removes unfinished uploads whose expiry is before {@code now}; returns how many. */
    int expire(Instant now);
}
