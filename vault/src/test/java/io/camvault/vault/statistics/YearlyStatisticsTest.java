package io.camvault.vault.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import io.camvault.vault.audit.AuditEntry;
import io.camvault.vault.media.MediaFacts;
import io.camvault.vault.media.MediaJobs;
import io.camvault.vault.media.MediaRecord;
import io.camvault.vault.media.Playability;
import io.camvault.vault.model.CaseRecord;
import io.camvault.vault.model.Description;
import io.camvault.vault.model.MediaKind;
import io.camvault.vault.model.Segment;
import io.camvault.vault.model.Trigger;
import io.camvault.vault.retention.RetentionPolicy;
import io.camvault.vault.schedule.JobRunner;
import io.camvault.vault.schedule.JobSpec;
import io.camvault.vault.schedule.Maintenance;
import io.camvault.vault.testsupport.VaultFixture;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The yearly figures, including the inputs that once made them wrong: file times taken for
 * durations (two short audio files whose modification times lay 300 hours after their start counted as
 * 600 hours; a 0-byte file added hours), an on-time share that depended on whether the hourly
 * late-upload job had run yet, and an empty year shown as 100 % on time.
 */
class YearlyStatisticsTest {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    final VaultFixture f = VaultFixture.memory(RetentionPolicy.defaults());

    @AfterEach
    void close() {
        f.close();
    }

    private int year(Segment s) {
        return s.recordedStart().atZone(ZONE).getYear();
    }

    private void probed(Segment s, MediaFacts facts) {
        f.vault.mediaJobs().complete(s.id(), new MediaRecord(facts, null, null, f.clock.instant(), null));
    }

    static MediaFacts audio(long millis) {
        return new MediaFacts(MediaKind.AUDIO, "wav", millis, null, null, 0, 0, 0, 0, 0, "pcm_s16le", 16000, 1, null,
                null, Playability.NEEDS_TRANSCODE, "PCM audio");
    }

    @Test
    void figuresPerUnitAndOfficer() {
        Segment a = f.ingest("100001", Duration.ofHours(1), Trigger.SCHEDULED);
        Segment b = f.ingest("100001", Duration.ofHours(30), Trigger.SCHEDULED); // late: > 24 h
        Segment c = f.ingest("100002", Duration.ofHours(2), Trigger.SCHEDULED);
        probed(a, audio(600_000));
        probed(b, audio(600_000));
        probed(c, audio(600_000));
        CaseRecord k = f.vault.createCase("clerk", "2025-9", "t", "U0001", false);
        f.vault.linkSegment(k.id(), a.id(), new Description("arrest at the north gate", "arrest", "Zhang San",
                "north gate", "2025-03-01 08:03"), "clerk");
        f.vault.record(AuditEntry.success("sup", "segment.view", "segment:" + a.id(), Map.of()));
        f.vault.record(AuditEntry.success("sup", "segment.stream", "segment:" + a.id(), Map.of()));
        f.vault.record(AuditEntry.success("sup", "segment.stream", "segment:" + a.id(), Map.of()));
        f.vault.record(AuditEntry.success("auditor", "segment.view", "segment:" + a.id(), Map.of()));
        f.vault.record(AuditEntry.success("clerk", "segment.export", "segment:" + c.id(), Map.of()));
        int year = year(a);
        // all three in the same statistics year (the fixture clock is mid-year)
        assertThat(year(b)).isEqualTo(year);

        YearlyStatistics.Report r = YearlyStatistics.compute(f.vault, year, ZONE);

        assertThat(r.total().recordings()).isEqualTo(3);
        assertThat(r.total().recordedMillis()).isEqualTo(3 * 600_000);
        assertThat(r.total().unknownDuration()).isZero();
        assertThat(r.total().bytes()).isEqualTo(a.size() + b.size() + c.size());
        assertThat(r.units()).hasSize(1);
        assertThat(r.officers()).extracting(StatisticsRow::officer).containsExactly("100001", "100002");
        StatisticsRow o1 = r.officers().get(0);
        assertThat(o1.recordings()).isEqualTo(2);
        assertThat(o1.onTime()).isEqualTo(1);
        assertThat(o1.late()).isEqualTo(1);
        assertThat(o1.onTimeShare()).isEqualTo(0.5);
        assertThat(o1.linkedToCases()).isEqualTo(1);
        assertThat(o1.reviews()).as("per reviewer and day: a view and its stream requests count once").isEqualTo(2);
        assertThat(r.officers().get(1).exports()).isEqualTo(1);
        // the fixture's clock is 1 May, 16:00 local: b (30 h earlier) counts in April, a and c in May
        assertThat(r.months()).hasSize(12);
        assertThat(r.months().get(3).recordings()).isEqualTo(1);
        assertThat(r.months().get(4).recordings()).isEqualTo(2);
        assertThat(r.months().get(4).hours()).isEqualTo(2 * 600 / 3600.0);
        assertThat(r.unitMonths()).hasSize(12).allMatch(m -> "U0001".equals(m.unit()));
    }

