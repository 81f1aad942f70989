package io.camvault.vault.kv;

import io.camvault.vault.model.SegmentId;
import io.camvault.vault.model.Sha256;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/**
 * Every key layout of the index, in one place (layout version {@link #LAYOUT_VERSION}).
 *
 * <p>Why big-endian and fixed width: RocksDB (and {@link MemoryKvStore}) compare keys as unsigned
 * bytes, so a key sorts the way its fields do only if each field is encoded so that unsigned byte
 * order equals the field's own order, and each field starts at a fixed offset. Big-endian numbers
 * give numeric order; a sign-flipped long gives signed order (negative times sort before positive
 * ones); NUL-padded text gives lexicographic order of its UTF-8 bytes (which is code point order).
 * Fixed width matters for prefix scans: with variable-width badges, a scan of officer "12" would
 * also see officer "123"'s keys, and "12"'s time field would be compared against "3…" bytes.
 * Padding every identifier to {@value #IDENTIFIER_BYTES} bytes keeps each officer's keys in one
 * contiguous, non-overlapping range.
 *
 * <p>Layouts (widths in bytes):
 * <pre>
 * SEGMENTS                  segmentId(16)
 * SEGMENTS_BY_OFFICER       badge(16)    time(8) segmentId(16)
 * SEGMENTS_BY_RECORDER      serial(16)   time(8) segmentId(16)
 * SEGMENTS_BY_UNIT          unit(16)     time(8) segmentId(16)
 * SEGMENTS_BY_CASE          caseId(36)   time(8) segmentId(16)   time = recorded start
 * SEGMENTS_BY_TIME          time(8) segmentId(16)
 * SEGMENTS_BY_RETAIN_UNTIL  time(8) segmentId(16)                time = retain-until
 * SEGMENTS_BY_HASH          sha256(32)                           → value segmentId(16)
 * AUDIT                     seq(8)
 * AUDIT_BY_SUBJECT          sha256(subject UTF-8)(32) seq(8)
 * META                      utf8(name): audit.head, …           point lookups only
 * PURGE_QUEUE, TOMBSTONES   segmentId(16)
 * OBJECT_REMOVALS           sha256(32)
 * ALARMS                    time(8) alarmId(16)                  time = raised at
 * LATE_UPLOADS              year(4) unit(16) officer(16) segmentId(16)   missing unit/officer: all-NUL
 * OFFICER_NAMES             utf8(name) NUL(1) badge(16)          → value officer record
 * CHECKPOINTS               seq(8)
 * UPLOADS, PRINCIPALS, …    utf8(id), variable width: point lookups only, never prefix scans
 * PRINCIPALS_BY_TOKEN       sha256(token)(32)
 * </pre>
 *
 * <p>Time is epoch milliseconds with the sign bit flipped; the index therefore orders and filters
 * instants at millisecond precision (sub-millisecond parts are truncated toward the past, for keys
 * and query bounds alike). Every segment secondary key ends with the segment id, so
 * {@link #trailingSegmentId(byte[])} recovers it without knowing the family.
 *
 * <p>Identifiers (badge, serial, unit code) are 1–16 bytes of UTF-8 without NUL; case ids 1–36
 * bytes (a UUID in text form fits). Anything else is an {@link IllegalArgumentException}, which
 * callers turn into a 400: we would rather refuse an odd identifier than truncate it into someone
 * else's key range.
 */
public final class Keys {
    /**
     * Bump when any layout below changes incompatibly, and add the {@link IndexLayout.Migration} that
     * rewrites the previous one. Stamped in META and checked each time the index opens ({@link IndexLayout}).
     */
    public static final int LAYOUT_VERSION = 1;

    public static final int IDENTIFIER_BYTES = 16;
    public static final int CASE_ID_BYTES = 36;
    public static final int TIME_BYTES = Long.BYTES;
    public static final int SEGMENT_ID_BYTES = 16;
    public static final int SHA256_BYTES = Sha256.BYTES;
    public static final int SEQ_BYTES = Long.BYTES;

