package io.camvault.vault.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camvault.vault.VaultException;
import io.camvault.vault.model.Hold;
import io.camvault.vault.model.MediaKind;
import io.camvault.vault.model.RetentionClass;
import io.camvault.vault.model.Segment;
import io.camvault.vault.model.SegmentId;
import io.camvault.vault.model.Sha256;
import io.camvault.vault.model.Trigger;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The binary segment layout round-trips every segment exactly (nulls, empty and non-ASCII text,
 * nanosecond instants, holds, cases), still reads the JSON layout it replaced, and reports any
 * truncated or extended record as corrupt rather than misreading it.
 */
class SegmentCodecPropertyTest {

    @Property(tries = 500)
    void roundTrips(@ForAll("segments") Segment s) {
        byte[] bytes = SegmentCodec.encode(s);
        assertThat(bytes[0]).isEqualTo(SegmentCodec.VERSION);
        assertThat(SegmentCodec.decode(bytes)).isEqualTo(s);
    }

    @Property(tries = 200)
    void readsTheJsonLayoutItReplaced(@ForAll("segments") Segment s) {
        assertThat(SegmentCodec.decode(Records.encode(s))).isEqualTo(s);
    }

    /** Records written before names, duration and lateness were stored (version 2) read as unknown/undecided. */
    @Property(tries = 200)
    void readsTheBinaryLayoutBeforeNamesDurationAndLateness(@ForAll("segments") Segment s) {
        Segment older = new Segment(s.id(), s.sha256(), s.sm3(), s.size(), s.originalName(), s.mediaKind(),
                s.recorderSerial(), s.officerBadge(), s.unitCode(), s.recordedStart(), s.recordedEnd(),
                s.clockDriftMs(), s.ingestedAt(), s.stationId(), s.trigger(), s.uploadedBy(), s.retentionClass(),
                s.retainUntil(), s.holds(), s.caseIds());
        byte[] v3 = SegmentCodec.encode(older);
        // version 3 appends: officerName (null: 1 byte), unitName (1), duration presence (1), lateness (1)
        byte[] v2 = Arrays.copyOf(v3, v3.length - 4);
        v2[0] = 2;
        Segment read = SegmentCodec.decode(v2);
        assertThat(read).isEqualTo(older);
        assertThat(read.duration()).isEmpty();
        assertThat(read.late()).isNull();
    }

    @Example
    void aBadLatenessByteIsCorrupt() {
        byte[] bytes = SegmentCodec.encode(segmentNamed("a.mp4"));
        bytes[bytes.length - 1] = 3;
        assertThatThrownBy(() -> SegmentCodec.decode(bytes)).isInstanceOf(VaultException.class);
    }

    @Property(tries = 200)
    void aTruncatedOrExtendedRecordIsCorrupt(@ForAll("segments") Segment s, @ForAll("cuts") int cut) {
        byte[] bytes = SegmentCodec.encode(s);
        byte[] truncated = Arrays.copyOf(bytes, Math.max(1, Math.min(cut, bytes.length - 1)));
        byte[] extended = Arrays.copyOf(bytes, bytes.length + 1);
        for (byte[] bad : List.of(truncated, extended)) {
            assertThatThrownBy(() -> SegmentCodec.decode(bad)).isInstanceOf(VaultException.class)
                    .satisfies(e -> assertThat(((VaultException) e).kind()).isEqualTo(VaultException.Kind.INTEGRITY));
        }
    }

    @Example
    void unknownVersionsAndEmptyRecordsAreCorrupt() {
        for (byte[] bad : List.of(new byte[0], new byte[] {0}, new byte[] {4, 1, 2})) {
            assertThatThrownBy(() -> SegmentCodec.decode(bad)).isInstanceOf(VaultException.class);
        }
    }

