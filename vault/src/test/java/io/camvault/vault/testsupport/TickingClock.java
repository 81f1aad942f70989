package io.camvault.vault.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A fake clock that moves forward by a fixed step each time it is read; never sleeps. */
public final class TickingClock extends Clock {
    private Instant now;
    private final Duration step;

    public TickingClock(Instant start, Duration step) {
        this.now = start;
        this.step = step;
    }

    /** Starts at 2024-05-01T08:00:00Z and ticks by a step with nanoseconds, so sub-millisecond time is exercised. */
    public static TickingClock standard() {
        return new TickingClock(Instant.parse("2024-05-01T08:00:00Z"), Duration.ofNanos(1_000_123_457L));
    }

    @Override
    public synchronized Instant instant() {
        Instant t = now;
        now = now.plus(step);
        return t;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a test clock has one zone");
    }
}