    /** The earliest and latest instants a time field can hold; query bounds beyond them are clamped by callers. */
    public static final Instant MIN_TIME = Instant.ofEpochMilli(Long.MIN_VALUE);
    public static final Instant MAX_TIME = Instant.ofEpochMilli(Long.MAX_VALUE);

    /** Length of an officer/recorder/unit + time + id key. */
    public static final int IDENTIFIER_TIME_KEY_BYTES = IDENTIFIER_BYTES + TIME_BYTES + SEGMENT_ID_BYTES;
    public static final int CASE_TIME_KEY_BYTES = CASE_ID_BYTES + TIME_BYTES + SEGMENT_ID_BYTES;
    public static final int TIME_KEY_BYTES = TIME_BYTES + SEGMENT_ID_BYTES;

    private Keys() {
    }

    // ---- fields ------------------------------------------------------------------------------

    /** A badge, recorder serial or unit code: UTF-8, NUL-padded to 16 bytes. */
    public static byte[] identifier(String value) {
        return paddedText(value, IDENTIFIER_BYTES, "identifier");
    }

    public static String decodeIdentifier(byte[] key, int offset) {
        return unpadText(key, offset, IDENTIFIER_BYTES);
    }

    /** A case id: UTF-8, NUL-padded to 36 bytes. */
    public static byte[] caseId(String value) {
        return paddedText(value, CASE_ID_BYTES, "case id");
    }

    public static String decodeCaseId(byte[] key, int offset) {
        return unpadText(key, offset, CASE_ID_BYTES);
    }

    /** Epoch millis with the sign bit flipped, big-endian. */
    public static byte[] time(Instant instant) {
        return ByteBuffer.allocate(TIME_BYTES).putLong(flip(millis(instant))).array();
    }

    public static Instant decodeTime(byte[] key, int offset) {
        return Instant.ofEpochMilli(flip(ByteBuffer.wrap(key, offset, TIME_BYTES).getLong()));
    }

    public static byte[] segmentId(SegmentId id) {
        UUID u = id.value();
        return ByteBuffer.allocate(SEGMENT_ID_BYTES)
                .putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
    }

    public static SegmentId decodeSegmentId(byte[] key, int offset) {
        ByteBuffer b = ByteBuffer.wrap(key, offset, SEGMENT_ID_BYTES);
        return new SegmentId(new UUID(b.getLong(), b.getLong()));
    }

    /** The segment id that ends every segment secondary key (and is the whole primary key). */
    public static SegmentId trailingSegmentId(byte[] key) {
        if (key.length < SEGMENT_ID_BYTES) {
            throw new IllegalArgumentException("key too short to hold a segment id");
        }
        return decodeSegmentId(key, key.length - SEGMENT_ID_BYTES);
    }

    public static byte[] sha256(Sha256 digest) {
        return digest.bytes();
    }

    /** A simple string key for point lookups (upload ids, principal ids, case ids in CASES). */
    public static byte[] utf8(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }

    // ---- segments ----------------------------------------------------------------------------

    public static byte[] segment(SegmentId id) {
        return segmentId(id);
    }

    /** REDACTIONS: segment id (16 bytes) + the redaction's suffix, so a segment's copies are one prefix. */
    public static byte[] redactionKey(SegmentId id, String suffix) {
        byte[] seg = segmentId(id);
        byte[] tail = utf8(suffix);
        byte[] key = Arrays.copyOf(seg, seg.length + tail.length);
        System.arraycopy(tail, 0, key, seg.length, tail.length);
        return key;
    }

    /** SEGMENTS_BY_OFFICER / _RECORDER / _UNIT: identifier + recorded start + id. */
    public static byte[] identifierTimeKey(String identifier, Instant start, SegmentId id) {
        return paddedTimeKey(identifier, IDENTIFIER_BYTES, "identifier", start, id);
    }

