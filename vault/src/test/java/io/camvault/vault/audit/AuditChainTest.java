package io.camvault.vault.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camvault.vault.model.Sha256;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class AuditChainTest {
    private static final Instant T = Instant.parse("2024-05-01T08:00:00.123456789Z");

    private static Sha256 hash(String actor, String action, String subject, Map<String, String> details) {
        return AuditChain.hash(1, T, actor, action, subject, Outcome.SUCCESS, details, AuditChain.GENESIS);
    }

    @Test
    void genesisIsThirtyTwoZeroBytes() {
        assertThat(AuditChain.GENESIS.bytes()).isEqualTo(new byte[32]);
    }

    @Test
    void fieldBoundariesCannotBeShifted() {
        assertThat(hash("ab", "c", "", Map.of())).isNotEqualTo(hash("a", "bc", "", Map.of()));
        assertThat(hash("a", "b", "c", Map.of())).isNotEqualTo(hash("a", "bc", "", Map.of()));
        assertThat(hash("a", "b", "", Map.of("k", "vv"))).isNotEqualTo(hash("a", "b", "", Map.of("kv", "v")));
        assertThat(hash("a", "b", "", Map.of("k", ""))).isNotEqualTo(hash("a", "b", "k", Map.of()));
        assertThat(hash("a", "b", "", Map.of("x", "1", "y", "2")))
                .isNotEqualTo(hash("a", "b", "", Map.of("x", "1y2")));
    }

    @Test
    void detailOrderDoesNotMatter() {
        Map<String, String> forward = new LinkedHashMap<>();
        forward.put("bytes", "10");
        forward.put("sha256", "ab");
        forward.put("Z", "upper");
        forward.put("é", "accent");
        Map<String, String> backward = new LinkedHashMap<>();
        backward.put("é", "accent");
        backward.put("Z", "upper");
        backward.put("sha256", "ab");
        backward.put("bytes", "10");
        assertThat(hash("a", "b", "s", forward)).isEqualTo(hash("a", "b", "s", backward));
    }

    @Test
    void everyFieldIsCovered() {
        Sha256 base = AuditChain.hash(7, T, "a", "b", "s", Outcome.SUCCESS, Map.of("k", "v"), AuditChain.GENESIS);
        Sha256 otherPrev = Sha256.of(new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        assertThat(AuditChain.hash(8, T, "a", "b", "s", Outcome.SUCCESS, Map.of("k", "v"), AuditChain.GENESIS)).isNotEqualTo(base);
        assertThat(AuditChain.hash(7, T.plusNanos(1), "a", "b", "s", Outcome.SUCCESS, Map.of("k", "v"), AuditChain.GENESIS)).isNotEqualTo(base);
        assertThat(AuditChain.hash(7, T, "a", "b", "s", Outcome.DENIED, Map.of("k", "v"), AuditChain.GENESIS)).isNotEqualTo(base);
        assertThat(AuditChain.hash(7, T, "a", "b", "s", Outcome.SUCCESS, Map.of("k", "w"), AuditChain.GENESIS)).isNotEqualTo(base);
        assertThat(AuditChain.hash(7, T, "a", "b", "s", Outcome.SUCCESS, Map.of("k", "v"), otherPrev)).isNotEqualTo(base);
    }

    /** Pins the documented version-1 layout byte for byte; if this fails, old chains stop verifying. */
    @Test
    void canonicalLayoutIsTheDocumentedOne() {
        byte[] actual = AuditChain.canonical(2, T, "ab", "x.y", "", Outcome.FAILED,
                Map.of("é", "1", "b", ""), AuditChain.GENESIS);
        ByteBuffer expected = ByteBuffer.allocate(actual.length);
        expected.put((byte) 1).putLong(2).putLong(T.getEpochSecond()).putInt(123_456_789);
        putStr(expected, "ab");
        putStr(expected, "x.y");
        putStr(expected, "");
        putStr(expected, "FAILED");
        expected.putInt(2);
        putStr(expected, "b");
        putStr(expected, "");
        putStr(expected, "é");
        putStr(expected, "1");
        expected.put(new byte[32]);
        assertThat(expected.hasRemaining()).isFalse();
        assertThat(actual).isEqualTo(expected.array());
    }

    /** A golden vector (cross-checked with an independent Python encoder), so a silent change to the encoding cannot slip through. */
    @Test
    void goldenHash() {
        Sha256 h = AuditChain.hash(1, Instant.parse("2024-01-01T00:00:00Z"), "p_000000000001", "segment.commit",
                "segment:abc", Outcome.SUCCESS, Map.of("bytes", "42"), AuditChain.GENESIS);
        assertThat(h.hex()).isEqualTo(GOLDEN);
    }

    static final String GOLDEN = "5c47ec66a10758944c97f957330538a05eed1201933b62f785d2aa3b51617057";

    @Test
    void loneSurrogatesAreRefusedBecauseJavaWouldEncodeThemAsQuestionMarks() {
        assertThatThrownBy(() -> hash("a\uD800", "b", "", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("actor");
        assertThatThrownBy(() -> hash("a", "b", "", Map.of("k", "\uDC00")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("detail");
    }

    @Test
    void linkChainsEventsTogether() {
        AuditEvent first = AuditChain.link(AuditChain.GENESIS, AuditEntry.success("a", "b", "s", Map.of()), 1, T);
        AuditEvent second = AuditChain.link(first.hash(), AuditEntry.denied("a", "c", "s", "no role"), 2, T);
        assertThat(first.prevHash()).isEqualTo(AuditChain.GENESIS);
        assertThat(second.prevHash()).isEqualTo(first.hash());
        assertThat(AuditChain.sealed(first)).isTrue();
        assertThat(AuditChain.sealed(second)).isTrue();
        assertThat(second.details()).containsEntry("reason", "no role");
    }

    @Property(tries = 200)
    void storedEventsDecodeToTheSameSealedEvent(@ForAll("events") AuditEvent event) {
        byte[] stored = AuditCodec.encode(event);
        AuditEvent back = AuditCodec.decode(stored);
        assertThat(back).isEqualTo(event);
        assertThat(AuditChain.sealed(back)).isTrue();
        assertThat(AuditCodec.sealed(stored)).isTrue();
        assertThat(AuditCodec.encode(back)).isEqualTo(stored);
    }

    /** The stored bytes are the hash input: no single changed byte survives both parse and hash. */
    @Property(tries = 300)
    void anyChangedStoredByteFailsParseOrSeal(@ForAll("events") AuditEvent event,
            @ForAll @IntRange(min = 0, max = 1 << 20) int pick, @ForAll @IntRange(min = 1, max = 255) int mask) {
        byte[] stored = AuditCodec.encode(event);
        stored[pick % stored.length] ^= (byte) mask;
        boolean parses;
        try {
            AuditEvent back = AuditCodec.decode(stored);
            parses = AuditChain.sealed(back);
        } catch (IllegalArgumentException e) {
            parses = false;
        }
        assertThat(parses && AuditCodec.sealed(stored)).isFalse();
    }

    @Test
    void trailingOrMissingBytesAreRefused() {
        AuditEvent e = AuditChain.link(AuditChain.GENESIS, AuditEntry.success("a", "b", "s", Map.of("k", "v")), 1, T);
        byte[] stored = AuditCodec.encode(e);
        assertThatThrownBy(() -> AuditCodec.decode(java.util.Arrays.copyOf(stored, stored.length + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trailing");
        assertThatThrownBy(() -> AuditCodec.decode(java.util.Arrays.copyOf(stored, stored.length - 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ends early");
    }

    @Provide
    Arbitrary<AuditEvent> events() {
        Arbitrary<Instant> times = Arbitraries.longs().between(0, 4_102_444_800L)
                .flatMap(s -> Arbitraries.integers().between(0, 999_999_999).map(n -> Instant.ofEpochSecond(s, n)));
        return Combinators.combine(Arbitraries.longs().between(1, Long.MAX_VALUE), times, AuditArbitraries.entries())
                .as((seq, time, entry) -> AuditChain.link(AuditChain.GENESIS, entry, seq, time));
    }

    private static void putStr(ByteBuffer b, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        b.putInt(bytes.length).put(bytes);
    }
}
