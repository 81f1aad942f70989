package io.camvault.vault.timeliness;

import static org.assertj.core.api.Assertions.assertThat;

import io.camvault.vault.model.Segment;
import io.camvault.vault.model.Trigger;
import io.camvault.vault.retention.RetentionPolicy;
import io.camvault.vault.testsupport.VaultFixture;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class LateUploadCheckTest {

    @Test
    void segmentsIngestedMoreThan24HoursAfterRecordingAreFlaggedOncePerUnitOfficerAndYear() {
        try (VaultFixture f = VaultFixture.memory(RetentionPolicy.defaults())) {
            LateUploadCheck check = new LateUploadCheck(f.vault, Duration.ofHours(24), ZoneId.of("Asia/Shanghai"));
            Segment late = f.ingest("100001", Duration.ofHours(30), Trigger.SCHEDULED);
            f.ingest("100001", Duration.ofHours(2), Trigger.SCHEDULED);
            f.ingest("100002", Duration.ofDays(3), Trigger.SCHEDULED);
            assertThat(check.run(f.clock.instant())).isEqualTo(2);
            int year = late.recordedStart().atZone(ZoneId.of("Asia/Shanghai")).getYear();
            assertThat(LateUploadCheck.count(f.kv, year, null, null)).isEqualTo(2);
            assertThat(LateUploadCheck.count(f.kv, year, "U0001", "100001")).isEqualTo(1);
            assertThat(LateUploadCheck.count(f.kv, year, "U0001", null)).isEqualTo(2);
            assertThat(LateUploadCheck.count(f.kv, year + 1, null, null)).isZero();

            // A rerun (or one after a crash) rescans the overlap and changes nothing.
            check.run(f.clock.instant());
            assertThat(LateUploadCheck.count(f.kv, year, null, null)).isEqualTo(2);

            // Much later, only the new segment is scanned beyond the overlap.
            f.clock.advance(Duration.ofDays(1));
            f.ingest("100003", Duration.ofHours(25), Trigger.SCHEDULED);
            assertThat(check.run(f.clock.instant())).isEqualTo(1);
            assertThat(LateUploadCheck.count(f.kv, year, null, null)).isEqualTo(3);
        }
    }
}
