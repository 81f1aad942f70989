package io.camvault.vault.store;

import java.time.Instant;

/**
 * How long a store must keep an object, and whether it is under legal hold. {@code retainUntil}
 * null means permanent. A store that enforces retention turns this into its own lock (see the
 * README: which of camvault's protections become lock retention and which a removable legal hold).
 */
public record Protection(Instant retainUntil, boolean legalHold) {

    /** Nothing beyond what the store does anyway (stores without retention control). */
    public static final Protection NONE = new Protection(Instant.EPOCH, false);

    public boolean permanent() {
        return retainUntil == null;
    }

    /** Whether this asks for at least as much as {@code other}: as long a retention, and a hold if it holds. */
    public boolean covers(Protection other) {
        boolean longEnough = retainUntil == null
                || (other.retainUntil != null && !retainUntil.isBefore(other.retainUntil));
        return longEnough && (legalHold || !other.legalHold);
    }

    /** The larger of the two in each respect. */
    public Protection union(Protection other) {
        Instant until = retainUntil == null || other.retainUntil == null ? null
                : retainUntil.isAfter(other.retainUntil) ? retainUntil : other.retainUntil;
        return new Protection(until, legalHold || other.legalHold);
    }
}