    public static byte[] officerTimeKey(String badge, Instant start, SegmentId id) {
        return identifierTimeKey(badge, start, id);
    }

    public static byte[] recorderTimeKey(String serial, Instant start, SegmentId id) {
        return identifierTimeKey(serial, start, id);
    }

    public static byte[] unitTimeKey(String unitCode, Instant start, SegmentId id) {
        return identifierTimeKey(unitCode, start, id);
    }

    /** Inclusive start of one identifier's keys with recorded start at or after {@code from} (null: all). */
    public static byte[] identifierRangeStart(String identifier, Instant from) {
        byte[] prefix = identifier(identifier);
        return from == null ? prefix : concat(prefix, time(from));
    }

    /** Exclusive end of one identifier's keys with recorded start before {@code to} (null: all). */
    public static byte[] identifierRangeEnd(String identifier, Instant to) {
        byte[] prefix = identifier(identifier);
        return to == null ? prefixEnd(prefix) : concat(prefix, time(to));
    }

    public static byte[] officerRangeStart(String badge, Instant from) {
        return identifierRangeStart(badge, from);
    }

    public static byte[] officerRangeEnd(String badge, Instant to) {
        return identifierRangeEnd(badge, to);
    }

    /** SEGMENTS_BY_CASE: case id + recorded start + id, so a case lists its footage in time order. */
    public static byte[] caseTimeKey(String caseId, Instant start, SegmentId id) {
        return paddedTimeKey(caseId, CASE_ID_BYTES, "case id", start, id);
    }

    public static byte[] caseRangeStart(String caseId, Instant from) {
        byte[] prefix = caseId(caseId);
        return from == null ? prefix : concat(prefix, time(from));
    }

    public static byte[] caseRangeEnd(String caseId, Instant to) {
        byte[] prefix = caseId(caseId);
        return to == null ? prefixEnd(prefix) : concat(prefix, time(to));
    }

    /** SEGMENTS_BY_TIME (recorded start) and SEGMENTS_BY_RETAIN_UNTIL (retain-until): time + id. */
    public static byte[] timeKey(Instant instant, SegmentId id) {
        byte[] key = new byte[TIME_KEY_BYTES];
        putLong(key, 0, flip(millis(instant)));
        putSegmentId(key, TIME_BYTES, id);
        return key;
    }

    /** Inclusive start for time-keyed families; null means open. */
    public static byte[] timeRangeStart(Instant from) {
        return from == null ? null : time(from);
    }

    /** Exclusive end for time-keyed families; null means open. */
    public static byte[] timeRangeEnd(Instant to) {
        return to == null ? null : time(to);
    }

    // ---- audit -------------------------------------------------------------------------------

    /** AUDIT: sequence number, big-endian. Sequence numbers are never negative. */
    public static byte[] auditSeq(long seq) {
        return ByteBuffer.allocate(SEQ_BYTES).putLong(requireSeq(seq)).array();
    }

    public static long decodeAuditSeq(byte[] key) {
        if (key.length != SEQ_BYTES) {
            throw new IllegalArgumentException("an audit key has 8 bytes, got " + key.length);
        }
        return ByteBuffer.wrap(key).getLong();
    }

    /**
     * AUDIT_BY_SUBJECT: SHA-256 of the subject's UTF-8 + sequence number. Subjects
     * ("segment:…", "case:…", free text) have no length bound, so they are hashed to a fixed 32
     * bytes; one subject's events are then one contiguous range in sequence order. The subject
     * itself is in the AUDIT record, so it need not be recoverable from the key.
     */
    public static byte[] auditSubject(String subject, long seq) {
        return concat(auditSubjectPrefix(subject), auditSeq(seq));
    }

