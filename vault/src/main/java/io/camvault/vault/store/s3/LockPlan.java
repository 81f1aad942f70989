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
 *   <li>no retain-until goes past {@link #LATEST}: RGW 16 keeps it in 32-bit seconds, so a date after
 *       2106-02-07 wraps round (a 2126 lock reads back as 1990, and the version can be deleted);</li>
 *   <li>a retain-until already passed (or {@link Protection#NONE}) sets no lock: the object is
 *       kept as long as the index says and can be purged when it allows;</li>
 *   <li>a legal hold becomes the object's legal hold, which camvault removes when its own hold ends:
 *       COMPLIANCE retention can never be shortened, so only what camvault never takes back (the
 *       routine period, a case link, marked-important, permanent) becomes retention.</li>
 * </ul>
 */
final class LockPlan {
    /** How far ahead "permanent" is locked: longer than any finite retention class, renewed long before it ends. */
    static final Duration PERMANENT = Duration.ofDays(50L * 365);
    /** The latest retain-until a store can hold without wrapping (RGW 16: unsigned 32-bit seconds end 2106-02-07). */
    static final Instant LATEST = Instant.parse("2106-01-01T00:00:00Z");

    private LockPlan() {
    }

    /** The COMPLIANCE retain-until to set, or empty when {@code p} locks nothing at {@code now}. */
    static Optional<Instant> retainUntil(Protection p, Instant now) {
        Instant until = p.permanent() ? now.plus(PERMANENT) : p.retainUntil();
        if (!until.isAfter(now)) {
            return Optional.empty();
        }
        Instant seconds = until.truncatedTo(ChronoUnit.SECONDS);
        Instant rounded = seconds.equals(until) ? seconds : seconds.plusSeconds(1);
        return Optional.of(rounded.isAfter(LATEST) ? LATEST : rounded);
    }

    /** Whether a version locked until {@code current} (null: not locked) must be extended to {@code wanted}. */
    static boolean needsExtension(Instant current, Instant wanted) {
        return current == null || current.isBefore(wanted);
    }
}
