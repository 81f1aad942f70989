package io.camvault.vault.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camvault.vault.JobSchedule;
import io.camvault.vault.audit.AuditEvent;
import io.camvault.vault.retention.RetentionPolicy;
import io.camvault.vault.testsupport.VaultFixture;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JobSchedulerTest {
    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final Instant NOW = Instant.parse("2024-05-10T04:00:00Z");
    private static final JobSchedule HOURLY = JobSchedule.every(Duration.ofHours(1));
    private static final JobSchedule NIGHTLY = JobSchedule.cron("0 0 3 * * ?");

    private static JobSpec spec(String name, JobSchedule s) {
        return new JobSpec(name, s, now -> { });
    }

    @Test
    void missedRunsFireOnceAtStartAndOthersWaitForTheirTurn() {
        Map<String, Instant> last = Map.of(
                "overdue", NOW.minus(Duration.ofHours(5)),
                "recent", NOW.minus(Duration.ofMinutes(10)),
                "nightly-missed", Instant.parse("2024-05-09T03:00:00Z"),
                "nightly-done", Instant.parse("2024-05-10T03:00:00Z"));
        List<JobScheduler.Plan> plans = JobScheduler.plan(List.of(spec("overdue", HOURLY), spec("recent", HOURLY),
                spec("never", HOURLY), spec("nightly-missed", NIGHTLY), spec("nightly-done", NIGHTLY)), last::get, NOW, UTC);
        assertThat(plans).containsExactly(
                new JobScheduler.Plan("overdue", true, NOW.plus(Duration.ofHours(1))),
                new JobScheduler.Plan("recent", false, NOW.plus(Duration.ofMinutes(50))),
                new JobScheduler.Plan("never", true, NOW.plus(Duration.ofHours(1))),
                new JobScheduler.Plan("nightly-missed", true, Instant.parse("2024-05-11T03:00:00Z")),
                new JobScheduler.Plan("nightly-done", false, Instant.parse("2024-05-11T03:00:00Z")));
        // Five hours of downtime still means one run, not five.
        assertThat(plans.stream().filter(JobScheduler.Plan::fireNow).count()).isEqualTo(3);
    }

    @Test
    void aFailedRunIsNotRecordedSoTheNextStartFiresItAgain() {
        try (VaultFixture f = VaultFixture.memory(RetentionPolicy.defaults())) {
            JobRunner failing = new JobRunner(f.vault, new JobSpec("flaky", HOURLY, now -> {
                throw new IllegalStateException("disk went away mid-run");
            }));
            assertThat(failing.runOnce()).isFalse();
            assertThat(JobRunner.lastSuccess(f.vault, "flaky")).isNull();
            JobRunner ok = new JobRunner(f.vault, new JobSpec("flaky", HOURLY, now -> { }));
            assertThat(ok.runOnce()).isTrue();
            assertThat(JobRunner.lastSuccess(f.vault, "flaky")).isEqualTo(f.clock.instant());
            f.clock.advance(Duration.ofMinutes(30));
            assertThat(JobScheduler.plan(List.of(spec("flaky", HOURLY)), n -> JobRunner.lastSuccess(f.vault, n),
                    f.clock.instant(), UTC).get(0).fireNow()).isFalse();
            f.clock.advance(Duration.ofMinutes(31));
            assertThat(JobScheduler.plan(List.of(spec("flaky", HOURLY)), n -> JobRunner.lastSuccess(f.vault, n),
                    f.clock.instant(), UTC).get(0).fireNow()).isTrue();
        }
    }

    @Test
    void onQuartzAMissedJobRunsOnceAtStartAndAFreshOneDoesNot() throws Exception {
        try (VaultFixture f = VaultFixture.memory(RetentionPolicy.defaults())) {
            f.clock.set(Instant.now()); // Quartz fires by the wall clock
            CountDownLatch missedRan = new CountDownLatch(1);
            AtomicInteger missedRuns = new AtomicInteger();
            AtomicInteger freshRuns = new AtomicInteger();
            new JobRunner(f.vault, new JobSpec("fresh", HOURLY, now -> { })).runOnce();
            try (JobScheduler scheduler = new JobScheduler(f.vault, UTC)) {
                List<JobScheduler.Plan> plans = scheduler.start(List.of(
                        new JobSpec("missed", HOURLY, now -> {
                            missedRuns.incrementAndGet();
                            missedRan.countDown();
                        }),
                        new JobSpec("fresh", HOURLY, now -> freshRuns.incrementAndGet())));
                assertThat(missedRan.await(10, TimeUnit.SECONDS)).isTrue();
                // Quartz was given no trigger for the fresh job before its next regular hour
                assertThat(plans).filteredOn(p -> p.name().equals("fresh")).singleElement().satisfies(p -> {
                    assertThat(p.fireNow()).isFalse();
                    assertThat(p.firstRegularRun()).isAfter(f.clock.instant().plus(java.time.Duration.ofMinutes(59)));
                });
                assertThat(plans).filteredOn(p -> p.name().equals("missed")).singleElement()
                        .satisfies(p -> assertThat(p.fireNow()).isTrue());
            }
            assertThat(missedRuns.get()).isEqualTo(1);
            assertThat(freshRuns.get()).isZero();
            assertThat(JobRunner.lastSuccess(f.vault, "missed")).isNotNull();
        }
    }

    @Test
    void aBadCronExpressionIsRefusedNamingTheJob() {
        try (VaultFixture f = VaultFixture.memory(RetentionPolicy.defaults());
                JobScheduler scheduler = new JobScheduler(f.vault, UTC)) {
            assertThatThrownBy(() -> scheduler.start(List.of(spec("retention-sweep", JobSchedule.cron("every day")))))
                    .hasMessageStartingWith("jobs.retention-sweep: invalid cron expression");
        }
    }

    @Test
    void uploadExpiryAuditsWhatWasRemoved() {
        try (VaultFixture f = VaultFixture.memory(RetentionPolicy.defaults())) {
            UploadExpiryJob job = new UploadExpiryJob(f.vault, now -> 3);
            assertThat(job.run(f.clock.instant())).isEqualTo(3);
            assertThat(f.vault.audit().bySubject("uploads:unfinished", 10)).extracting(AuditEvent::action)
                    .containsExactly("upload.expire");
            assertThat(new UploadExpiryJob(f.vault, now -> 0).run(f.clock.instant())).isZero();
            assertThat(f.vault.audit().bySubject("uploads:unfinished", 10)).hasSize(1);
        }
    }

    @Test
    void theDaemonsJobsAreBuiltFromConfigurationAndCreateTheNodeKey() {
        try (VaultFixture f = VaultFixture.memory(RetentionPolicy.defaults())) {
            Maintenance m = Maintenance.create(f.vault, now -> 0);
            assertThat(m.jobs()).extracting(JobSpec::name).containsExactly(Maintenance.RETENTION_SWEEP,
                    Maintenance.FIXITY, Maintenance.UPLOAD_EXPIRY, Maintenance.AUDIT_CHECKPOINT);
            assertThat(f.dir.resolve("keys/node-ed25519.pub")).exists();
            for (JobSpec s : m.jobs()) {
                assertThat(new JobRunner(f.vault, s).runOnce()).as(s.name()).isTrue();
            }
            assertThat(f.dir.resolve("checkpoints.log")).exists();
        }
    }
}