    public static byte[] auditSubjectPrefix(String subject) {
        if (subject == null) {
            throw new IllegalArgumentException("audit subject is required");
        }
        try {
            return MessageDigest.getInstance("SHA-256").digest(subject.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    public static long decodeAuditSubjectSeq(byte[] key) {
        if (key.length != SHA256_BYTES + SEQ_BYTES) {
            throw new IllegalArgumentException("an audit-by-subject key has 40 bytes, got " + key.length);
        }
        return ByteBuffer.wrap(key, SHA256_BYTES, SEQ_BYTES).getLong();
    }

    /** The sequence number that ends an AUDIT, AUDIT_BY_SUBJECT or CHECKPOINTS key. */
    public static long trailingSeq(byte[] key) {
        if (key.length < SEQ_BYTES) {
            throw new IllegalArgumentException("a sequence-keyed key holds at least 8 bytes, got " + key.length);
        }
        return ByteBuffer.wrap(key, key.length - SEQ_BYTES, SEQ_BYTES).getLong();
    }

    // ---- retention, integrity, statistics ---------------------------------------------------

    /** ALARMS: raised-at time + a 16-byte id (a UUID), so alarms list oldest first. */
    public static byte[] alarmKey(Instant raisedAt, UUID alarmId) {
        return concat(time(raisedAt), ByteBuffer.allocate(16)
                .putLong(alarmId.getMostSignificantBits()).putLong(alarmId.getLeastSignificantBits()).array());
    }

    /**
     * LATE_UPLOADS: year (u32, big-endian) + unit + officer + segment id. The yearly report counts
     * one year with one prefix scan, and one unit or one unit's officer with a longer prefix. An
     * absent unit or officer is all NUL bytes, which no identifier can be (identifiers are never
     * empty), so it sorts first and never mixes with a real one.
     */
    public static byte[] lateUploadKey(int year, String unit, String officer, SegmentId id) {
        return concat(year(year), optionalIdentifier(unit), optionalIdentifier(officer), segmentId(id));
    }

    /** The prefix of one year's late uploads, optionally narrowed to a unit (and officer). */
    public static byte[] lateUploadPrefix(int year, String unit, String officer) {
        if (unit == null) {
            return year(year);
        }
        return officer == null ? concat(year(year), identifier(unit))
                : concat(year(year), identifier(unit), identifier(officer));
    }

    private static byte[] year(int year) {
        if (year < 0) {
            throw new IllegalArgumentException("year must not be negative: " + year);
        }
        return ByteBuffer.allocate(Integer.BYTES).putInt(year).array();
    }

    private static byte[] optionalIdentifier(String value) {
        return value == null ? new byte[IDENTIFIER_BYTES] : identifier(value);
    }

    /**
     * OFFICER_NAMES: the name's UTF-8, a NUL, then the badge. Names vary in length, but a name holds
     * no NUL (control characters are refused at ingest), so the NUL ends it: a scan of the prefix
     * {@link #officerNamePrefix} finds exactly the badges recorded under that name, never those of
     * a longer name that starts with it.
     */
    public static byte[] officerNameKey(String name, String badge) {
        return concat(officerNamePrefix(name), identifier(badge));
    }

    public static byte[] officerNamePrefix(String name) {
        if (name == null || name.isEmpty() || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an officer name must be non-empty text without NUL");
        }
        return concat(name.getBytes(StandardCharsets.UTF_8), new byte[1]);
    }

    // ---- META --------------------------------------------------------------------------------

    /** META/audit.head: the chain head, written in the same batch as every append. */
    public static final byte[] META_AUDIT_HEAD = meta("audit.head");
    /** META/retention.policy: the last retention policy accepted at start-up (never shortened). */
    public static final byte[] META_RETENTION_POLICY = meta("retention.policy");
    /** META/fixity.cursor: where the fixity pass stands, so it resumes after a restart. */
    public static final byte[] META_FIXITY_CURSOR = meta("fixity.cursor");
    /** META/figures.decided: segments of earlier releases have their lateness and known duration. */
    public static final byte[] META_FIGURES_DECIDED = meta("figures.decided");

    /** META/layout.version: the layout the index was last written in (see {@link IndexLayout}). */
    public static final byte[] META_LAYOUT_VERSION = meta("layout.version");
    /** META/layout.migrated: a migration whose audit event is still to be appended. */
    public static final byte[] META_LAYOUT_MIGRATED = meta("layout.migrated");

    /** META/job.last-success.&lt;name&gt;: when a scheduled job last finished without error. */
    public static byte[] metaJobLastSuccess(String jobName) {
        return meta("job.last-success." + jobName);
    }

    /**
     * A META key: a fixed ASCII name. META holds a handful of singletons, read by point lookup, so
     * a readable name beats a compact one.
     */
    public static byte[] meta(String name) {
        return utf8(name);
    }

    // ---- helpers -----------------------------------------------------------------------------

    /**
     * text(width) + time(8) + segmentId(16) written into one array: the same bytes as concatenating
     * the field encodings, without the three intermediate arrays (key building showed in the
     * bulk-load profile).
     */
    private static byte[] paddedTimeKey(String text, int width, String what, Instant start, SegmentId id) {
        byte[] utf8 = checkedText(text, width, what);
        byte[] key = new byte[width + TIME_BYTES + SEGMENT_ID_BYTES];
        System.arraycopy(utf8, 0, key, 0, utf8.length);
        putLong(key, width, flip(millis(start)));
        putSegmentId(key, width + TIME_BYTES, id);
        return key;
    }

    private static void putSegmentId(byte[] out, int offset, SegmentId id) {
        UUID u = id.value();
        putLong(out, offset, u.getMostSignificantBits());
        putLong(out, offset + Long.BYTES, u.getLeastSignificantBits());
    }

    private static void putLong(byte[] out, int offset, long value) {
        for (int i = 7; i >= 0; i--) {
            out[offset + i] = (byte) value;
            value >>>= 8;
        }
    }

    /**
     * The smallest key greater than every key starting with {@code prefix}, or {@code null} when
     * there is none (prefix all 0xFF), meaning "scan to the end".
     */
    public static byte[] prefixEnd(byte[] prefix) {
        byte[] end = prefix.clone();
        for (int i = end.length - 1; i >= 0; i--) {
            if (end[i] != (byte) 0xFF) {
                end[i]++;
                return Arrays.copyOf(end, i + 1);
            }
        }
        return null;
    }

    /** The smallest key strictly greater than {@code key}: a cursor's "start after". */
    public static byte[] successor(byte[] key) {
        return Arrays.copyOf(key, key.length + 1);
    }

    public static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static long millis(Instant instant) {
        if (instant == null) {
            throw new IllegalArgumentException("time is required");
        }
        try {
            return instant.toEpochMilli();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("time out of range: " + instant, e);
        }
    }

    /** Flipping the sign bit maps signed order onto unsigned order: MIN → 0x00…, -1 → 0x7F…, 0 → 0x80…. */
    private static long flip(long value) {
        return value ^ Long.MIN_VALUE;
    }

    private static long requireSeq(long seq) {
        if (seq < 0) {
            throw new IllegalArgumentException("audit sequence numbers are not negative: " + seq);
        }
        return seq;
    }

    private static byte[] paddedText(String value, int width, String what) {
        return Arrays.copyOf(checkedText(value, width, what), width);
    }

    /** The UTF-8 of a non-empty, NUL-free, well-formed text of at most {@code width} bytes. */
    private static byte[] checkedText(String value, int width, String what) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + " must not contain NUL");
        }
        requireWellFormed(value, what);
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > width) {
            throw new IllegalArgumentException(what + " is longer than " + width + " bytes of UTF-8");
        }
        return utf8;
    }

    /** An unpaired surrogate would encode as '?' and no longer round-trip, so refuse it. */
    private static void requireWellFormed(String value, String what) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(what + " is not well-formed Unicode");
            }
        }
    }

    private static String unpadText(byte[] key, int offset, int width) {
        int end = offset;
        while (end < offset + width && key[end] != 0) {
            end++;
        }
        return new String(key, offset, end - offset, StandardCharsets.UTF_8);
    }
}
