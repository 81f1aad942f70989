package io.camvault.vault.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.camvault.vault.kv.KvStore;
import io.camvault.vault.testsupport.StoreKind;
import io.camvault.vault.testsupport.TickingClock;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever is done to the stored chain — one changed byte, one dropped event, two events swapped —
 * the verifier notices, and names the first event that is no longer what was written. Each try
 * runs on a fresh store; the store kind is drawn like any other parameter, so both are covered.
 */
class AuditTamperTest {
    private static final int TRIES = 60;

    @Provide
    Arbitrary<List<AuditEntry>> chains() {
        return AuditArbitraries.chains(1, 25);
    }

    @Property(tries = 30)
    void anUntouchedChainVerifies(@ForAll("chains") List<AuditEntry> entries, @ForAll StoreKind kind,
            @ForAll @IntRange(min = 1, max = 4) int perBatch) {
        coverBoth(kind);
        try (StoreKind.TestStore store = kind.open()) {
            List<AuditEvent> events = build(store.kv(), entries, perBatch);
            AuditVerification v = new AuditVerifier(store.reopen()).verify();
            assertThat(v.intact()).as(v.problem()).isTrue();
            assertThat(v.eventsChecked()).isEqualTo(events.size());
            assertThat(new AuditLog(store.kv(), TickingClock.standard()).head().seq()).isEqualTo(events.size());
        }
    }

    @Property(tries = TRIES)
    void anyChangedByteIsFoundAtItsEvent(@ForAll("chains") List<AuditEntry> entries, @ForAll StoreKind kind,
            @ForAll @IntRange(min = 1, max = 4) int perBatch,
            @ForAll @IntRange(min = 0, max = 1 << 20) int eventPick,
            @ForAll @IntRange(min = 0, max = 1 << 20) int bytePick,
            @ForAll @IntRange(min = 1, max = 255) int mask) {
        coverBoth(kind);
        try (StoreKind.TestStore store = kind.open()) {
            KvStore kv = store.kv();
            List<AuditEvent> events = build(kv, entries, perBatch);
            long seq = events.get(eventPick % events.size()).seq();
            byte[] value = ChainBuilder.raw(kv, seq);
            value[bytePick % value.length] ^= (byte) mask;
            ChainBuilder.putEvent(kv, seq, value);

            AuditVerification v = new AuditVerifier(kv).verify();
            assertThat(v.intact()).isFalse();
            assertThat(v.brokenAtSeq()).as(v.problem()).isEqualTo(seq);
            assertThat(v.problem()).startsWith("event " + seq);
            assertThat(v.eventsChecked()).isEqualTo(seq - 1);
            Statistics.label("caught by").collect(v.problem().replaceAll("^event \\d+:? ?", "").replaceAll("[:(].*", "").trim());
        }
    }

    /**
     * Many random flips break the record's structure and are caught by decoding. This one keeps it
     * parseable — one letter or digit becomes another — so the hash, link and seq checks must do the work.
     */
    @Property(tries = TRIES)
    void aPlausibleEditIsFoundAtItsEvent(@ForAll("chains") List<AuditEntry> entries, @ForAll StoreKind kind,
            @ForAll @IntRange(min = 0, max = 1 << 20) int eventPick,
            @ForAll @IntRange(min = 0, max = 1 << 20) int bytePick,
            @ForAll @IntRange(min = 1, max = 35) int shift) {
        coverBoth(kind);
        try (StoreKind.TestStore store = kind.open()) {
            KvStore kv = store.kv();
            List<AuditEvent> events = build(kv, entries, 2);
            long seq = events.get(eventPick % events.size()).seq();
            byte[] value = ChainBuilder.raw(kv, seq);
            String alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
            List<Integer> editable = new java.util.ArrayList<>();
            for (int i = 1; i < value.length; i++) {
                if (alphabet.indexOf(value[i]) >= 0) {
                    editable.add(i);
                }
            }
            int at = editable.get(bytePick % editable.size());
            value[at] = (byte) alphabet.charAt((alphabet.indexOf(value[at]) + shift) % alphabet.length());
            ChainBuilder.putEvent(kv, seq, value);

            AuditVerification v = new AuditVerifier(kv).verify();
            assertThat(v.intact()).isFalse();
            assertThat(v.brokenAtSeq()).as(v.problem()).isEqualTo(seq);
            Statistics.label("caught by").collect(v.problem().replaceAll("^event \\d+:? ?", "").replaceAll("[:(].*", "").trim());
        }
    }

    @Property(tries = TRIES)
    void aDroppedEventIsFound(@ForAll("chains") List<AuditEntry> entries, @ForAll StoreKind kind,
            @ForAll @IntRange(min = 1, max = 4) int perBatch,
            @ForAll @IntRange(min = 0, max = 1 << 20) int eventPick) {
        coverBoth(kind);
        try (StoreKind.TestStore store = kind.open()) {
            KvStore kv = store.kv();
            List<AuditEvent> events = build(kv, entries, perBatch);
            long seq = events.get(eventPick % events.size()).seq();
            ChainBuilder.putEvent(kv, seq, null);

            AuditVerification v = new AuditVerifier(kv).verify();
            assertThat(v.intact()).isFalse();
            assertThat(v.brokenAtSeq()).as(v.problem()).isEqualTo(seq);
            if (seq == events.size()) {
                assertThat(v.problem()).endsWith("but the head records " + seq);
            } else {
                assertThat(v.problem()).startsWith("event " + seq + " missing");
            }
        }
    }

    @Property(tries = TRIES)
    void swappedEventsAreFound(@ForAll("chains") List<AuditEntry> entries, @ForAll StoreKind kind,
            @ForAll @IntRange(min = 1, max = 4) int perBatch,
            @ForAll @IntRange(min = 0, max = 1 << 20) int firstPick,
            @ForAll @IntRange(min = 1, max = 1 << 20) int distance) {
        if (entries.size() < 2) {
            entries = List.of(entries.get(0), entries.get(0));
        }
        coverBoth(kind);
        try (StoreKind.TestStore store = kind.open()) {
            KvStore kv = store.kv();
            List<AuditEvent> events = build(kv, entries, perBatch);
            int i = firstPick % events.size();
            int j = (i + 1 + distance % (events.size() - 1)) % events.size();
            long a = Math.min(i, j) + 1;
            long b = Math.max(i, j) + 1;
            byte[] va = ChainBuilder.raw(kv, a);
            byte[] vb = ChainBuilder.raw(kv, b);
            ChainBuilder.putEvent(kv, a, vb);
            ChainBuilder.putEvent(kv, b, va);

            AuditVerification v = new AuditVerifier(kv).verify();
            assertThat(v.intact()).isFalse();
            assertThat(v.brokenAtSeq()).as(v.problem()).isEqualTo(a);
        }
    }

    /** Both stores must actually be exercised, not just allowed. */
    private static void coverBoth(StoreKind kind) {
        Statistics.label("store").collect(kind);
        Statistics.label("store").coverage(c -> {
            c.check(StoreKind.MEMORY).count(n -> n > 0);
            c.check(StoreKind.ROCKS).count(n -> n > 0);
        });
    }

    private static List<AuditEvent> build(KvStore kv, List<AuditEntry> entries, int perBatch) {
        AuditLog log = new AuditLog(kv, TickingClock.standard());
        List<AuditEvent> events = ChainBuilder.append(log, kv, entries, perBatch);
        assertThat(events).hasSize(entries.size());
        return events;
    }
}