    @Example
    void unpairedSurrogatesAreRefusedRatherThanStoredAsQuestionMarks() {
        Segment s = segmentNamed("clip\uD800.mp4");
        assertThatThrownBy(() -> SegmentCodec.encode(s)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Segment segmentNamed(String name) {
        Instant t = Instant.parse("2025-03-01T10:00:00Z");
        return new Segment(new SegmentId(new UUID(1, 2)), Sha256.of(new byte[32]), null, 1, name, MediaKind.VIDEO,
                null, null, null, t, t, 0, t, null, null, null, RetentionClass.ROUTINE, null, List.of(), List.of());
    }

    @Provide
    Arbitrary<Integer> cuts() {
        return Arbitraries.integers().between(1, 400);
    }

    @Provide
    Arbitrary<Segment> segments() {
        Arbitrary<String> text = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20),
                Arbitraries.of("", "警号7", "派出所", "REC00042_17.mp4", "\uD83D\uDCF9 clip", "a\u0000b"));
        Arbitrary<String> nullableText = text.injectNull(0.3);
        Arbitrary<Instant> instant = Combinators.combine(
                        Arbitraries.longs().between(-62_135_596_800L, 253_402_300_799L),
                        Arbitraries.integers().between(0, 999_999_999))
                .as(Instant::ofEpochSecond);
        Arbitrary<Instant> nullableInstant = instant.injectNull(0.3);
        Arbitrary<Hold> hold = Combinators.combine(nullableText, nullableText, nullableText, nullableInstant)
                .as(Hold::new);
        Arbitrary<byte[]> digest = Arbitraries.bytes().array(byte[].class).ofSize(Sha256.BYTES);
        return Builders.withBuilder(SegmentBuilder::new)
                .use(Arbitraries.longs()).inSetter((b, v) -> b.msb = v)
                .use(Arbitraries.longs()).inSetter((b, v) -> b.lsb = v)
                .use(digest).inSetter((b, v) -> b.digest = v)
                .use(Arbitraries.longs().greaterOrEqual(0)).inSetter((b, v) -> b.size = v)
                .use(Arbitraries.longs()).inSetter((b, v) -> b.drift = v)
                .use(instant.list().ofSize(3)).inSetter((b, v) -> b.times = v)
                .use(nullableInstant).inSetter((b, v) -> b.retainUntil = v)
                .use(Arbitraries.of(RetentionClass.class)).inSetter((b, v) -> b.retention = v)
                .use(Arbitraries.of(MediaKind.class).injectNull(0.2)).inSetter((b, v) -> b.media = v)
                .use(Arbitraries.of(Trigger.class).injectNull(0.2)).inSetter((b, v) -> b.trigger = v)
                .use(nullableText.list().ofSize(7)).inSetter((b, v) -> b.texts = v)
                .use(hold.list().ofMaxSize(3)).inSetter((b, v) -> b.holds = v)
                .use(text.list().ofMaxSize(4)).inSetter((b, v) -> b.cases = v)
                .use(nullableText.list().ofSize(2)).inSetter((b, v) -> b.names = v)
                .use(Arbitraries.longs().greaterOrEqual(0).injectNull(0.3)).inSetter((b, v) -> b.duration = v)
                .use(Arbitraries.of(true, false).injectNull(0.3)).inSetter((b, v) -> b.late = v)
                .build(SegmentBuilder::build);
    }

    private static final class SegmentBuilder {
        long msb;
        long lsb;
        byte[] digest;
        long size;
        long drift;
        List<Instant> times;
        Instant retainUntil;
        RetentionClass retention;
        MediaKind media;
        Trigger trigger;
        List<String> texts;
        List<Hold> holds;
        List<String> cases;
        List<String> names;
        Long duration;
        Boolean late;

        Segment build() {
            return new Segment(new SegmentId(new UUID(msb, lsb)), Sha256.of(digest), texts.get(0), size,
                    texts.get(1), media, texts.get(2), texts.get(3), texts.get(4), times.get(0), times.get(1), drift,
                    times.get(2), texts.get(5), trigger, texts.get(6), retention, retainUntil, holds, cases,
                    names.get(0), names.get(1), duration, late);
        }
    }
}
