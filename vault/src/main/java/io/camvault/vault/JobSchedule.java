package io.camvault.vault;

import java.time.Duration;

/**
 * When a background job runs: every fixed interval, or on a Quartz cron expression (seconds
 * first, e.g. {@code 0 30 2 * * ?} for 02:30 daily). The cron text is checked when the scheduler
 * starts, since only Quartz can parse it.
 */
public record JobSchedule(Duration every, String cron) {
    public JobSchedule {
        if ((every == null) == (cron == null || cron.isBlank())) {
            throw new IllegalArgumentException("a job schedule is either an interval or a cron expression");
        }
        if (every != null && (every.isNegative() || every.isZero())) {
            throw new IllegalArgumentException("a job interval must be positive, got " + every);
        }
    }

    public static JobSchedule every(Duration interval) {
        return new JobSchedule(interval, null);
    }

    public static JobSchedule cron(String expression) {
        return new JobSchedule(null, expression);
    }

    @Override
    public String toString() {
        return every != null ? "every " + every : "cron " + cron;
    }
}
