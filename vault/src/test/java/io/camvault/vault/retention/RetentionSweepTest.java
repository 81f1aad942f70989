package io.camvault.vault.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camvault.vault.Vault;
import io.camvault.vault.VaultException;
import io.camvault.vault.audit.AuditEvent;
import io.camvault.vault.index.SegmentQuery;
import io.camvault.vault.model.CaseRecord;
import io.camvault.vault.model.Description;
import io.camvault.vault.model.Hold;
import io.camvault.vault.model.RetentionClass;
import io.camvault.vault.model.Segment;
import io.camvault.vault.model.Trigger;
import io.camvault.vault.store.MemoryObjectStore;
import io.camvault.vault.testsupport.VaultFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionSweepTest {
    private static final Duration DAY = Duration.ofDays(1);
    private static final Description DESC = new Description("officer stops a vehicle", "stop", "driver", "road 7", "noon");

    @Test
    void aRoutineSegment181DaysOldIsQueuedThenPurgedLeavingTombstoneAndAuditWhileEvidenceStays() {
        try (VaultFixture f = VaultFixture.memory(RetentionPolicy.defaults())) {
            Vault v = f.vault;
            Segment routine = f.ingestPromptly(Duration.ofDays(181));
            Segment evidence = f.ingestPromptly(Duration.ofDays(181));
            Segment marked = f.ingestPromptly("100002", Duration.ofDays(181), Trigger.MARKED);
            Segment young = f.ingestPromptly(Duration.ofDays(170));
            CaseRecord c = v.createCase("clerk-1", "2024-0001", "theft", "U0001", false);
            v.linkSegment(c.id(), evidence.id(), DESC, "clerk-1");
            v.closeCase(c.id(), "judgment", "clerk-1");

            RetentionSweep sweep = v.newRetentionSweep();
            assertThat(sweep.run(f.clock.instant())).isEqualTo(new RetentionSweep.Result(1, 0, 0, 0, 0));
            assertThat(v.pendingDeletions()).singleElement().satisfies(p -> {
                assertThat(p.segmentId()).isEqualTo(routine.id());
                assertThat(p.dueAt()).isEqualTo(f.clock.instant().plus(Duration.ofDays(7)));
            });
            // Rerunning does not queue twice, and nothing is purged before the due date.
            f.clock.advance(Duration.ofDays(6));
            assertThat(sweep.run(f.clock.instant())).isEqualTo(new RetentionSweep.Result(0, 0, 0, 0, 0));
            assertThat(f.objects.stat(routine.sha256())).isPresent();

            f.clock.advance(DAY);
            assertThat(sweep.run(f.clock.instant())).isEqualTo(new RetentionSweep.Result(0, 1, 0, 1, 0));
            assertThat(f.objects.stat(routine.sha256())).isEmpty();
            assertThat(v.segments().get(routine.id())).isEmpty();
            assertThat(v.segments().findByHash(routine.sha256())).isEmpty();
            assertThat(v.segments().search(SegmentQuery.byOfficer("100001", null, null, 100)).items())
                    .extracting(Segment::id).containsExactlyInAnyOrder(evidence.id(), young.id());
            Tombstone t = v.tombstone(routine.id()).orElseThrow();
            assertThat(t.sha256()).isEqualTo(routine.sha256());
            assertThat(t.size()).isEqualTo(routine.size());
            assertThat(t.segment()).isEqualTo(routine);
            assertThat(t.reason()).contains("retention expired");
            List<AuditEvent> trail = v.audit().bySubject("segment:" + routine.id(), 10);
            assertThat(trail).extracting(AuditEvent::action)
                    .containsExactly("segment.commit", "segment.purge_queued", "segment.purge");
            assertThat(trail.get(2).details()).containsEntry("sha256", routine.sha256().hex());

            assertThat(v.segments().get(evidence.id())).get().satisfies(s -> {
                assertThat(s.retentionClass()).isEqualTo(RetentionClass.EVIDENCE);
                assertThat(s.retainUntil()).isNull();
            });
            assertThat(f.objects.stat(evidence.sha256())).isPresent();
            assertThat(f.objects.stat(marked.sha256())).isPresent();
            assertThat(v.audit().verify().intact()).isTrue();
        }
    }

    @Test
    void anAdminCanCancelAQueuedDeletionWithAReasonAndTheSweepDoesNotRequeueIt() {
        try (VaultFixture f = VaultFixture.memory(RetentionPolicy.defaults())) {
            Vault v = f.vault;
            Segment s = f.ingestPromptly(Duration.ofDays(200));
            RetentionSweep sweep = v.newRetentionSweep();
            sweep.run(f.clock.instant());
            assertThatThrownBy(() -> v.cancelPendingDeletion(s.id(), "admin-1", " "))
                    .isInstanceOf(VaultException.class).hasMessageContaining("reason");
            Hold hold = v.cancelPendingDeletion(s.id(), "admin-1", "complaint pending");
            assertThat(v.pendingDeletions()).isEmpty();
            f.clock.advance(Duration.ofDays(30));
            assertThat(sweep.run(f.clock.instant())).isEqualTo(new RetentionSweep.Result(0, 0, 0, 0, 0));
            assertThat(v.audit().bySubject("segment:" + s.id(), 10)).extracting(AuditEvent::action)
                    .contains("segment.purge_cancelled");

            // Releasing the hold makes it eligible again: queued, then purged a week later.
            v.releaseSegment(s.id(), hold.id(), "complaint settled", "admin-1");
            assertThat(sweep.run(f.clock.instant()).queued()).isEqualTo(1);
            f.clock.advance(Duration.ofDays(7));
            assertThat(sweep.run(f.clock.instant()).purged()).isEqualTo(1);
        }
    }

    @Test
    void protectionAddedWhileQueuedDropsTheEntryAtOnce() {
        try (VaultFixture f = VaultFixture.memory(RetentionPolicy.defaults())) {
            Vault v = f.vault;
            Segment s = f.ingestPromptly(Duration.ofDays(200));
            RetentionSweep sweep = v.newRetentionSweep();
            sweep.run(f.clock.instant());
            CaseRecord c = v.createCase("clerk-1", "2024-0002", "assault", "U0001", false);
            v.linkSegment(c.id(), s.id(), DESC, "clerk-1");
            assertThat(v.pendingDeletions()).isEmpty();
            f.clock.advance(Duration.ofDays(8));
            assertThat(sweep.run(f.clock.instant()).purged()).isZero();
            assertThat(f.objects.stat(s.sha256())).isPresent();
        }
    }

    @Test
    void aPurgeInterruptedAfterTheObjectWentIsCompletedByTheRerun() {
        try (VaultFixture f = VaultFixture.with(RetentionPolicy.defaults(), clock -> new FaultyPurges(new MemoryObjectStore()))) {
            Vault v = f.vault;
            FaultyPurges store = (FaultyPurges) f.objects;
            Segment a = f.ingestPromptly(Duration.ofDays(200));
            Segment b = f.ingestPromptly(Duration.ofDays(200));
            Segment c = f.ingestPromptly(Duration.ofDays(200));
            v.newRetentionSweep().run(f.clock.instant());
            f.clock.advance(Duration.ofDays(7));

            // The second removal takes the object, then the process "dies" before recording it.
            store.crashAfterPurge = 2;
            assertThatThrownBy(() -> v.newRetentionSweep().run(f.clock.instant())).hasMessageContaining("crash");
            assertThat(v.tombstones()).as("every purge is recorded before any object goes").hasSize(3);
            assertThat(v.purgeRecords().removals()).hasSize(2);
            assertThat(v.audit().verify().intact()).isTrue();

            RetentionSweep.Result rerun = v.newRetentionSweep().run(f.clock.instant());
            assertThat(rerun).isEqualTo(new RetentionSweep.Result(0, 0, 0, 2, 0));
            assertThat(v.purgeRecords().removals()).isEmpty();
            for (Segment s : List.of(a, b, c)) {
                assertThat(v.segments().get(s.id())).isEmpty();
                assertThat(f.objects.stat(s.sha256())).isEmpty();
                assertThat(v.audit().bySubject("segment:" + s.id(), 10)).extracting(AuditEvent::action)
                        .containsOnlyOnce("segment.purge");
                assertThat(v.audit().bySubject("object:" + s.sha256().hex(), 10)).extracting(AuditEvent::action)
                        .containsExactly("object.purge");
            }
            assertThat(v.newRetentionSweep().run(f.clock.instant())).isEqualTo(new RetentionSweep.Result(0, 0, 0, 0, 0));
            assertThat(v.audit().verify().intact()).isTrue();
        }
    }

    /** The hole: the purge removed the object under the ledger's lock, so a slow store DELETE stalled every commit. */
    @Test
    void aSlowStoreDeleteStallsNoOtherCommit() throws Exception {
        try (VaultFixture f = VaultFixture.with(RetentionPolicy.defaults(), clock -> new FaultyPurges(new MemoryObjectStore()))) {
            Vault v = f.vault;
            FaultyPurges store = (FaultyPurges) f.objects;
            f.ingestPromptly(Duration.ofDays(200));
            v.newRetentionSweep().run(f.clock.instant());
            f.clock.advance(Duration.ofDays(7));
            store.entered = new java.util.concurrent.CountDownLatch(1);
            store.release = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                var sweep = pool.submit(() -> v.newRetentionSweep().run(f.clock.instant()));
                assertThat(store.entered.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

                // While the store is still deleting, other changes commit.
                var other = pool.submit(() -> v.createCase("clerk-1", "2025-0100", "theft", "U0001", false));
                assertThat(other.get(30, java.util.concurrent.TimeUnit.SECONDS).number()).isEqualTo("2025-0100");

                store.release.countDown();
                assertThat(sweep.get(30, java.util.concurrent.TimeUnit.SECONDS).removed()).isEqualTo(1);
            } finally {
                store.release.countDown();
                pool.shutdownNow();
            }
        }
    }

    @Test
    void theSameBytesIngestedAgainBeforeTheObjectWentKeepTheObjectForTheNewSegment() {
        try (VaultFixture f = VaultFixture.with(RetentionPolicy.defaults(), clock -> new FaultyPurges(new MemoryObjectStore()))) {
            Vault v = f.vault;
            FaultyPurges store = (FaultyPurges) f.objects;
            byte[] bytes = "the same footage twice".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            Segment old = f.ingestBytesPromptly(bytes, Duration.ofDays(200));
            v.newRetentionSweep().run(f.clock.instant());
            f.clock.advance(Duration.ofDays(7));
            store.crashBeforePurge = 1;
            assertThatThrownBy(() -> v.newRetentionSweep().run(f.clock.instant())).hasMessageContaining("crash");
            assertThat(v.segments().get(old.id())).isEmpty();

            Segment again = f.ingestBytes(bytes, Duration.ofDays(1));
            RetentionSweep.Result rerun = v.newRetentionSweep().run(f.clock.instant());

            assertThat(rerun.removed()).isEqualTo(1);
            assertThat(f.objects.stat(again.sha256())).isPresent();
            assertThat(v.segments().findByHash(again.sha256())).map(Segment::id).contains(again.id());
            assertThat(v.audit().bySubject("object:" + again.sha256().hex(), 10)).extracting(AuditEvent::action)
                    .containsExactly("object.purge_skipped");
        }
    }

    @Test
    void aStoreThatStillLocksTheObjectRefusesThePurgeWhichStaysPendingUntilTheLockPasses() {
        try (VaultFixture f = VaultFixture.with(RetentionPolicy.defaults(), MemoryObjectStore::enforcing)) {
            Vault v = f.vault;
            Segment s = f.ingestPromptly(Duration.ofDays(200));
            // As after a crash between protecting and recording: the store holds more than the index says.
            Instant lockedUntil = f.clock.instant().plus(Duration.ofDays(30));
            f.objects.retentionControl().orElseThrow().protect(s.sha256(),
                    new io.camvault.vault.store.Protection(lockedUntil, false));
            v.newRetentionSweep().run(f.clock.instant());
            f.clock.advance(Duration.ofDays(7));

            RetentionSweep.Result refused = v.newRetentionSweep().run(f.clock.instant());
            assertThat(refused).isEqualTo(new RetentionSweep.Result(0, 1, 0, 0, 1));
            assertThat(f.objects.stat(s.sha256())).isPresent();
            f.clock.advance(DAY);
            assertThat(v.newRetentionSweep().run(f.clock.instant()).pending()).isEqualTo(1);
            assertThat(v.audit().bySubject("object:" + s.sha256().hex(), 10)).extracting(AuditEvent::action)
                    .as("refused once on record, retried quietly").containsExactly("object.purge_refused");

            f.clock.set(lockedUntil.plusSeconds(1));
            assertThat(v.newRetentionSweep().run(f.clock.instant()).removed()).isEqualTo(1);
            assertThat(f.objects.stat(s.sha256())).isEmpty();
            assertThat(v.audit().verify().intact()).isTrue();
        }
    }

    @Test
    void anExtendedRoutinePeriodKeepsAQueuedSegmentAndMovesItsRetainUntilLater() {
        try (VaultFixture f = VaultFixture.memory(RetentionPolicy.defaults())) {
            Segment s = f.ingestPromptly(Duration.ofDays(181));
            f.vault.newRetentionSweep().run(f.clock.instant());
            f.vault.close();
            // Restart with a longer routine period over the same stores.
            Vault longer = new Vault(io.camvault.vault.VaultConfig.defaults(f.dir)
                    .withRetention(RetentionPolicy.defaults().withRoutine(Duration.ofDays(365))), f.clock, f.kv, f.objects);
            f.clock.advance(Duration.ofDays(7));
            assertThat(longer.newRetentionSweep().run(f.clock.instant())).isEqualTo(new RetentionSweep.Result(0, 0, 1, 0, 0));
            assertThat(longer.segments().get(s.id())).get().extracting(Segment::retainUntil)
                    .isEqualTo(s.recordedEnd().plus(Duration.ofDays(365)));
            assertThat(f.objects.stat(s.sha256())).isPresent();
        }
    }

    @Test
    void aShorteningConfigurationIsRefusedAtStartNamingTheSetting() {
        try (VaultFixture f = VaultFixture.memory(RetentionPolicy.defaults().withRoutine(Duration.ofDays(365))
                .withEvidenceAfterClose(Duration.ofDays(3650)))) {
            f.vault.close();
            RetentionPolicy base = RetentionPolicy.defaults().withRoutine(Duration.ofDays(365))
                    .withEvidenceAfterClose(Duration.ofDays(3650));
            assertThatThrownBy(() -> start(f, base.withRoutine(Duration.ofDays(200))))
                    .isInstanceOf(VaultException.class)
                    .hasMessageStartingWith("retention.routine would shorten retention: 365 days was accepted before, 200 days");
            assertThatThrownBy(() -> start(f, base.withEvidenceAfterClose(Duration.ofDays(365))))
                    .hasMessageStartingWith("retention.evidence-after-close would shorten");
            assertThatThrownBy(() -> start(f, base.withPendingDeletion(Duration.ofDays(1))))
                    .hasMessageStartingWith("retention.pending-deletion would shorten");
            // Extending is accepted and becomes the new floor.
            start(f, base.withEvidenceAfterClose(null));
            assertThatThrownBy(() -> start(f, base)).hasMessageStartingWith("retention.evidence-after-close")
                    .hasMessageContaining("permanent was accepted before");
            assertThat(PolicyRecord.load(f.kv)).contains(base.withEvidenceAfterClose(null));
        }
    }

    private static Vault start(VaultFixture f, RetentionPolicy policy) {
        return new Vault(io.camvault.vault.VaultConfig.defaults(f.dir).withRetention(policy), f.clock, f.kv, f.objects);
    }

    @Test
    void anEvidenceSegmentOfAClosedCaseGoesAfterTheConfiguredYearsButNeverWhileHeld() {
        RetentionPolicy policy = RetentionPolicy.defaults().withEvidenceAfterClose(Duration.ofDays(730));
        try (VaultFixture f = VaultFixture.memory(policy)) {
            Vault v = f.vault;
            Segment s = f.ingest(Duration.ofDays(10));
            CaseRecord c = v.createCase("clerk-1", "2024-0003", "fraud", "U0001", false);
            v.linkSegment(c.id(), s.id(), DESC, "clerk-1");
            v.closeCase(c.id(), "closed", "clerk-1");
            Instant closedAt = f.clock.instant();
            assertThat(v.segments().get(s.id()).orElseThrow().retainUntil()).isEqualTo(closedAt.plus(Duration.ofDays(730)));
            Hold h = v.holdCase(c.id(), "appeal", "clerk-1");
            f.clock.advance(Duration.ofDays(731));
            RetentionSweep sweep = v.newRetentionSweep();
            assertThat(sweep.run(f.clock.instant()).queued()).isZero();
            v.releaseCase(c.id(), h.id(), "appeal decided", "clerk-1");
            assertThat(sweep.run(f.clock.instant()).queued()).isEqualTo(1);
        }
    }
}
