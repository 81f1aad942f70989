package io.camvault.vault.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import io.camvault.vault.audit.AuditEvent;
import io.camvault.vault.model.Segment;
import io.camvault.vault.retention.RetentionPolicy;
import io.camvault.vault.testsupport.VaultFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FixityAuditTest {
    private static final Duration CYCLE = Duration.ofDays(30);

    /** Time moves only when the bucket sleeps, or by a fixed step per reading when asked. */
    static final class FakePacer implements Pacer {
        long now;
        long stepPerRead;
        long slept;

        @Override
        public long nanoTime() {
            now += stepPerRead;
            return now;
        }

        @Override
        public void sleepNanos(long nanos) {
            slept += nanos;
            now += nanos;
        }
    }

    private static FixityAudit audit(VaultFixture f, FakePacer pacer) {
        return new FixityAudit(f.vault, CYCLE, 1 << 30, Duration.ofHours(1), pacer);
    }

    @Test
    void aFlippedByteAndADeletedFileAreReportedExactlyAtTheNextRun() throws Exception {
        try (VaultFixture f = VaultFixture.files(RetentionPolicy.defaults())) {
            List<Segment> segments = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                segments.add(f.ingest(Duration.ofDays(1)));
            }
            FixityAudit fixity = audit(f, new FakePacer());
            FixityAudit.Result first = fixity.run(f.clock.instant());
            assertThat(first.checked()).isEqualTo(5);
            assertThat(first.alarms()).isEmpty();
            assertThat(first.passComplete()).isTrue();

            Segment flipped = segments.get(1);
            Segment deleted = segments.get(3);
            Path file = io.camvault.vault.testsupport.Staged.localFile(f.objects, flipped.sha256());
            file.toFile().setWritable(true);
            byte[] bytes = Files.readAllBytes(file);
            bytes[bytes.length / 2] ^= 0x01;
            Files.write(file, bytes);
            Path gone = io.camvault.vault.testsupport.Staged.localFile(f.objects, deleted.sha256());
            gone.getParent().toFile().setWritable(true);
            Files.delete(gone);

            // Within the cycle the completed pass is not repeated.
            assertThat(fixity.run(f.clock.instant()).checked()).isZero();
            f.clock.advance(CYCLE);
            FixityAudit.Result second = fixity.run(f.clock.instant());
            assertThat(second.checked()).isEqualTo(5);
            // Ids taken in one fake-clock millisecond have no set order, so match by subject.
            assertThat(second.alarms()).extracting(a -> a.subject() + " " + a.kind()).containsExactlyInAnyOrder(
                    "segment:" + flipped.id() + " fixity.changed", "segment:" + deleted.id() + " fixity.missing");
            assertThat(f.vault.alarms()).containsExactlyInAnyOrderElementsOf(second.alarms());
            assertThat(fixity.failuresTotal()).isEqualTo(2);
            assertThat(f.vault.audit().bySubject("segment:" + flipped.id(), 10)).extracting(AuditEvent::action)
                    .containsExactly("segment.commit", "segment.fixity_failed");
            assertThat(f.vault.audit().bySubject("segment:" + segments.get(0).id(), 10)).extracting(AuditEvent::action)
                    .containsExactly("segment.commit");
        }
    }

    @Test
    void aRunCutShortResumesAfterTheLastCheckedSegmentWithoutDoubleAlarms() throws Exception {
        try (VaultFixture f = VaultFixture.files(RetentionPolicy.defaults())) {
            List<Segment> segments = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                segments.add(f.ingest(Duration.ofDays(1)));
            }
            Path gone = io.camvault.vault.testsupport.Staged.localFile(f.objects, segments.get(0).sha256());
            gone.getParent().toFile().setWritable(true);
            Files.delete(gone);
            FakePacer pacer = new FakePacer();
            // Each clock reading moves 20 min; the 1 h budget allows a couple of segments per run.
            pacer.stepPerRead = Duration.ofMinutes(20).toNanos();
            FixityAudit fixity = audit(f, pacer);
            int total = 0;
            int runs = 0;
            int alarms = 0;
            FixityAudit.Result r;
            do {
                r = fixity.run(f.clock.instant());
                total += r.checked();
                alarms += r.alarms().size();
                runs++;
            } while (!r.passComplete() && runs < 20);
            assertThat(runs).isGreaterThan(1);
            assertThat(total).isEqualTo(6);
            assertThat(alarms).isEqualTo(1);
            assertThat(f.vault.alarms()).hasSize(1);
            // A fresh instance (a restart) also finds the pass complete.
            assertThat(audit(f, new FakePacer()).run(f.clock.instant()).checked()).isZero();
        }
    }

    @Test
    void theBucketHoldsTheReadRateToTheLimit() throws Exception {
        FakePacer pacer = new FakePacer();
        TokenBucket bucket = new TokenBucket(1_000_000, pacer);
        for (int i = 0; i < 10; i++) {
            bucket.acquire(1_000_000);
        }
        // 10 MB at 1 MB/s: about 10 s of waiting, however the reads are split.
        assertThat(pacer.slept).isBetween(9_900_000_000L, 10_100_000_000L);
    }
}
