package io.camvault.vault.kv;

import io.camvault.vault.VaultException;
import io.camvault.vault.model.Hold;
import io.camvault.vault.model.MediaKind;
import io.camvault.vault.model.RetentionClass;
import io.camvault.vault.model.Segment;
import io.camvault.vault.model.SegmentId;
import io.camvault.vault.model.Sha256;
import io.camvault.vault.model.Trigger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The value layout of a SEGMENTS record. Segments are the one record the index holds by the
 * million and reads on every search, so they get a compact binary layout instead of the JSON of
 * {@link Records}: encoding and decoding JSON cost more CPU than the RocksDB write or read itself
 * (see docs/BENCHMARKS.md "Index"), and the binary record is about a third of the size.
 *
 * <p>The first byte is the layout version, shared with {@link Records}: version
 * {@value Records#VERSION} is a JSON record and version {@value #VERSION_2} the first binary layout (both
 * still read, never written); version {@value #VERSION} is this layout:
 * <pre>
 * version(1)=3  id(16: msb, lsb)  sha256(32)  size(8)  clockDriftMs(8)
 * recordedStart(12)  recordedEnd(12)  ingestedAt(12)  retainUntil(nullable instant)
 * retentionClass(text)  mediaKind(nullable text)  trigger(nullable text)
 * sm3, originalName, recorderSerial, officerBadge, unitCode, stationId, uploadedBy (nullable text)
 * holds: count(varint), each id, reason, placedBy (nullable text), placedAt (nullable instant)
 * caseIds: count(varint), each text
 * officerName, unitName (nullable text)  durationMillis(nullable long)  late(0 null, 1 false, 2 true)
 * </pre>
 * Version 2 is the same without the last four fields (names and duration unknown, lateness undecided).
 * Numbers are big-endian; an instant is epoch seconds(8) + nanos(4), so nothing is rounded; a
 * nullable instant is a presence byte (0/1) then the instant. Text is varint(length + 1) then
 * UTF-8, with 0 meaning null. Enums are stored by name, never by ordinal, so reordering or adding
 * constants never changes what stored bytes mean. Fields are only ever appended, in a new version.
 */
public final class SegmentCodec {
    /** The layout written now. */
    public static final byte VERSION = 3;
    /** The binary layout before names, duration and lateness were stored; still read. */
    static final byte VERSION_2 = 2;

    private SegmentCodec() {
    }

    public static byte[] encode(Segment s) {
        Out out = new Out(160);
        out.u8(VERSION);
        UUID id = s.id().value();
        out.i64(id.getMostSignificantBits());
        out.i64(id.getLeastSignificantBits());
        out.raw(s.sha256().bytes());
        out.i64(s.size());
        out.i64(s.clockDriftMs());
        out.instant(s.recordedStart());
        out.instant(s.recordedEnd());
        out.instant(s.ingestedAt());
        out.nullableInstant(s.retainUntil());
        out.text(s.retentionClass().name());
        out.text(s.mediaKind() == null ? null : s.mediaKind().name());
        out.text(s.trigger() == null ? null : s.trigger().name());
        out.text(s.sm3());
        out.text(s.originalName());
        out.text(s.recorderSerial());
        out.text(s.officerBadge());
        out.text(s.unitCode());
        out.text(s.stationId());
        out.text(s.uploadedBy());
        out.varint(s.holds().size());
        for (Hold h : s.holds()) {
            out.text(h.id());
            out.text(h.reason());
            out.text(h.placedBy());
            out.nullableInstant(h.placedAt());
        }
        out.varint(s.caseIds().size());
        for (String caseId : s.caseIds()) {
            out.text(caseId);
        }
        out.text(s.officerName());
        out.text(s.unitName());
        out.u8(s.durationMillis() == null ? 0 : 1);
        if (s.durationMillis() != null) {
            out.i64(s.durationMillis());
        }
        out.u8(s.late() == null ? 0 : s.late() ? 2 : 1);
        return out.toByteArray();
    }

    /** Reads either layout; anything else, or trailing or missing bytes, is an INTEGRITY failure. */
    public static Segment decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw corrupt("empty segment record", null);
        }
        if (bytes[0] == Records.VERSION) {
            return Records.decode(bytes, Segment.class);
        }
        if (bytes[0] != VERSION && bytes[0] != VERSION_2) {
            throw corrupt("unknown segment record version " + bytes[0], null);
        }
        try {
            In in = new In(bytes, 1);
            SegmentId id = new SegmentId(new UUID(in.i64(), in.i64()));
            Sha256 sha256 = Sha256.of(in.raw(Sha256.BYTES));
            long size = in.i64();
            long drift = in.i64();
            Instant start = in.instant();
            Instant end = in.instant();
            Instant ingested = in.instant();
            Instant retainUntil = in.nullableInstant();
            RetentionClass retention = RetentionClass.valueOf(in.text());
            String media = in.text();
            String trigger = in.text();
            String sm3 = in.text();
            String originalName = in.text();
            String recorder = in.text();
            String officer = in.text();
            String unit = in.text();
            String station = in.text();
            String uploadedBy = in.text();
            int holdCount = in.count();
            List<Hold> holds = new ArrayList<>(holdCount);
            for (int i = 0; i < holdCount; i++) {
                holds.add(new Hold(in.text(), in.text(), in.text(), in.nullableInstant()));
            }
            int caseCount = in.count();
            List<String> caseIds = new ArrayList<>(caseCount);
            for (int i = 0; i < caseCount; i++) {
                caseIds.add(in.text());
            }
            String officerName = null;
            String unitName = null;
            Long duration = null;
            Boolean late = null;
            if (bytes[0] == VERSION) {
                officerName = in.text();
                unitName = in.text();
                duration = in.presence() ? in.i64() : null;
                int decided = in.u8();
                if (decided > 2) {
                    throw new IllegalStateException("bad lateness byte " + decided);
                }
                late = decided == 0 ? null : decided == 2;
            }
            in.requireEnd();
            return new Segment(id, sha256, sm3, size, originalName, media == null ? null : MediaKind.valueOf(media),
                    recorder, officer, unit, start, end, drift, ingested, station,
                    trigger == null ? null : Trigger.valueOf(trigger), uploadedBy, retention, retainUntil, holds,
                    caseIds, officerName, unitName, duration, late);
        } catch (RuntimeException e) { // truncation, a bad enum name, a null where none is allowed
            throw corrupt("corrupt segment record", e);
        }
    }

    private static VaultException corrupt(String message, Throwable cause) {
        return new VaultException(VaultException.Kind.INTEGRITY, message, cause);
    }

    private static final class Out {
        private byte[] buf;
        private int at;

        Out(int capacity) {
            buf = new byte[capacity];
        }

        private void room(int n) {
            if (at + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, at + n));
            }
        }

        void u8(int v) {
            room(1);
            buf[at++] = (byte) v;
        }

        void i32(int v) {
            room(4);
            for (int shift = 24; shift >= 0; shift -= 8) {
                buf[at++] = (byte) (v >>> shift);
            }
        }

        void i64(long v) {
            room(8);
            for (int shift = 56; shift >= 0; shift -= 8) {
                buf[at++] = (byte) (v >>> shift);
            }
        }

        void varint(int v) {
            while ((v & ~0x7F) != 0) {
                u8((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            u8(v);
        }

        void raw(byte[] bytes) {
            room(bytes.length);
            System.arraycopy(bytes, 0, buf, at, bytes.length);
            at += bytes.length;
        }

        void instant(Instant t) {
            i64(t.getEpochSecond());
            i32(t.getNano());
        }

        void nullableInstant(Instant t) {
            u8(t == null ? 0 : 1);
            if (t != null) {
                instant(t);
            }
        }

        void text(String s) {
            if (s == null) {
                varint(0);
                return;
            }
            requireWellFormed(s);
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            varint(utf8.length + 1);
            raw(utf8);
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, at);
        }

        /** An unpaired surrogate would be stored as '?' and not read back as written; refuse it. */
        private static void requireWellFormed(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    throw new IllegalArgumentException("segment text is not well-formed Unicode");
                }
            }
        }
    }

    private static final class In {
        private final byte[] buf;
        private int at;

        In(byte[] buf, int at) {
            this.buf = buf;
            this.at = at;
        }

        private void need(int n) {
            if (n < 0 || at + n > buf.length) {
                throw new IllegalStateException("truncated");
            }
        }

        int u8() {
            need(1);
            return buf[at++] & 0xFF;
        }

        int i32() {
            need(4);
            int v = 0;
            for (int i = 0; i < 4; i++) {
                v = (v << 8) | (buf[at++] & 0xFF);
            }
            return v;
        }

        long i64() {
            need(8);
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (buf[at++] & 0xFF);
            }
            return v;
        }

        int varint() {
            int v = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                int b = u8();
                v |= (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
            throw new IllegalStateException("varint too long");
        }

        /** A list length; bounded by the bytes left, so a corrupt count cannot allocate gigabytes. */
        int count() {
            int n = varint();
            if (n < 0 || n > buf.length - at) {
                throw new IllegalStateException("bad count " + n);
            }
            return n;
        }

        byte[] raw(int n) {
            need(n);
            byte[] out = Arrays.copyOfRange(buf, at, at + n);
            at += n;
            return out;
        }

        Instant instant() {
            return Instant.ofEpochSecond(i64(), i32());
        }

        Instant nullableInstant() {
            return presence() ? instant() : null;
        }

        boolean presence() {
            int present = u8();
            if (present > 1) {
                throw new IllegalStateException("bad presence byte " + present);
            }
            return present == 1;
        }

        String text() {
            int n = varint();
            if (n == 0) {
                return null;
            }
            need(n - 1);
            String s = new String(buf, at, n - 1, StandardCharsets.UTF_8);
            at += n - 1;
            return s;
        }

        void requireEnd() {
            if (at != buf.length) {
                throw new IllegalStateException((buf.length - at) + " trailing bytes");
            }
        }
    }
}
