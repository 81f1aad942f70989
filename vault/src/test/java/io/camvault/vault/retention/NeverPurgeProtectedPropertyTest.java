package io.camvault.vault.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.camvault.vault.Vault;
import io.camvault.vault.VaultConfig;
import io.camvault.vault.audit.AuditEvent;
import io.camvault.vault.model.CaseRecord;
import io.camvault.vault.model.Description;
import io.camvault.vault.model.Hold;
import io.camvault.vault.model.Segment;
import io.camvault.vault.model.Trigger;
import io.camvault.vault.testsupport.VaultFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * No sequence of custody operations, configuration extensions, clock advances and sweeps purges a
 * segment that is held, linked to an open case or a held case, marked important, tied (ever) to a
 * major case, or not yet expired. "Expired" comes from an independent model of the rules (the
 * longest routine period ever configured, close time + evidence period), not from the vault's own
 * stored retain-until, so a bookkeeping slip in the vault is caught too.
 */
class NeverPurgeProtectedPropertyTest {
    private static final int SEGMENTS = 4;
    private static final int CASES = 3;
    private static final Description DESC = new Description("what the footage shows", "w", "who", "where", "when");

    enum Kind { LINK, UNLINK, HOLD_SEGMENT, RELEASE_SEGMENT, HOLD_CASE, RELEASE_CASE, CLOSE, MAJOR, EXTEND, ADVANCE, SWEEP }

