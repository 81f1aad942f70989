package io.camvault.vault.schedule;

import io.camvault.vault.JobSchedule;
import java.text.ParseException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * Whether a job missed a run while the daemon was down. Quartz's RAMJobStore forgets everything at
 * shutdown, so its misfire handling only covers runs missed while it is up; the last successful
 * run of each job is kept in META instead, and at start a job whose next run after that time is
 * already past fires once, now. A job that never ran counts as missed.
 */
public final class MissedRuns {
    private MissedRuns() {
    }

    public static boolean missed(JobSchedule schedule, Instant lastSuccess, Instant now, ZoneId zone) {
        if (lastSuccess == null) {
            return true;
        }
        Instant next = nextAfter(schedule, lastSuccess, zone);
        return next != null && !next.isAfter(now);
    }

    /** The first regular run after {@code after}; null if a cron expression never fires again. */
    public static Instant nextAfter(JobSchedule schedule, Instant after, ZoneId zone) {
        if (schedule.every() != null) {
            return after.plus(schedule.every());
        }
        Date next = cron(schedule.cron(), zone).getNextValidTimeAfter(Date.from(after));
        return next == null ? null : next.toInstant();
    }

    static CronExpression cron(String expression, ZoneId zone) {
        try {
            CronExpression c = new CronExpression(expression);
            c.setTimeZone(TimeZone.getTimeZone(zone));
            return c;
        } catch (ParseException e) {
            throw new IllegalArgumentException("invalid cron expression '" + expression + "': " + e.getMessage(), e);
        }
    }
}
