package io.camvault.vault.store;

import io.camvault.vault.model.Sha256;

/**
 * A store that enforces retention itself. camvault protects before it records ({@link #protect}
 * comes before the index says so) and records before it relaxes ({@link #releaseHold} after), so
 * the store never holds less than the index promises. Nothing here can shorten a retention: a
 * store refuses that, and {@link #protect} only ever extends.
 */
public interface RetentionControl {

    /**
     * Extends every version of the object to be kept at least until {@code p.retainUntil()}
     * (permanent: a far date, extended again before it nears) and sets its legal hold when
     * {@code p.legalHold()}. Idempotent; never shortens, never clears a hold.
     *
     * @throws io.camvault.vault.VaultException NOT_FOUND when the object is absent, UNAVAILABLE or IO when the store fails
     */
    void protect(Sha256 sha256, Protection p);

    /** Clears the legal hold of every version of the object. Idempotent. */
    void releaseHold(Sha256 sha256);

    /** What the store holds now: the earliest retain-until over the object's versions and whether any is held. */
    Protection protection(Sha256 sha256);
}
