package io.camvault.vault.timeliness;

import io.camvault.vault.model.Segment;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether the recording times a device declared can be believed (a recorder whose clock reset to
 * 1970, a token claiming its footage is from 2000, a clock running ahead). A pure function of the
 * declared times and the vault's own ingest time, so it is the same every time it is asked and needs
 * no stored flag. Suspect times are kept as declared and flagged ({@code clock_suspect}) for the
 * clerk; they are never used to shorten anything: retention counts from the later of the declared
 * end and the ingest time ({@link io.camvault.vault.retention.RetentionRules#retentionBasis}).
 */
public final class ClockPlausibility {
    /** The stable name of the flag in answers and audit details. */
    public static final String FLAG = "clock_suspect";
    /** How far ahead of the vault's clock a declared end may be (docks sync recorders; drift is seconds). */
    static final Duration AHEAD_TOLERANCE = Duration.ofHours(1);
    /**
     * How old footage may plausibly be when it arrives: the legal minimum retention (180 days). A
     * recorder holds hours of footage, not half a year; older footage is from a wrong clock or an import.
     */
    static final Duration OLDEST = Duration.ofDays(180);

    private ClockPlausibility() {
    }

    /** Why the declared times of {@code s} are implausible, or empty when they are believable. */
    public static Optional<String> suspect(Segment s) {
        return suspect(s.recordedStart(), s.recordedEnd(), s.ingestedAt());
    }

    public static Optional<String> suspect(Instant start, Instant end, Instant ingestedAt) {
        if (ingestedAt == null) {
            return Optional.empty();
        }
        if (end.isBefore(start)) {
            return Optional.of("recording ends (" + end + ") before it starts (" + start + ")");
        }
        if (end.isAfter(ingestedAt.plus(AHEAD_TOLERANCE))) {
            return Optional.of("recording ends (" + end + ") after it reached the vault (" + ingestedAt + ")");
        }
        if (start.isBefore(ingestedAt.minus(OLDEST))) {
            return Optional.of("recording starts (" + start + ") more than " + OLDEST.toDays()
                    + " days before it reached the vault (" + ingestedAt + ")");
        }
        return Optional.empty();
    }
}