    record Op(Kind kind, int segment, int kase, int days) {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Kind> kinds = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(Kind.LINK)), net.jqwik.api.Tuple.of(2, Arbitraries.just(Kind.UNLINK)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(Kind.HOLD_SEGMENT)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(Kind.RELEASE_SEGMENT)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.HOLD_CASE)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.RELEASE_CASE)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(Kind.CLOSE)), net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.MAJOR)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.EXTEND)), net.jqwik.api.Tuple.of(4, Arbitraries.just(Kind.ADVANCE)),
                net.jqwik.api.Tuple.of(4, Arbitraries.just(Kind.SWEEP)));
        return Combinators.combine(kinds, Arbitraries.integers().between(0, SEGMENTS - 1),
                        Arbitraries.integers().between(0, CASES - 1), Arbitraries.integers().between(0, 240))
                .as(Op::new).list().ofMinSize(1).ofMaxSize(30);
    }

    @Provide
    Arbitrary<List<Integer>> ages() {
        return Arbitraries.integers().between(0, 400).list().ofSize(SEGMENTS);
    }

    @Property(tries = 150)
    void protectedSegmentsAreNeverPurged(@ForAll("ops") List<Op> ops, @ForAll("ages") List<Integer> agesInDays,
            @ForAll("markedFlags") List<Boolean> marked, @ForAll("majorFlags") List<Boolean> major,
            @ForAll boolean finiteEvidence) {
        RetentionPolicy initial = finiteEvidence
                ? RetentionPolicy.defaults().withEvidenceAfterClose(Duration.ofDays(30)) : RetentionPolicy.defaults();
        try (VaultFixture f = VaultFixture.memory(initial)) {
            Model m = new Model(f, initial);
            for (int i = 0; i < SEGMENTS; i++) {
                m.addSegment(f.ingestPromptly("20000" + i, Duration.ofDays(agesInDays.get(i)),
                        marked.get(i) ? Trigger.MARKED : Trigger.SCHEDULED));
            }
            for (int i = 0; i < CASES; i++) {
                m.addCase(m.vault.createCase("clerk", "C-" + i, "case " + i, "U0001", major.get(i)));
            }
            for (Op op : ops) {
                m.apply(op);
            }
            // Let whatever is queued come due, so the runs also purge (and the check has something to check).
            m.sweep();
            f.clock.advance(m.policy.pendingDeletion().plusDays(1));
            m.sweep();
            Statistics.label("something purged").collect(m.purgedCount > 0);
            Statistics.label("something purged").coverage(c -> c.check(true).percentage(p -> p > 10));
            assertThat(m.vault.audit().verify().intact()).isTrue();
        }
    }

    @Provide
    Arbitrary<List<Boolean>> markedFlags() {
        return Arbitraries.frequency(net.jqwik.api.Tuple.of(1, true), net.jqwik.api.Tuple.of(4, false)).list().ofSize(SEGMENTS);
    }

    @Provide
    Arbitrary<List<Boolean>> majorFlags() {
        return Arbitraries.frequency(net.jqwik.api.Tuple.of(1, true), net.jqwik.api.Tuple.of(4, false)).list().ofSize(CASES);
    }

    /** An independent model of what the rules promise, next to the vault under test. */
    static final class Model {
        final VaultFixture f;
        Vault vault;
        RetentionPolicy policy;
        Duration maxRoutine;
        final List<Segment> segments = new ArrayList<>();
        final List<CaseRecord> cases = new ArrayList<>();
        final Map<Integer, List<Hold>> segmentHolds = new HashMap<>();
        final Map<Integer, List<Hold>> caseHolds = new HashMap<>();
        final Map<Integer, Set<Integer>> links = new HashMap<>(); // segment → cases
        final Set<Integer> closed = new HashSet<>();
        final Map<Integer, Instant> closedAt = new HashMap<>();
        final Set<Integer> majorCases = new HashSet<>();
        final Set<Integer> everPermanent = new HashSet<>();
        final Map<Integer, Instant> notBefore = new HashMap<>();
        final Set<Integer> purged = new HashSet<>();
        int purgedCount;

        Model(VaultFixture f, RetentionPolicy policy) {
            this.f = f;
            this.vault = f.vault;
            this.policy = policy;
            this.maxRoutine = policy.routine();
        }

        void addSegment(Segment s) {
            int i = segments.size();
            segments.add(s);
            links.put(i, new HashSet<>());
            segmentHolds.put(i, new ArrayList<>());
            notBefore.put(i, s.recordedEnd().plus(policy.routine()));
            if (s.trigger() == Trigger.MARKED) {
                everPermanent.add(i);
            }
        }

        void addCase(CaseRecord c) {
            int i = cases.size();
            cases.add(c);
            caseHolds.put(i, new ArrayList<>());
            if (c.major()) {
                majorCases.add(i);
            }
        }

        void apply(Op op) {
            int s = op.segment();
            int c = op.kase();
            boolean alive = !purged.contains(s);
            Instant now = f.clock.instant();
            switch (op.kind()) {
                case LINK -> {
                    if (alive && !closed.contains(c) && !links.get(s).contains(c)) {
                        vault.linkSegment(cases.get(c).id(), segments.get(s).id(), DESC, "clerk");
                        links.get(s).add(c);
                        if (majorCases.contains(c) || policy.evidencePermanent()) {
                            everPermanent.add(s);
                        }
                    }
                }
                case UNLINK -> {
                    if (links.get(s).contains(c)) {
                        vault.unlinkSegment(cases.get(c).id(), segments.get(s).id(), "linked by mistake", "clerk");
                        links.get(s).remove(c);
                    }
                }
                case HOLD_SEGMENT -> {
                    if (alive) {
                        segmentHolds.get(s).add(vault.holdSegment(segments.get(s).id(), "litigation", "clerk"));
                    }
                }
                case RELEASE_SEGMENT -> {
                    if (alive && !segmentHolds.get(s).isEmpty()) {
                        Hold h = segmentHolds.get(s).remove(0);
                        vault.releaseSegment(segments.get(s).id(), h.id(), "litigation over", "clerk");
                    }
                }
                case HOLD_CASE -> caseHolds.get(c).add(vault.holdCase(cases.get(c).id(), "appeal", "clerk"));
                case RELEASE_CASE -> {
                    if (!caseHolds.get(c).isEmpty()) {
                        vault.releaseCase(cases.get(c).id(), caseHolds.get(c).remove(0).id(), "decided", "clerk");
                    }
                }
                case CLOSE -> {
                    if (!closed.contains(c)) {
                        vault.closeCase(cases.get(c).id(), "judgment", "clerk");
                        closed.add(c);
                        closedAt.put(c, now);
                        forLinked(c, seg -> later(seg, policy.evidencePermanent() ? null : now.plus(policy.evidenceAfterClose())));
                    }
                }
                case MAJOR -> {
                    if (!majorCases.contains(c)) {
                        vault.markCaseMajor(cases.get(c).id(), "riot", "clerk");
                        majorCases.add(c);
                        forLinked(c, everPermanent::add);
                    }
                }
                case EXTEND -> extend(op.days());
                case ADVANCE -> f.clock.advance(Duration.ofDays(op.days()));
                case SWEEP -> sweep();
            }
        }

        private void extend(int days) {
            RetentionPolicy next = policy.withRoutine(policy.routine().plusDays(days % 60))
                    .withPendingDeletion(policy.pendingDeletion().plusDays(days % 3));
            if (!policy.evidencePermanent()) {
                next = days % 4 == 0 ? next.withEvidenceAfterClose(null)
                        : next.withEvidenceAfterClose(policy.evidenceAfterClose().plusDays(days));
            }
            policy = next;
            maxRoutine = policy.routine();
            vault = new Vault(VaultConfig.defaults(f.dir).withRetention(policy), f.clock, f.kv, f.objects);
            for (int s = 0; s < segments.size(); s++) {
                if (purged.contains(s)) {
                    continue;
                }
                later(s, segments.get(s).recordedEnd().plus(maxRoutine));
                for (int c : links.get(s)) {
                    if (majorCases.contains(c) || policy.evidencePermanent()) {
                        everPermanent.add(s);
                    } else if (closed.contains(c)) {
                        later(s, closedAt.get(c).plus(policy.evidenceAfterClose()));
                    }
                }
            }
        }

        private void forLinked(int c, java.util.function.IntConsumer action) {
            for (int s = 0; s < segments.size(); s++) {
                if (!purged.contains(s) && links.get(s).contains(c)) {
                    action.accept(s);
                }
            }
        }

        private void later(int s, Instant until) {
            if (until == null) {
                everPermanent.add(s);
            } else if (until.isAfter(notBefore.get(s))) {
                notBefore.put(s, until);
            }
        }

        void sweep() {
            Instant now = f.clock.instant();
            vault.newRetentionSweep().run(now);
            for (int s = 0; s < segments.size(); s++) {
                if (purged.contains(s) || vault.tombstone(segments.get(s).id()).isEmpty()) {
                    continue;
                }
                String why = "segment " + s + " purged at " + now;
                assertThat(segmentHolds.get(s)).as(why + " while held").isEmpty();
                assertThat(everPermanent).as(why + " though marked, major or permanent evidence").doesNotContain(s);
                for (int c : links.get(s)) {
                    assertThat(closed).as(why + " while linked to open case " + c).contains(c);
                    assertThat(caseHolds.get(c)).as(why + " while linked to held case " + c).isEmpty();
                    assertThat(majorCases).as(why + " while linked to major case " + c).doesNotContain(c);
                }
                assertThat(notBefore.get(s)).as(why + " before it expired").isBefore(now);
                assertThat(f.objects.stat(segments.get(s).sha256())).isEmpty();
                assertThat(vault.audit().bySubject("segment:" + segments.get(s).id(), 100))
                        .extracting(AuditEvent::action).containsOnlyOnce("segment.purge");
                purged.add(s);
                purgedCount++;
            }
        }
    }
}
