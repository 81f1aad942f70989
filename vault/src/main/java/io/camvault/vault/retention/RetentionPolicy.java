package io.camvault.vault.retention;

import io.camvault.vault.VaultException;
import java.time.Duration;
import java.util.Objects;

/**
 * How long footage is kept, from configuration; validated once when built. Major-case footage is
 * always permanent and has no setting.
 *
 * <p>Settings (names as they appear in configuration and in every refusal message):
 * <ul>
 *   <li>{@value #ROUTINE} — routine footage is kept this long after its recording ends
 *       (default 180 days, the legal minimum; less is refused);</li>
 *   <li>{@value #EVIDENCE_AFTER_CLOSE} — footage linked to a case is kept until the case closes
 *       plus this long; absent (null) means permanent, the default;</li>
 *   <li>{@value #PENDING_DELETION} — how long an expired segment waits in the pending-deletion
 *       queue, where an admin can still stop it (default 7 days).</li>
 * </ul>
 *
 * @param evidenceAfterClose null: evidence is kept for good
 */
public record RetentionPolicy(Duration routine, Duration evidenceAfterClose, Duration pendingDeletion) {
    public static final String ROUTINE = "retention.routine";
    public static final String EVIDENCE_AFTER_CLOSE = "retention.evidence-after-close";
    public static final String PENDING_DELETION = "retention.pending-deletion";

    public static final Duration LEGAL_MINIMUM = Duration.ofDays(180);
    public static final Duration DEFAULT_ROUTINE = LEGAL_MINIMUM;
    public static final Duration DEFAULT_PENDING_DELETION = Duration.ofDays(7);

    public RetentionPolicy {
        Objects.requireNonNull(routine, ROUTINE);
        Objects.requireNonNull(pendingDeletion, PENDING_DELETION);
        if (routine.compareTo(LEGAL_MINIMUM) < 0) {
            throw new IllegalArgumentException(ROUTINE + " must be at least 180 days (the legal minimum), got "
                    + describe(routine));
        }
        if (evidenceAfterClose != null && evidenceAfterClose.isNegative()) {
            throw new IllegalArgumentException(EVIDENCE_AFTER_CLOSE + " must not be negative, got " + evidenceAfterClose);
        }
        if (pendingDeletion.isNegative()) {
            throw new IllegalArgumentException(PENDING_DELETION + " must not be negative, got " + pendingDeletion);
        }
    }

    public static RetentionPolicy defaults() {
        return new RetentionPolicy(DEFAULT_ROUTINE, null, DEFAULT_PENDING_DELETION);
    }

    public RetentionPolicy withRoutine(Duration newRoutine) {
        return new RetentionPolicy(newRoutine, evidenceAfterClose, pendingDeletion);
    }

    public RetentionPolicy withEvidenceAfterClose(Duration newEvidenceAfterClose) {
        return new RetentionPolicy(routine, newEvidenceAfterClose, pendingDeletion);
    }

    public RetentionPolicy withPendingDeletion(Duration newPendingDeletion) {
        return new RetentionPolicy(routine, evidenceAfterClose, newPendingDeletion);
    }

    public boolean evidencePermanent() {
        return evidenceAfterClose == null;
    }

    /**
     * Refuses this policy if any setting would keep anything for less time than {@code previous}
     * (the last accepted policy) did. Retention is only ever extended: a shorter setting would make
     * already-decided footage eligible for deletion earlier than promised.
     *
     * @throws VaultException FORBIDDEN, naming the first setting that shortens
     */
    public void checkNotShorter(RetentionPolicy previous) {
        if (previous == null) {
            return;
        }
        if (routine.compareTo(previous.routine) < 0) {
            throw shorter(ROUTINE, previous.routine, routine);
        }
        if (previous.evidenceAfterClose == null && evidenceAfterClose != null
                || previous.evidenceAfterClose != null && evidenceAfterClose != null
                        && evidenceAfterClose.compareTo(previous.evidenceAfterClose) < 0) {
            throw shorter(EVIDENCE_AFTER_CLOSE, previous.evidenceAfterClose, evidenceAfterClose);
        }
        if (pendingDeletion.compareTo(previous.pendingDeletion) < 0) {
            throw shorter(PENDING_DELETION, previous.pendingDeletion, pendingDeletion);
        }
    }

    private static VaultException shorter(String setting, Duration before, Duration now) {
        return new VaultException(VaultException.Kind.FORBIDDEN, setting + " would shorten retention: "
                + describe(before) + " was accepted before, " + describe(now)
                + " is configured now; retention may only be extended, so the daemon refuses to start");
    }

    static String describe(Duration d) {
        if (d == null) {
            return "permanent";
        }
        return d.toHours() % 24 == 0 && d.toSeconds() % 3600 == 0 ? d.toDays() + " days" : d.toString();
    }
}
