package io.camvault.vault.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camvault.vault.VaultException;
import io.camvault.vault.kv.ColumnFamily;
import io.camvault.vault.kv.KvBatch;
import io.camvault.vault.kv.Keys;
import io.camvault.vault.kv.KvStore;
import io.camvault.vault.testsupport.StoreKind;
import io.camvault.vault.testsupport.TickingClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AuditLogTest {

    private static AuditEntry entry(String action, String subject) {
        return AuditEntry.success("p_000000000001", action, subject, Map.of("n", action));
    }

    private static List<AuditEntry> entries(int n) {
        List<AuditEntry> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(entry("test.e" + i, "segment:" + (i % 3)));
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void anEmptyLogHasTheGenesisHeadAndVerifies(StoreKind kind) {
        try (StoreKind.TestStore store = kind.open()) {
            AuditLog log = new AuditLog(store.kv(), TickingClock.standard());
            assertThat(log.head()).isEqualTo(AuditHead.EMPTY);
            assertThat(log.verify()).isEqualTo(AuditVerification.ok(0));
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void stagingDoesNotMoveTheHeadUntilAdvanced(StoreKind kind) {
        try (StoreKind.TestStore store = kind.open()) {
            KvStore kv = store.kv();
            AuditLog log = new AuditLog(kv, TickingClock.standard());
            List<AuditEvent> abandoned;
            try (KvBatch batch = kv.newBatch()) {
                abandoned = log.stage(batch, entries(2));
                // never written: a failed commit
            }
            assertThat(abandoned).extracting(AuditEvent::seq).containsExactly(1L, 2L);
            assertThat(log.head()).isEqualTo(AuditHead.EMPTY);

            List<AuditEvent> written = ChainBuilder.append(log, kv, entries(3), 3);
            assertThat(written).extracting(AuditEvent::seq).containsExactly(1L, 2L, 3L);
            assertThat(written.get(0).prevHash()).isEqualTo(AuditChain.GENESIS);
            assertThat(log.head()).isEqualTo(new AuditHead(3, written.get(2).hash()));
            assertThat(log.verify().intact()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aRestartContinuesTheChain(StoreKind kind) {
        try (StoreKind.TestStore store = kind.open()) {
            ChainBuilder.append(new AuditLog(store.kv(), TickingClock.standard()), store.kv(), entries(4), 2);
            KvStore reopened = store.reopen();
            AuditLog log = new AuditLog(reopened, TickingClock.standard());
            assertThat(log.head().seq()).isEqualTo(4);
            List<AuditEvent> more = ChainBuilder.append(log, reopened, entries(2), 1);
            assertThat(more.get(0).seq()).isEqualTo(5);
            assertThat(new AuditVerifier(reopened).verify()).isEqualTo(AuditVerification.ok(6));
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void forEachStartsWhereAskedAndStopsWhenTold(StoreKind kind) {
        try (StoreKind.TestStore store = kind.open()) {
            AuditLog log = new AuditLog(store.kv(), TickingClock.standard());
            List<AuditEvent> written = ChainBuilder.append(log, store.kv(), entries(6), 4);
            List<AuditEvent> seen = new ArrayList<>();
            log.forEach(3, e -> seen.add(e) && seen.size() < 2);
            assertThat(seen).containsExactly(written.get(2), written.get(3));
            List<AuditEvent> all = new ArrayList<>();
            log.forEach(0, all::add);
            assertThat(all).isEqualTo(written);
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void bySubjectFindsOnlyThatSubjectInOrder(StoreKind kind) {
        try (StoreKind.TestStore store = kind.open()) {
            AuditLog log = new AuditLog(store.kv(), TickingClock.standard());
            ChainBuilder.append(log, store.kv(), List.of(
                    entry("a", "segment:1"), entry("b", "segment:10"), entry("c", "segment:1"),
                    entry("d", ""), entry("e", "segment:1")), 2);
            assertThat(log.bySubject("segment:1", 10)).extracting(AuditEvent::seq).containsExactly(1L, 3L, 5L);
            assertThat(log.bySubject("segment:1", 2)).extracting(AuditEvent::seq).containsExactly(1L, 3L);
            assertThat(log.bySubject("segment:10", 10)).extracting(AuditEvent::action).containsExactly("b");
            assertThat(log.bySubject("segment:2", 10)).isEmpty();
            assertThat(log.bySubject("", 10)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aTruncatedTailStaysVisibleAfterARestart(StoreKind kind) {
        try (StoreKind.TestStore store = kind.open()) {
            KvStore kv = store.kv();
            ChainBuilder.append(new AuditLog(kv, TickingClock.standard()), kv, entries(5), 5);
            ChainBuilder.putEvent(kv, 5, null);
            ChainBuilder.putEvent(kv, 4, null);
            assertThat(new AuditVerifier(kv).verify())
                    .isEqualTo(AuditVerification.broken(3, 4, "log ends at 3 but the head records 5"));

            // The vault restarts and keeps writing: it must not reuse 4 and 5 and paper over the loss.
            AuditLog log = new AuditLog(kv, TickingClock.standard());
            ChainBuilder.append(log, kv, entries(1), 1);
            assertThat(log.head().seq()).isEqualTo(6);
            assertThat(new AuditVerifier(kv).verify())
                    .isEqualTo(AuditVerification.broken(3, 4, "event 4 missing: chain jumps from 3 to 6"));
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void headProblemsAreReported(StoreKind kind) {
        try (StoreKind.TestStore store = kind.open()) {
            KvStore kv = store.kv();
            List<AuditEvent> written = ChainBuilder.append(new AuditLog(kv, TickingClock.standard()), kv, entries(3), 1);

            ChainBuilder.putRaw(kv, ColumnFamily.META, Keys.META_AUDIT_HEAD, null);
            assertThat(new AuditVerifier(kv).verify().problem()).startsWith("the head record is missing");

            ChainBuilder.putRaw(kv, ColumnFamily.META, Keys.META_AUDIT_HEAD, new byte[] {1, 2, 3});
            assertThat(new AuditVerifier(kv).verify().brokenAtSeq()).isEqualTo(0L);
            assertThatThrownBy(() -> new AuditLog(kv, TickingClock.standard()))
                    .isInstanceOf(VaultException.class).hasMessageContaining("head");

            ChainBuilder.putRaw(kv, ColumnFamily.META, Keys.META_AUDIT_HEAD, new AuditHead(2, written.get(1).hash()).encode());
            assertThat(new AuditVerifier(kv).verify()).isEqualTo(AuditVerification.broken(3, 3,
                    "log continues past the head: the head records 2 but the log ends at 3"));

            ChainBuilder.putRaw(kv, ColumnFamily.META, Keys.META_AUDIT_HEAD, new AuditHead(3, written.get(1).hash()).encode());
            assertThat(new AuditVerifier(kv).verify()).isEqualTo(AuditVerification.broken(3, 3,
                    "event 3: hash differs from the one the head records"));
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void messagesNameTheBrokenEvent(StoreKind kind) {
        try (StoreKind.TestStore store = kind.open()) {
            KvStore kv = store.kv();
            List<AuditEvent> written = ChainBuilder.append(new AuditLog(kv, TickingClock.standard()), kv, entries(4), 4);

            // Rewrite event 2 consistently with new contents: its own hash checks out, the link after it does not.
            AuditEvent forged = AuditChain.link(written.get(0).hash(), entry("forged", "segment:1"), 2,
                    written.get(1).time());
            ChainBuilder.putEvent(kv, 2, AuditCodec.encode(forged));
            assertThat(new AuditVerifier(kv).verify()).isEqualTo(AuditVerification.broken(2, 3,
                    "event 3: previous hash does not match the hash of event 2"));

            // Same event with the contents changed but the old hash kept.
            AuditEvent edited = new AuditEvent(2, written.get(1).time(), "someone.else", written.get(1).action(),
                    written.get(1).subject(), written.get(1).outcome(), written.get(1).details(),
                    written.get(1).prevHash(), written.get(1).hash());
            ChainBuilder.putEvent(kv, 2, AuditCodec.encode(edited));
            assertThat(new AuditVerifier(kv).verify()).isEqualTo(AuditVerification.broken(1, 2,
                    "event 2: hash does not match its contents"));

            ChainBuilder.putEvent(kv, 0, new byte[] {1});
            assertThat(new AuditVerifier(kv).verify().brokenAtSeq()).isEqualTo(0L);
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aBadEntryLeavesTheBatchUntouched(StoreKind kind) {
        try (StoreKind.TestStore store = kind.open()) {
            KvStore kv = store.kv();
            AuditLog log = new AuditLog(kv, TickingClock.standard());
            try (KvBatch batch = kv.newBatch()) {
                assertThatThrownBy(() -> log.stage(batch, List.of(entry("ok", "s"), entry("bad", "s\uD800"))))
                        .isInstanceOf(VaultException.class)
                        .extracting(e -> ((VaultException) e).kind()).isEqualTo(VaultException.Kind.INVALID);
                assertThat(batch.size()).isZero();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void advancingWithEventsThatDoNotFollowTheHeadIsRefused(StoreKind kind) {
        try (StoreKind.TestStore store = kind.open()) {
            KvStore kv = store.kv();
            AuditLog log = new AuditLog(kv, TickingClock.standard());
            ChainBuilder.append(log, kv, entries(1), 1);
            AuditEvent stale = AuditChain.link(AuditChain.GENESIS, entry("x", "s"), 1, java.time.Instant.EPOCH);
            assertThatThrownBy(() -> log.advance(List.of(stale))).isInstanceOf(IllegalStateException.class);
        }
    }
}