    /** Two audio files of 4 s and 3 s whose declared ends (file times) lay 300 hours on counted as 600 hours. */
    @Test
    void hoursComeFromTheProbedDurationNotFromFileTimes() {
        Segment four = f.ingestDeclared("100001", Duration.ofHours(300), Trigger.SCHEDULED);
        Segment three = f.ingestDeclared("100001", Duration.ofHours(300), Trigger.SCHEDULED);
        int year = year(four);

        YearlyStatistics.Report before = YearlyStatistics.compute(f.vault, year, ZONE);
        assertThat(before.total().recordedMillis()).as("unknown before the probe: no guess").isZero();
        assertThat(before.total().unknownDuration()).isEqualTo(2);

        probed(four, audio(4_000));
        probed(three, audio(3_000));
        YearlyStatistics.Report after = YearlyStatistics.compute(f.vault, year, ZONE);
        assertThat(after.total().recordedMillis()).isEqualTo(7_000);
        assertThat(after.total().unknownDuration()).isZero();
        Segment stored = f.vault.segments().get(four.id()).orElseThrow();
        assertThat(stored.knownEnd()).contains(four.recordedStart().plusSeconds(4));
        assertThat(stored.recordedEnd()).as("the declaration is kept").isEqualTo(four.recordedEnd());
    }

    /** A 0-byte file added 12 hours (its file times); it is not media, so its duration stays unknown. */
    @Test
    void aZeroByteFileAddsNoHours() {
        Segment empty = f.ingestBytes(new byte[0], "A123456_100001_20250601083000.mp4", Duration.ofHours(12));
        probed(empty, MediaFacts.unplayable(MediaKind.VIDEO, "no audio or video stream"));
        StatisticsRow total = YearlyStatistics.compute(f.vault, year(empty), ZONE).total();
        assertThat(total.recordings()).isEqualTo(1);
        assertThat(total.recordedMillis()).isZero();
        assertThat(total.unknownDuration()).isEqualTo(1);
        assertThat(f.vault.segments().get(empty.id()).orElseThrow().knownEnd()).isEmpty();
    }

    /** 12-day-old footage showed 100 % on time right after ingest and 76 % once the hourly job had run. */
    @Test
    void twelveDayOldFootageIsLateBeforeAndAfterEveryJobRuns() {
        Segment old = f.ingest("100001", Duration.ofDays(12), Trigger.SCHEDULED);
        f.ingest("100001", Duration.ofHours(1), Trigger.SCHEDULED);
        int year = year(old);
        StatisticsRow before = YearlyStatistics.compute(f.vault, year, ZONE).total();
        for (JobSpec job : Maintenance.create(f.vault, now -> 0).jobs()) {
            new JobRunner(f.vault, job).runOnce();
        }
        StatisticsRow after = YearlyStatistics.compute(f.vault, year, ZONE).total();
        assertThat(before.onTimeShare()).isEqualTo(0.5);
        assertThat(after).isEqualTo(before);
    }

    @Test
    void anEmptyYearHasNoOnTimeShare() {
        Segment s = f.ingest(Duration.ofHours(1));
        StatisticsRow empty = YearlyStatistics.compute(f.vault, year(s) - 1, ZONE).total();
        assertThat(empty.recordings()).isZero();
        assertThat(empty.onTimeShare()).isNull();
    }
}
