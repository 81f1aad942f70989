package io.camvault.vault.store.s3;

import io.camvault.vault.store.Protection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * How camvault's {@link Protection} becomes S3 Object Lock settings, as pure functions.
 *
 * <ul>
 *   <li>a retain-until becomes a COMPLIANCE retain-until, rounded up to the whole second (S3 keeps
 *       seconds), so the cluster never holds less than camvault promises;</li>
 *   <li>permanent becomes a retain-until {@link #PERMANENT} ahead, extended again before it nears;</li>
 *   <li>a retain-until already passed (or {@link Protection#NONE}) sets no lock: the object is
 *       kept as long as the index says and can be purged when it allows;</li>
 *   <li>a legal hold becomes the object's legal hold, which camvault removes when its own hold ends:
 *       COMPLIANCE retention can never be shortened, so only what camvault never takes back (the
 *       routine period, a case link, marked-important, permanent) becomes retention.</li>
 * </ul>
 */
final class LockPlan {
    /** How far ahead "permanent" is locked: longer than any retention class, short of S3's limits. */
    static final Duration PERMANENT = Duration.ofDays(100L * 365);

    private LockPlan() {
    }

    /** The COMPLIANCE retain-until to set, or empty when {@code p} locks nothing at {@code now}. */
    static Optional<Instant> retainUntil(Protection p, Instant now) {
        Instant until = p.permanent() ? now.plus(PERMANENT) : p.retainUntil();
        if (!until.isAfter(now)) {
            return Optional.empty();
        }
        Instant seconds = until.truncatedTo(ChronoUnit.SECONDS);
        return Optional.of(seconds.equals(until) ? seconds : seconds.plusSeconds(1));
    }

    /** Whether a version locked until {@code current} (null: not locked) must be extended to {@code wanted}. */
    static boolean needsExtension(Instant current, Instant wanted) {
        return current == null || current.isBefore(wanted);
    }
}
