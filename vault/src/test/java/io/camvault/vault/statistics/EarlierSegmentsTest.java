package io.camvault.vault.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import io.camvault.vault.audit.AuditEvent;
import io.camvault.vault.media.MediaRecord;
import io.camvault.vault.kv.ColumnFamily;
import io.camvault.vault.kv.Keys;
import io.camvault.vault.kv.Records;
import io.camvault.vault.model.Segment;
import io.camvault.vault.model.Trigger;
import io.camvault.vault.retention.RetentionPolicy;
import io.camvault.vault.testsupport.VaultFixture;
import io.camvault.vault.timeliness.LateUploadCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Segments of releases that decided lateness in a job and kept no duration get both once, at start-up. */
class EarlierSegmentsTest {

    /** What an earlier release left: no lateness decision, no duration in the segment, a media record beside it. */
    private static Segment asEarlierRelease(VaultFixture f, Segment s, MediaRecord media) {
        Segment older = new Segment(s.id(), s.sha256(), s.sm3(), s.size(), s.originalName(), s.mediaKind(),
                s.recorderSerial(), s.officerBadge(), s.unitCode(), s.recordedStart(), s.recordedEnd(),
                s.clockDriftMs(), s.ingestedAt(), s.stationId(), s.trigger(), s.uploadedBy(), s.retentionClass(),
                s.retainUntil(), s.holds(), s.caseIds());
        f.vault.commit(b -> {
            f.vault.segments().update(b, s, older);
            b.delete(ColumnFamily.LATE_UPLOADS, Keys.lateUploadKey(f.vault.timeliness().year(s), s.unitCode(),
                    s.officerBadge(), s.id()));
            if (media != null) {
                b.put(ColumnFamily.MEDIA, Keys.segment(s.id()), Records.encode(media));
            }
        }, List.of());
        return older;
    }

    @Test
    void undecidedSegmentsAreDecidedOnceWithTheirProbedDuration() {
        try (VaultFixture f = VaultFixture.memory(RetentionPolicy.defaults())) {
            Segment late = f.ingest("100001", Duration.ofDays(12), Trigger.SCHEDULED);
            Segment onTime = f.ingest("100001", Duration.ofHours(2), Trigger.SCHEDULED);
            asEarlierRelease(f, late, new MediaRecord(YearlyStatisticsTest.audio(4_000), null, null,
                    f.clock.instant(), null));
            asEarlierRelease(f, onTime, null);
            int year = f.vault.timeliness().year(late);
            assertThat(LateUploadCheck.count(f.kv, year, null, null)).isZero();

            assertThat(EarlierSegments.decide(f.vault)).isEqualTo(2);

            Segment l = f.vault.segments().get(late.id()).orElseThrow();
            Segment o = f.vault.segments().get(onTime.id()).orElseThrow();
            assertThat(l.late()).isTrue();
            assertThat(l.durationMillis()).isEqualTo(4_000L);
            assertThat(o.late()).isFalse();
            assertThat(o.durationMillis()).as("not probed: still unknown").isNull();
            assertThat(LateUploadCheck.count(f.kv, year, null, null)).isEqualTo(1);
            List<AuditEvent> events = new ArrayList<>();
            f.vault.audit().forEach(0, events::add);
            assertThat(events).filteredOn(e -> e.action().equals("segments.figures_decided")).hasSize(1);

            assertThat(EarlierSegments.decide(f.vault)).as("once per index").isZero();
        }
    }
}
