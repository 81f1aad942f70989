package io.camvault.vault.index;

import io.camvault.vault.VaultException;
import io.camvault.vault.kv.ColumnFamily;
import io.camvault.vault.kv.KvBatch;
import io.camvault.vault.kv.KvStore;
import io.camvault.vault.kv.Keys;
import io.camvault.vault.kv.SegmentCodec;
import io.camvault.vault.model.Segment;
import io.camvault.vault.model.SegmentId;
import io.camvault.vault.model.Sha256;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Segments and their secondary keys (officer+time, recorder+time, unit+time, time, case+time,
 * retain-until, hash) over a {@link KvStore}. Key layouts are in {@link Keys}; values go through
 * {@link SegmentCodec}. Secondary keys map to an empty value (the segment id is the key's tail), except
 * SEGMENTS_BY_HASH, which maps the digest to the segment id.
 *
 * <p>Writes are staged into the caller's batch, so a segment commits together with its audit
 * event. The presence checks read committed state only: the caller must hold the vault's write
 * lock, and must not stage two segments with the same id or digest into one batch.
 *
 * <p>A null officer, recorder or unit means no entry in that family. A permanent segment
 * (null retain-until) has no SEGMENTS_BY_RETAIN_UNTIL entry at all rather than a far-future one,
 * so the retention scan can never meet it, and making a segment permanent deletes its entry.
 */
public final class SegmentIndex {
    private static final byte[] EMPTY = new byte[0];
    private static final Base64.Encoder CURSOR_ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder CURSOR_DECODER = Base64.getUrlDecoder();

    private final KvStore kv;

    public SegmentIndex(KvStore kv) {
        this.kv = kv;
    }

    /**
     * Adds the segment and all its secondary keys to the batch. Fails (CONFLICT) if the id or hash
     * exists; a bad identifier fails with {@link IllegalArgumentException} before anything is staged.
     */
    public void insert(KvBatch batch, Segment segment) {
        List<Entry> entries = secondaryEntries(segment);
        byte[] primary = Keys.segment(segment.id());
        if (kv.get(ColumnFamily.SEGMENTS, primary) != null) {
            throw new VaultException(VaultException.Kind.CONFLICT, "segment " + segment.id() + " already exists");
        }
        if (kv.get(ColumnFamily.SEGMENTS_BY_HASH, Keys.sha256(segment.sha256())) != null) {
            throw new VaultException(VaultException.Kind.CONFLICT,
                    "a segment with sha256 " + segment.sha256().hex() + " already exists");
        }
        batch.put(ColumnFamily.SEGMENTS, primary, SegmentCodec.encode(segment));
        for (Entry e : entries) {
            batch.put(e.cf(), e.keyBytes(), e.value(segment.id()));
        }
    }

    /**
     * Replaces a stored segment, moving any secondary key whose value changed. Fails (NOT_FOUND) if
     * absent, (CONFLICT) if {@code before} is not what is stored — the deletes would miss otherwise —
     * and (FORBIDDEN) if the digest changes: it names write-once bytes.
     */
    public void update(KvBatch batch, Segment before, Segment after) {
        if (!before.id().equals(after.id())) {
            throw new IllegalArgumentException("update cannot change a segment's id");
        }
        if (!before.sha256().equals(after.sha256())) {
            throw new VaultException(VaultException.Kind.FORBIDDEN, "a segment's sha256 never changes");
        }
        Set<Entry> newEntries = new LinkedHashSet<>(secondaryEntries(after));
        Set<Entry> oldEntries = new LinkedHashSet<>(secondaryEntries(before));
        Segment stored = get(before.id()).orElseThrow(() ->
                new VaultException(VaultException.Kind.NOT_FOUND, "segment " + before.id() + " not found"));
        if (!stored.equals(before)) {
            throw new VaultException(VaultException.Kind.CONFLICT,
                    "segment " + before.id() + " changed since it was read");
        }
        for (Entry e : oldEntries) {
            if (!newEntries.contains(e)) {
                batch.delete(e.cf(), e.keyBytes());
            }
        }
        batch.put(ColumnFamily.SEGMENTS, Keys.segment(after.id()), SegmentCodec.encode(after));
        for (Entry e : newEntries) {
            if (!oldEntries.contains(e)) {
                batch.put(e.cf(), e.keyBytes(), e.value(after.id()));
            }
        }
    }

    /**
     * Stages the removal of a segment record and every secondary key it has. Only the retention
     * purge calls this, after the original is gone; the tombstone it writes in the same batch keeps
     * the record. Fails (NOT_FOUND) if absent, (CONFLICT) if {@code stored} is not what is stored.
     */
    public void remove(KvBatch batch, Segment stored) {
        Segment current = get(stored.id()).orElseThrow(() ->
                new VaultException(VaultException.Kind.NOT_FOUND, "segment " + stored.id() + " not found"));
        if (!current.equals(stored)) {
            throw new VaultException(VaultException.Kind.CONFLICT, "segment " + stored.id() + " changed since it was read");
        }
        for (Entry e : secondaryEntries(stored)) {
            batch.delete(e.cf(), e.keyBytes());
        }
        batch.delete(ColumnFamily.SEGMENTS, Keys.segment(stored.id()));
    }

    /**
     * Visits every segment in id order (which is ingest order: ids are time-ordered) starting at
     * {@code fromInclusive} (null: the first), until the visitor says stop.
     */
    public void forEachFrom(SegmentId fromInclusive, Predicate<Segment> visitor) {
        kv.scan(ColumnFamily.SEGMENTS, fromInclusive == null ? null : Keys.segment(fromInclusive), null,
                (key, value) -> visitor.test(SegmentCodec.decode(value)));
    }

    /**
     * Fills this (empty) index with {@code segments} through sorted table files instead of inserts:
     * the rebuild-from-manifests path. Same result as inserting each; rules, failure semantics and
     * memory in {@link SegmentBulkLoader}. Returns the number loaded.
     */
    public long bulkLoad(Iterable<Segment> segments) {
        return new SegmentBulkLoader(kv, SegmentBulkLoader.DEFAULT_RUN_SIZE).load(segments);
    }

    public Optional<Segment> get(SegmentId id) {
        byte[] value = kv.get(ColumnFamily.SEGMENTS, Keys.segment(id));
        return value == null ? Optional.empty() : Optional.of(SegmentCodec.decode(value));
    }

    public Optional<Segment> findByHash(Sha256 sha256) {
        byte[] id = kv.get(ColumnFamily.SEGMENTS_BY_HASH, Keys.sha256(sha256));
        return id == null ? Optional.empty() : get(Keys.decodeSegmentId(id, 0));
    }

    /**
     * One page of segments in ascending (recorded start, id) order, at millisecond precision (see
     * {@link Keys}). An unknown or foreign cursor, or an identifier no key can hold, is an
     * {@link IllegalArgumentException}.
     */
    public Page<Segment> search(SegmentQuery query) {
        if (query.from() != null && query.from().isAfter(Keys.MAX_TIME)
                || query.to() != null && query.to().isBefore(Keys.MIN_TIME)) {
            return new Page<>(List.of(), null); // no storable time lies in the window
        }
        Range range = rangeOf(query);
        byte[] start = range.start();
        if (query.cursor() != null) {
            start = Keys.successor(decodeCursor(query.cursor(), range));
        }
        List<byte[]> keys = new ArrayList<>();
        boolean[] more = new boolean[1];
        kv.scan(range.cf(), start, range.end(), (key, value) -> {
            if (keys.size() == query.limit()) {
                more[0] = true;
                return false;
            }
            keys.add(key);
            return true;
        });
        List<byte[]> ids = new ArrayList<>(keys.size());
        for (byte[] key : keys) {
            ids.add(Arrays.copyOfRange(key, key.length - Keys.SEGMENT_ID_BYTES, key.length));
        }
        List<byte[]> records = kv.getAll(ColumnFamily.SEGMENTS, ids);
        List<Segment> items = new ArrayList<>(keys.size());
        for (byte[] record : records) {
            // A secondary key whose segment is gone was purged after this scan began; skip it.
            if (record != null) {
                items.add(SegmentCodec.decode(record));
            }
        }
        // The cursor is the last key scanned, resolved or not, so a page of purged keys still moves on.
        return new Page<>(items, more[0] ? CURSOR_ENCODER.encodeToString(keys.get(keys.size() - 1)) : null);
    }

    /**
     * Visits segments whose retain-until is before {@code instant}, oldest first, until the visitor
     * says stop. Permanent segments have no entry, so they are never visited.
     */
    public void forEachRetainUntilBefore(Instant instant, Predicate<Segment> visitor) {
        if (instant.isBefore(Keys.MIN_TIME)) {
            return;
        }
        byte[] end = instant.isAfter(Keys.MAX_TIME) ? null : Keys.timeRangeEnd(instant);
        kv.scan(ColumnFamily.SEGMENTS_BY_RETAIN_UNTIL, null, end, (key, value) -> {
            Optional<Segment> s = get(Keys.trailingSegmentId(key));
            // Re-check the record itself: the key is only an index, the record is the truth.
            if (s.isEmpty() || s.get().permanent() || !s.get().retainUntil().isBefore(instant)) {
                return true;
            }
            return visitor.test(s.get());
        });
    }

    KvStore kv() {
        return kv;
    }

    // ---- secondary keys ----------------------------------------------------------------------

    /**
     * Every secondary entry a segment should have; computing them first validates all identifiers.
     * A list, not a set: the keys are distinct by construction (case ids are de-duplicated here),
     * and hashing every key showed up in the bulk-load profile; update builds sets to diff.
     */
    static List<Entry> secondaryEntries(Segment s) {
        List<Entry> out = new ArrayList<>(8);
        Instant start = s.recordedStart();
        if (s.officerBadge() != null) {
            out.add(new Entry(ColumnFamily.SEGMENTS_BY_OFFICER, Keys.officerTimeKey(s.officerBadge(), start, s.id())));
        }
        if (s.recorderSerial() != null) {
            out.add(new Entry(ColumnFamily.SEGMENTS_BY_RECORDER,
                    Keys.recorderTimeKey(s.recorderSerial(), start, s.id())));
        }
        if (s.unitCode() != null) {
            out.add(new Entry(ColumnFamily.SEGMENTS_BY_UNIT, Keys.unitTimeKey(s.unitCode(), start, s.id())));
        }
        out.add(new Entry(ColumnFamily.SEGMENTS_BY_TIME, Keys.timeKey(start, s.id())));
        for (String caseId : new LinkedHashSet<>(s.caseIds())) {
            out.add(new Entry(ColumnFamily.SEGMENTS_BY_CASE, Keys.caseTimeKey(caseId, start, s.id())));
        }
        if (s.retainUntil() != null) {
            out.add(new Entry(ColumnFamily.SEGMENTS_BY_RETAIN_UNTIL, Keys.timeKey(s.retainUntil(), s.id())));
        }
        out.add(new Entry(ColumnFamily.SEGMENTS_BY_HASH, Keys.sha256(s.sha256())));
        return out;
    }

    /** One secondary key; a ByteBuffer so that set membership compares content. */
    record Entry(ColumnFamily cf, ByteBuffer key) {
        Entry(ColumnFamily cf, byte[] key) {
            this(cf, ByteBuffer.wrap(key));
        }

        byte[] keyBytes() {
            return key.array();
        }

        byte[] value(SegmentId id) {
            return cf == ColumnFamily.SEGMENTS_BY_HASH ? Keys.segmentId(id) : EMPTY;
        }
    }

    // ---- queries -----------------------------------------------------------------------------

    private record Range(ColumnFamily cf, byte[] start, byte[] end, int keyLength) {
    }

    /** A bound outside the storable times is no bound at all (the empty cases are handled in search). */
    private static Instant lower(Instant from) {
        return from == null || from.isBefore(Keys.MIN_TIME) ? null : from;
    }

    private static Instant upper(Instant to) {
        return to == null || to.isAfter(Keys.MAX_TIME) ? null : to;
    }

    private static Range rangeOf(SegmentQuery q) {
        if (q.officer() != null) {
            return identifierRange(ColumnFamily.SEGMENTS_BY_OFFICER, q.officer(), q);
        }
        if (q.recorder() != null) {
            return identifierRange(ColumnFamily.SEGMENTS_BY_RECORDER, q.recorder(), q);
        }
        if (q.unit() != null) {
            return identifierRange(ColumnFamily.SEGMENTS_BY_UNIT, q.unit(), q);
        }
        if (q.caseId() != null) {
            return new Range(ColumnFamily.SEGMENTS_BY_CASE, Keys.caseRangeStart(q.caseId(), lower(q.from())),
                    Keys.caseRangeEnd(q.caseId(), upper(q.to())), Keys.CASE_TIME_KEY_BYTES);
        }
        return new Range(ColumnFamily.SEGMENTS_BY_TIME, Keys.timeRangeStart(lower(q.from())),
                Keys.timeRangeEnd(upper(q.to())), Keys.TIME_KEY_BYTES);
    }

    private static Range identifierRange(ColumnFamily cf, String identifier, SegmentQuery q) {
        return new Range(cf, Keys.identifierRangeStart(identifier, lower(q.from())),
                Keys.identifierRangeEnd(identifier, upper(q.to())), Keys.IDENTIFIER_TIME_KEY_BYTES);
    }

    /** A cursor is the last key of the previous page; it must be a whole key of this query's range. */
    private static byte[] decodeCursor(String cursor, Range range) {
        byte[] key;
        try {
            key = CURSOR_DECODER.decode(cursor);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid cursor", e);
        }
        boolean inRange = key.length == range.keyLength()
                && (range.start() == null || Arrays.compareUnsigned(key, range.start()) >= 0)
                && (range.end() == null || Arrays.compareUnsigned(key, range.end()) < 0);
        if (!inRange) {
            throw new IllegalArgumentException("cursor does not belong to this search");
        }
        return key;
    }
}
