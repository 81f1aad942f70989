package io.camvault.vault.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.camvault.vault.Vault;
import io.camvault.vault.model.CaseRecord;
import io.camvault.vault.model.Description;
import io.camvault.vault.model.Hold;
import io.camvault.vault.model.Segment;
import io.camvault.vault.model.Trigger;
import io.camvault.vault.store.MemoryObjectStore;
import io.camvault.vault.store.Protection;
import io.camvault.vault.store.RetentionControl;
import io.camvault.vault.testsupport.VaultFixture;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Over a store that enforces retention (the in-memory model of S3 Object Lock), every custody
 * change leaves the store holding at least what the index records: the lock follows the
 * retain-until (only growing), a removable protection is a legal hold, dropped only afterwards.
 */
class ProtectThenRecordTest {
    private static final Description DESC = new Description("stop", "stop", "driver", "road 7", "noon");
    private static final RetentionPolicy FINITE_EVIDENCE = RetentionPolicy.defaults()
            .withEvidenceAfterClose(Duration.ofDays(730));

    private static Protection held(VaultFixture f, Segment s) {
        return f.objects.retentionControl().orElseThrow().protection(s.sha256());
    }

    @Test
    void ingestLocksTheObjectUntilItsRetainUntilAndMarkedFootageForGood() {
        try (VaultFixture f = VaultFixture.with(RetentionPolicy.defaults(), MemoryObjectStore::enforcing)) {
            Segment routine = f.ingest(Duration.ofDays(1));
            Segment marked = f.ingest("100002", Duration.ofDays(1), Trigger.MARKED);

            assertThat(held(f, routine)).isEqualTo(new Protection(routine.retainUntil(), false));
            assertThat(held(f, marked).permanent()).isTrue();
        }
    }

    @Test
    void aLateUploadIsLockedAtLeastThroughIngestPlusTheRoutinePeriod() {
        try (VaultFixture f = VaultFixture.with(RetentionPolicy.defaults(), MemoryObjectStore::enforcing)) {
            Segment late = f.ingest(Duration.ofDays(400));

            // retention counts from the ingest time when the declared end is older (issue 16)
            assertThat(held(f, late).retainUntil()).isEqualTo(f.clock.instant().plus(RetentionPolicy.DEFAULT_ROUTINE));
        }
    }

    @Test
    void aLinkToAnOpenCaseIsALegalHoldThatTheUnlinkReleasesAfterRecording() {
        try (VaultFixture f = VaultFixture.with(FINITE_EVIDENCE, MemoryObjectStore::enforcing)) {
            Vault v = f.vault;
            Segment s = f.ingest(Duration.ofDays(1));
            CaseRecord c = v.createCase("clerk-1", "2025-0001", "theft", "U0001", false);

            v.linkSegment(c.id(), s.id(), DESC, "clerk-1");
            assertThat(held(f, s).legalHold()).isTrue();

            v.unlinkSegment(c.id(), s.id(), "wrong incident", "clerk-1");
            assertThat(held(f, s).legalHold()).isFalse();
            assertThat(held(f, s).retainUntil()).as("an unlinked mistake keeps its routine lock only")
                    .isEqualTo(s.retainUntil());
        }
    }

    @Test
    void closingTheCaseGrowsTheLockToTheEvidencePeriodAndDropsTheHold() {
        try (VaultFixture f = VaultFixture.with(FINITE_EVIDENCE, MemoryObjectStore::enforcing)) {
            Vault v = f.vault;
            Segment s = f.ingest(Duration.ofDays(1));
            CaseRecord c = v.createCase("clerk-1", "2025-0002", "fraud", "U0001", false);
            v.linkSegment(c.id(), s.id(), DESC, "clerk-1");

            v.closeCase(c.id(), "judgment", "clerk-1");

            Segment after = v.segments().get(s.id()).orElseThrow();
            assertThat(after.retainUntil()).isEqualTo(f.clock.instant().plus(Duration.ofDays(730)));
            assertThat(held(f, s)).isEqualTo(new Protection(after.retainUntil(), false));
        }
    }

    @Test
    void permanentEvidenceAndHoldsReachTheStoreBeforeTheIndexAndAReleaseFollowsIt() {
        try (VaultFixture f = VaultFixture.with(RetentionPolicy.defaults(), MemoryObjectStore::enforcing)) {
            Vault v = f.vault;
            Segment s = f.ingest(Duration.ofDays(1));
            CaseRecord c = v.createCase("clerk-1", "2025-0003", "assault", "U0001", false);

            v.linkSegment(c.id(), s.id(), DESC, "clerk-1");
            assertThat(held(f, s)).isEqualTo(new Protection(null, true));

            Hold h = v.holdSegment(s.id(), "appeal", "clerk-1");
            v.closeCase(c.id(), "judgment", "clerk-1");
            assertThat(held(f, s).legalHold()).as("the segment's own hold keeps it").isTrue();
            v.releaseSegment(s.id(), h.id(), "appeal decided", "clerk-1");
            assertThat(held(f, s)).isEqualTo(new Protection(null, false));
        }
    }

    @Test
    void aStoreThatFailsToProtectLeavesTheIndexUnchanged() {
        try (VaultFixture f = VaultFixture.with(FINITE_EVIDENCE, clock -> new RefusingProtection(
                MemoryObjectStore.enforcing(clock)))) {
            Vault v = f.vault;
            Segment s = f.ingest(Duration.ofDays(1));
            CaseRecord c = v.createCase("clerk-1", "2025-0004", "theft", "U0001", false);

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> v.linkSegment(c.id(), s.id(), DESC, "clerk-1"))
                    .hasMessageContaining("store down");

            assertThat(v.segments().get(s.id()).orElseThrow().caseIds()).isEmpty();
            assertThat(v.caseById(c.id()).orElseThrow().links()).isEmpty();
            assertThat(v.audit().bySubject("segment:" + s.id(), 10)).extracting(e -> e.action())
                    .containsExactly("segment.commit");
        }
    }

    /** A store whose retention control is unreachable. */
    private static final class RefusingProtection extends ForwardingStore {
        RefusingProtection(MemoryObjectStore inner) {
            super(inner);
        }

        @Override
        public java.util.Optional<RetentionControl> retentionControl() {
            RetentionControl real = inner.retentionControl().orElseThrow();
            return java.util.Optional.of(new RetentionControl() {
                @Override
                public void protect(io.camvault.vault.model.Sha256 sha256, Protection p) {
                    throw new io.camvault.vault.VaultException(io.camvault.vault.VaultException.Kind.UNAVAILABLE,
                            "store down");
                }

                @Override
                public void releaseHold(io.camvault.vault.model.Sha256 sha256) {
                    real.releaseHold(sha256);
                }

                @Override
                public Protection protection(io.camvault.vault.model.Sha256 sha256) {
                    return real.protection(sha256);
                }
            });
        }
    }
}
