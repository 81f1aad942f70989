package io.camvault.vault;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Background jobs: their schedules and limits. Every setting and its default:
 *
 * <table>
 *   <caption>maintenance settings</caption>
 *   <tr><td>jobs.retention-sweep</td><td>every 1 h</td><td>queue expired segments, purge due ones</td></tr>
 *   <tr><td>jobs.fixity</td><td>every 1 h</td><td>continue the fixity pass for up to {@code fixityRunBudget}</td></tr>
 *   <tr><td>jobs.late-uploads</td><td>every 1 h</td><td>no longer scheduled: lateness is decided at commit;
 *       accepted so that older configuration files still load</td></tr>
 *   <tr><td>jobs.upload-expiry</td><td>every 1 h</td><td>remove unfinished uploads past expiry</td></tr>
 *   <tr><td>jobs.audit-checkpoint</td><td>every 1 h</td><td>sign the audit chain head</td></tr>
 *   <tr><td>fixity.cycle</td><td>30 days</td><td>every original is re-hashed once per cycle</td></tr>
 *   <tr><td>fixity.bytes-per-second</td><td>64 MiB/s</td><td>read rate cap, so ingest never starves</td></tr>
 *   <tr><td>fixity.run-budget</td><td>50 min</td><td>longest single fixity run; the cursor resumes</td></tr>
 *   <tr><td>late-uploads.threshold</td><td>24 h</td><td>ingest later than this after recording end is late</td></tr>
 *   <tr><td>display.zone</td><td>Asia/Shanghai</td><td>the zone of every time a person reads, and of the
 *       statistics year ({@code statistics.zone} is its older name)</td></tr>
 * </table>
 */
public record MaintenanceConfig(
        JobSchedule retentionSweep,
        JobSchedule fixity,
        JobSchedule lateUploads,
        JobSchedule uploadExpiry,
        JobSchedule auditCheckpoint,
        Duration fixityCycle,
        long fixityBytesPerSecond,
        Duration fixityRunBudget,
        Duration lateUploadThreshold,
        ZoneId displayZone) {

    public static final Duration HOURLY = Duration.ofHours(1);
    public static final Duration DEFAULT_FIXITY_CYCLE = Duration.ofDays(30);
    public static final long DEFAULT_FIXITY_BYTES_PER_SECOND = 64L << 20;
    public static final Duration DEFAULT_FIXITY_RUN_BUDGET = Duration.ofMinutes(50);
    public static final Duration DEFAULT_LATE_UPLOAD_THRESHOLD = Duration.ofHours(24);
    public static final ZoneId DEFAULT_DISPLAY_ZONE = ZoneId.of("Asia/Shanghai");

    public MaintenanceConfig {
        Objects.requireNonNull(retentionSweep, "jobs.retention-sweep");
        Objects.requireNonNull(fixity, "jobs.fixity");
        Objects.requireNonNull(lateUploads, "jobs.late-uploads");
        Objects.requireNonNull(uploadExpiry, "jobs.upload-expiry");
        Objects.requireNonNull(auditCheckpoint, "jobs.audit-checkpoint");
        Objects.requireNonNull(displayZone, "display.zone");
        positive(fixityCycle, "fixity.cycle");
        positive(fixityRunBudget, "fixity.run-budget");
        positive(lateUploadThreshold, "late-uploads.threshold");
        if (fixityBytesPerSecond <= 0) {
            throw new IllegalArgumentException("fixity.bytes-per-second must be positive, got " + fixityBytesPerSecond);
        }
    }

    public static MaintenanceConfig defaults() {
        JobSchedule hourly = JobSchedule.every(HOURLY);
        return new MaintenanceConfig(hourly, hourly, hourly, hourly, hourly, DEFAULT_FIXITY_CYCLE,
                DEFAULT_FIXITY_BYTES_PER_SECOND, DEFAULT_FIXITY_RUN_BUDGET, DEFAULT_LATE_UPLOAD_THRESHOLD,
                DEFAULT_DISPLAY_ZONE);
    }

    private static void positive(Duration d, String setting) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(setting + " must be a positive duration, got " + d);
        }
    }
}
