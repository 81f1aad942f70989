package io.camvault.vault.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.camvault.vault.audit.AuditEvent;
import io.camvault.vault.model.Segment;
import io.camvault.vault.model.SegmentDraft;
import io.camvault.vault.model.Trigger;
import io.camvault.vault.testsupport.VaultFixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: retention was computed from the uploader's {@code recordedEnd}, so a recorder token that
 * claimed 2000 (or a recorder whose clock reset to 1970) got its footage queued for deletion a week
 * after ingest. Retain-until is now never earlier than ingest + routine period, and the implausible
 * times are kept and flagged. Failed before the fix.
 */
class UploaderClockHolesTest {
    final VaultFixture f = VaultFixture.memory(RetentionPolicy.defaults());

    @AfterEach
    void close() {
        f.close();
    }

    private Segment ingestClaiming(Instant start, Instant end, String name) {
        return f.ingest(new SegmentDraft(null, name, "A123456", "012345", "110101000000", start, end, 0, "station-1",
                Trigger.SCHEDULED, "p_000000000001"), name.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aClaimedRecordingTimeInThePastQueuedFootageForDeletionAWeekAfterIngest() {
        Instant ingest = f.clock.instant();
        Segment claimed2000 = ingestClaiming(Instant.parse("2000-01-01T08:00:00Z"), Instant.parse("2000-01-01T09:00:00Z"),
                "claimed-2000.mp4");
        Segment reset1970 = ingestClaiming(Instant.EPOCH, Instant.EPOCH.plusSeconds(600), "reset-1970.mp4");

        for (Segment s : new Segment[] {claimed2000, reset1970}) {
            assertThat(s.retainUntil()).as(s.originalName()).isAfterOrEqualTo(ingest.plus(RetentionPolicy.DEFAULT_ROUTINE));
            assertThat(s.recordedStart()).as("the declared time is kept as declared").isBefore(Instant.parse("2000-01-02T00:00:00Z"));
        }
        f.clock.advance(Duration.ofDays(8));
        RetentionSweep.Result swept = f.vault.newRetentionSweep().run(f.clock.instant());
        assertThat(swept.queued()).as("nothing queued a week after ingest").isZero();
        assertThat(f.vault.pendingDeletions()).isEmpty();

        f.clock.advance(RetentionPolicy.DEFAULT_ROUTINE);
        assertThat(f.vault.newRetentionSweep().run(f.clock.instant()).queued())
                .as("due once ingest + routine has passed").isEqualTo(2);
    }

    @Test
    void implausibleRecordingTimesAreFlaggedClockSuspectAtCommit() {
        Segment reset = ingestClaiming(Instant.EPOCH, Instant.EPOCH.plusSeconds(600), "reset.mp4");
        Instant now = f.clock.instant();
        Segment ahead = ingestClaiming(now.plus(Duration.ofDays(3)), now.plus(Duration.ofDays(3)).plusSeconds(60), "ahead.mp4");
        Segment fine = ingestClaiming(now.minus(Duration.ofHours(3)), now.minus(Duration.ofHours(2)), "fine.mp4");

        assertThat(commit(reset).details()).containsKey("clock_suspect");
        assertThat(commit(ahead).details()).containsKey("clock_suspect");
        assertThat(commit(fine).details()).doesNotContainKey("clock_suspect");
        assertThat(ahead.retainUntil()).as("a clock ahead only lengthens retention")
                .isEqualTo(ahead.recordedEnd().plus(RetentionPolicy.DEFAULT_ROUTINE));
    }

    private AuditEvent commit(Segment s) {
        return f.vault.audit().bySubject("segment:" + s.id(), 10).stream()
                .filter(e -> e.action().equals("segment.commit")).findFirst().orElseThrow();
    }
}
