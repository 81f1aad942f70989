package io.camvault.vault.timeliness;

import static org.assertj.core.api.Assertions.assertThat;

import io.camvault.vault.model.Segment;
import io.camvault.vault.model.Trigger;
import io.camvault.vault.retention.RetentionPolicy;
import io.camvault.vault.schedule.JobRunner;
import io.camvault.vault.schedule.JobSpec;
import io.camvault.vault.schedule.Maintenance;
import io.camvault.vault.testsupport.VaultFixture;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Lateness is decided when a segment is committed, from its declared end, and never again. */
class LateUploadCheckTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @Test
    void segmentsIngestedMoreThan24HoursAfterRecordingAreLateFromTheirCommitOnwards() {
        try (VaultFixture f = VaultFixture.memory(RetentionPolicy.defaults())) {
            Segment late = f.ingest("100001", Duration.ofHours(30), Trigger.SCHEDULED);
            Segment onTime = f.ingest("100001", Duration.ofHours(2), Trigger.SCHEDULED);
            Segment twelveDaysOld = f.ingest("100002", Duration.ofDays(12), Trigger.SCHEDULED);

            assertThat(late.late()).isTrue();
            assertThat(onTime.late()).isFalse();
            assertThat(twelveDaysOld.late()).isTrue();
            assertThat(f.vault.segments().get(late.id()).orElseThrow().late()).as("stored as committed").isTrue();
            int year = late.recordedStart().atZone(ZONE).getYear();
            assertThat(LateUploadCheck.count(f.kv, year, null, null)).isEqualTo(2);
            assertThat(LateUploadCheck.count(f.kv, year, "U0001", "100001")).isEqualTo(1);
            assertThat(LateUploadCheck.count(f.kv, year, "U0001", null)).isEqualTo(2);
            assertThat(LateUploadCheck.count(f.kv, year + 1, null, null)).isZero();
        }
    }

    @Test
    void noScheduledJobChangesTheDecision() {
        try (VaultFixture f = VaultFixture.memory(RetentionPolicy.defaults())) {
            Segment s = f.ingest("100001", Duration.ofDays(12), Trigger.SCHEDULED);
            f.clock.advance(Duration.ofDays(2));
            for (JobSpec job : Maintenance.create(f.vault, now -> 0).jobs()) {
                new JobRunner(f.vault, job).runOnce();
            }
            assertThat(f.vault.segments().get(s.id()).orElseThrow().late()).isTrue();
            int year = s.recordedStart().atZone(ZONE).getYear();
            assertThat(LateUploadCheck.count(f.kv, year, null, null)).isEqualTo(1);
        }
    }

    @Test
    void exactlyTheThresholdIsStillInTime() {
        LateUploadCheck check = new LateUploadCheck(Duration.ofHours(24), ZONE);
        java.time.Instant end = java.time.Instant.parse("2026-11-20T00:30:00Z");
        assertThat(check.late(end, end.plus(Duration.ofHours(24)))).isFalse();
        assertThat(check.late(end, end.plus(Duration.ofHours(24)).plusMillis(1))).isTrue();
        assertThat(check.late(end, end.minusSeconds(5))).as("a declared end after ingest is not late").isFalse();
    }
}
