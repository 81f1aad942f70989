package io.camvault.vault.schedule;

import io.camvault.vault.JobSchedule;
import io.camvault.vault.Vault;
import io.camvault.vault.VaultException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the maintenance jobs on Quartz (in-memory RAMJobStore, nothing persisted by Quartz).
 * Quartz types stay in this package; jobs are plain {@link JobTask}s.
 *
 * <ul>
 *   <li>Interval schedules: a simple trigger repeating forever, first fire one interval after the
 *       last success; misfires (the JVM paused, all threads busy) fire once, now.</li>
 *   <li>Cron schedules: a cron trigger in the given zone, misfire: fire once and proceed.</li>
 *   <li>Runs missed while the daemon was down ({@link MissedRuns}, from the last success recorded
 *       in META): one extra run, now, at start.</li>
 * </ul>
 * A job never runs twice at once; shutdown interrupts running jobs and waits for them.
 */
public final class JobScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobScheduler.class);
    private static final String GROUP = "camvault";

    private final Vault vault;
    private final ZoneId zone;
    private Scheduler quartz;

    public JobScheduler(Vault vault, ZoneId zone) {
        this.vault = vault;
        this.zone = zone;
    }

    /** What start-up decides for one job. */
    public record Plan(String name, boolean fireNow, Instant firstRegularRun) {
    }

    /** Pure: which jobs fire now because they missed a run, and when each one's schedule begins. */
    public static List<Plan> plan(List<JobSpec> specs, java.util.function.Function<String, Instant> lastSuccess,
            Instant now, ZoneId zone) {
        List<Plan> out = new ArrayList<>();
        for (JobSpec s : specs) {
            Instant last = lastSuccess.apply(s.name());
            boolean missed = MissedRuns.missed(s.schedule(), last, now, zone);
            Instant first = MissedRuns.nextAfter(s.schedule(), missed ? now : last, zone);
            out.add(new Plan(s.name(), missed, first));
        }
        return out;
    }

    public synchronized List<Plan> start(List<JobSpec> specs) {
        validate(specs);
        Instant now = vault.clock().instant();
        List<Plan> plans = plan(specs, name -> JobRunner.lastSuccess(vault, name), now, zone);
        try {
            quartz = new StdSchedulerFactory(properties(specs.size())).getScheduler();
            for (int i = 0; i < specs.size(); i++) {
                JobSpec spec = specs.get(i);
                Plan plan = plans.get(i);
                JobDataMap data = new JobDataMap();
                data.put(QuartzTaskJob.RUNNER, new JobRunner(vault, spec));
                JobDetail job = JobBuilder.newJob(QuartzTaskJob.class).withIdentity(spec.name(), GROUP)
                        .usingJobData(data).storeDurably().build();
                quartz.scheduleJob(job, regularTrigger(spec, plan));
                if (plan.fireNow()) {
                    quartz.scheduleJob(TriggerBuilder.newTrigger().forJob(job.getKey())
                            .withIdentity(spec.name() + ".missed", GROUP).startNow()
                            .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                            .build());
                }
                LOG.info("job.scheduled name={} schedule={} missed_run_fires_now={} next={}", spec.name(),
                        spec.schedule(), plan.fireNow(), plan.firstRegularRun());
            }
            quartz.start();
        } catch (SchedulerException e) {
            close();
            throw new VaultException(VaultException.Kind.IO, "cannot start the job scheduler: " + e.getMessage(), e);
        }
        return plans;
    }

    private Trigger regularTrigger(JobSpec spec, Plan plan) {
        JobSchedule s = spec.schedule();
        TriggerBuilder<Trigger> t = TriggerBuilder.newTrigger().withIdentity(spec.name(), GROUP)
                .forJob(spec.name(), GROUP);
        if (s.every() != null) {
            return t.startAt(Date.from(plan.firstRegularRun()))
                    .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                            .withIntervalInMilliseconds(s.every().toMillis()).repeatForever()
                            .withMisfireHandlingInstructionFireNow())
                    .build();
        }
        return t.startNow().withSchedule(CronScheduleBuilder.cronSchedule(MissedRuns.cron(s.cron(), zone))
                .withMisfireHandlingInstructionFireAndProceed()).build();
    }

    private static void validate(List<JobSpec> specs) {
        Set<String> names = new HashSet<>();
        for (JobSpec s : specs) {
            if (!names.add(s.name())) {
                throw new IllegalArgumentException("two jobs are named " + s.name());
            }
            if (s.schedule().cron() != null) {
                try {
                    MissedRuns.cron(s.schedule().cron(), ZoneId.of("UTC"));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("jobs." + s.name() + ": " + e.getMessage(), e);
                }
            }
        }
    }

    private static Properties properties(int jobs) {
        Properties p = new Properties();
        // Unique per instance: Quartz keeps schedulers in a JVM-wide registry by name.
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, "camvault-" + UUID.randomUUID());
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(Math.max(1, Math.min(jobs, 5))));
        p.setProperty("org.quartz.threadPool.threadPriority", Integer.toString(Thread.NORM_PRIORITY - 1));
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        return p;
    }

    @Override
    public synchronized void close() {
        if (quartz == null) {
            return;
        }
        try {
            quartz.standby();
            for (JobExecutionContext running : quartz.getCurrentlyExecutingJobs()) {
                JobKey key = running.getJobDetail().getKey();
                quartz.interrupt(key);
            }
            quartz.shutdown(true);
        } catch (SchedulerException e) {
            LOG.warn("job.scheduler_shutdown_failed problem={}", e.getMessage());
        } finally {
            quartz = null;
        }
    }
}
