package io.camvault.vault.kv;

/**
 * Column families. Each has an explicit, stable id that names it on disk ({@code cf-<id>}); the
 * enum's ordinal is never persisted, so families can be added or reordered here freely. Never
 * reuse or renumber an id.
 */
public enum ColumnFamily {
    /** Store-wide singletons: layout version, audit head, retention policy, cursors (see {@link Keys}). */
    META(1),
    /** segment id → segment record. */
    SEGMENTS(2),
    /** officer badge + recorded start + segment id → empty. */
    SEGMENTS_BY_OFFICER(3),
    /** recorder serial + recorded start + segment id → empty. */
    SEGMENTS_BY_RECORDER(4),
    /** recorded start + segment id → empty. */
    SEGMENTS_BY_TIME(5),
    /** case id + recorded start + segment id → empty (time order within a case). */
    SEGMENTS_BY_CASE(6),
    /** retain-until + segment id → empty. */
    SEGMENTS_BY_RETAIN_UNTIL(7),
    /** SHA-256 → segment id. */
    SEGMENTS_BY_HASH(8),
    /** upload id → upload record (tus). */
    UPLOADS(9),
    /** case id → case record. */
    CASES(10),
    /** case number → case id. */
    CASES_BY_NUMBER(11),
    /** principal id → principal. */
    PRINCIPALS(12),
    /** token hash → principal id. */
    PRINCIPALS_BY_TOKEN(13),
    /** export id → export record. */
    EXPORTS(14),
    /** audit sequence number → audit event. */
    AUDIT(15),
    /** audit subject + sequence number → empty. */
    AUDIT_BY_SUBJECT(16),
    /** unit code + recorded start + segment id → empty. */
    SEGMENTS_BY_UNIT(17),
    /** segment id → pending deletion (queued by the retention sweep, purged when due). */
    PURGE_QUEUE(18),
    /** segment id → tombstone of a purged original; kept forever. */
    TOMBSTONES(19),
    /** raised-at time + alarm id → alarm (fixity failures and the like). */
    ALARMS(20),
    /** year + unit + officer + segment id → late upload record (for the yearly statistics). */
    LATE_UPLOADS(21),
    /** audit sequence number → signed checkpoint of the chain head at that number. */
    CHECKPOINTS(22),
    /** segment id → enqueued-at: media work (probe, rendition, poster) still to do; staged with the commit. */
    MEDIA_QUEUE(23),
    /** segment id → media record (probe facts and the derived files made); rebuilt by re-queueing. */
    MEDIA(24),
    /**
     * SHA-256 → object removal: the original of a purged segment, recorded in the purge's batch and
     * removed from the object store afterwards, outside the ledger's lock (record, then destroy).
     */
    OBJECT_REMOVALS(25),
    /** officer name + badge → officer (badge, name, unit code and name): who a name search means. */
    OFFICER_NAMES(30),
    /**
     * segment id + redaction suffix → redacted copy: source and copy SHA-256, the spec and its hash,
     * who made it and when. Kept for as long as the segment's custody trail (never purged with it).
     */
    REDACTIONS(31);

    private final int id;

    ColumnFamily(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    /** The name RocksDB stores; derived from the stable id only. */
    public String storageName() {
        return "cf-" + id;
    }
}
