package io.camvault.vault.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import io.camvault.vault.audit.AuditEntry;
import io.camvault.vault.model.CaseRecord;
import io.camvault.vault.model.Description;
import io.camvault.vault.model.Segment;
import io.camvault.vault.model.Trigger;
import io.camvault.vault.retention.RetentionPolicy;
import io.camvault.vault.testsupport.VaultFixture;
import io.camvault.vault.timeliness.LateUploadCheck;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class YearlyStatisticsTest {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    final VaultFixture f = VaultFixture.memory(RetentionPolicy.defaults());

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void figuresPerUnitAndOfficer() {
        Segment a = f.ingest("100001", Duration.ofHours(1), Trigger.SCHEDULED);
        Segment b = f.ingest("100001", Duration.ofHours(30), Trigger.SCHEDULED); // late: > 24 h
        Segment c = f.ingest("100002", Duration.ofHours(2), Trigger.SCHEDULED);
        new LateUploadCheck(f.vault, Duration.ofHours(24), ZONE).run(f.clock.instant());
        CaseRecord k = f.vault.createCase("clerk", "2025-9", "t", "U0001", false);
        f.vault.linkSegment(k.id(), a.id(), new Description("x", null, null, null, null), "clerk");
        f.vault.record(AuditEntry.success("sup", "segment.view", "segment:" + a.id(), Map.of()));
        f.vault.record(AuditEntry.success("sup", "segment.stream", "segment:" + a.id(), Map.of()));
        f.vault.record(AuditEntry.success("sup", "segment.stream", "segment:" + a.id(), Map.of()));
        f.vault.record(AuditEntry.success("auditor", "segment.view", "segment:" + a.id(), Map.of()));
        f.vault.record(AuditEntry.success("clerk", "segment.export", "segment:" + c.id(), Map.of()));
        int year = a.recordedStart().atZone(ZONE).getYear();
        // all three in the same statistics year (the fixture clock is mid-year)
        assertThat(b.recordedStart().atZone(ZONE).getYear()).isEqualTo(year);

        YearlyStatistics.Report r = YearlyStatistics.compute(f.vault, year, ZONE);

        assertThat(r.total().recordings()).isEqualTo(3);
        assertThat(r.total().recordedSeconds()).isEqualTo(3 * 600);
        assertThat(r.total().bytes()).isEqualTo(a.size() + b.size() + c.size());
        assertThat(r.units()).hasSize(1);
        assertThat(r.officers()).extracting(StatisticsRow::officer).containsExactly("100001", "100002");
        StatisticsRow o1 = r.officers().get(0);
        assertThat(o1.recordings()).isEqualTo(2);
        assertThat(o1.onTime()).isEqualTo(1);
        assertThat(o1.onTimeShare()).isEqualTo(0.5);
        assertThat(o1.linkedToCases()).isEqualTo(1);
        assertThat(o1.reviews()).as("per reviewer and day: a view and its stream requests count once").isEqualTo(2);
        assertThat(r.officers().get(1).exports()).isEqualTo(1);
        assertThat(YearlyStatistics.compute(f.vault, year - 1, ZONE).total().recordings()).isZero();
    }
}
