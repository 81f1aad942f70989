package io.camvault.vault.audit;

import io.camvault.vault.VaultException;
import io.camvault.vault.kv.ColumnFamily;
import io.camvault.vault.kv.KvBatch;
import io.camvault.vault.kv.KvStore;
import io.camvault.vault.kv.Keys;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only audit chain over a {@link KvStore}. Appends are staged into a caller's batch and
 * only become the chain head once that batch is written, so an audit event commits together with
 * the change it describes.
 *
 * <p>Layout: {@code AUDIT} maps seq (8 bytes, big-endian) to the event ({@link AuditCodec}: its
 * canonical encoding and hash);
 * {@code AUDIT_BY_SUBJECT} maps SHA-256(subject) + seq to nothing; {@code META/audit.head} holds
 * the {@link AuditHead}. Sequence numbers start at 1; the first event links to 32 zero bytes.
 *
 * <p>Concurrency: {@link #stage} and {@link #advance} must be called under one external write
 * lock (the vault's), with the batch written in between; two stagings without an advance would
 * hand out the same sequence numbers. Reads may run at any time.
 */
public final class AuditLog {
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final byte[] NO_VALUE = new byte[0];

    private final KvStore kv;
    private final Clock clock;
    private volatile AuditHead head;

    public AuditLog(KvStore kv, Clock clock) {
        this.kv = kv;
        this.clock = clock;
        this.head = loadHead(kv);
    }

    /**
     * The recorded head wins over the last stored event. If they differ, events were lost or the
     * store was tampered with; continuing from the recorded head keeps that gap visible to the
     * verifier instead of quietly reusing the missing sequence numbers.
     */
    private static AuditHead loadHead(KvStore kv) {
        byte[] stored = kv.get(ColumnFamily.META, Keys.META_AUDIT_HEAD);
        long[] lastSeq = {0};
        kv.scanDescending(ColumnFamily.AUDIT, null, null, (k, v) -> {
            lastSeq[0] = Keys.trailingSeq(k);
            return false;
        });
        if (stored == null) {
            if (lastSeq[0] == 0) {
                return AuditHead.EMPTY;
            }
            // Only a store written without a head record gets here; the verifier reports it.
            AuditEvent last = decode(lastSeq[0], kv.get(ColumnFamily.AUDIT, Keys.auditSeq(lastSeq[0])));
            LOG.warn("audit.head_missing last_seq={}", lastSeq[0]);
            return new AuditHead(last.seq(), last.hash());
        }
        AuditHead head;
        try {
            head = AuditHead.decode(stored);
        } catch (IllegalArgumentException e) {
            throw new VaultException(VaultException.Kind.INTEGRITY, "the audit head record is corrupt: " + e.getMessage(), e);
        }
        if (head.seq() != lastSeq[0]) {
            LOG.warn("audit.head_mismatch head_seq={} last_seq={}", head.seq(), lastSeq[0]);
        }
        return head;
    }

    /** The last committed link: sequence number and hash ({@link AuditHead#EMPTY} for an empty log). */
    public AuditHead head() {
        return head;
    }

    /**
     * Stages the next events of the chain into {@code batch}. The caller must hold the vault's
     * write lock, write the batch, then call {@link #advance(List)} with the returned events.
     * All events of one call share one timestamp: they describe one change.
     */
    public synchronized List<AuditEvent> stage(KvBatch batch, List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        AuditHead at = head;
        List<AuditEvent> events = new ArrayList<>(entries.size());
        // Link everything before touching the batch, so a bad entry leaves the batch as it was.
        for (AuditEntry entry : entries) {
            try {
                AuditEvent event = AuditChain.link(at.hash(), entry, at.seq() + 1, now);
                events.add(event);
                at = new AuditHead(event.seq(), event.hash());
            } catch (IllegalArgumentException e) {
                throw new VaultException(VaultException.Kind.INVALID, "cannot audit " + entry.action() + ": " + e.getMessage(), e);
            }
        }
        for (AuditEvent event : events) {
            batch.put(ColumnFamily.AUDIT, Keys.auditSeq(event.seq()), AuditCodec.encode(event));
            if (!event.subject().isEmpty()) {
                batch.put(ColumnFamily.AUDIT_BY_SUBJECT, Keys.auditSubject(event.subject(), event.seq()), NO_VALUE);
            }
        }
        batch.put(ColumnFamily.META, Keys.META_AUDIT_HEAD, at.encode());
        return List.copyOf(events);
    }

    /** Moves the in-memory head after the batch holding {@code written} was committed. */
    public synchronized void advance(List<AuditEvent> written) {
        if (written.isEmpty()) {
            return;
        }
        AuditEvent first = written.get(0);
        if (first.seq() != head.seq() + 1 || !first.prevHash().equals(head.hash())) {
            // A caller bug (stage without advance, or events from another log); never silently fork.
            throw new IllegalStateException("events " + first.seq() + ".. do not follow the audit head " + head.seq());
        }
        AuditEvent last = written.get(written.size() - 1);
        head = new AuditHead(last.seq(), last.hash());
    }

    /**
     * Events in sequence order starting at {@code fromSeq}, until the visitor says stop. A record
     * that cannot be decoded throws {@link VaultException} of kind INTEGRITY; use {@link #verify()}
     * to find out what is wrong.
     */
    public void forEach(long fromSeq, Predicate<AuditEvent> visitor) {
        kv.scan(ColumnFamily.AUDIT, Keys.auditSeq(Math.max(fromSeq, 0)), null,
                (k, v) -> visitor.test(decode(Keys.trailingSeq(k), v)));
    }

    /** Events about one subject, oldest first, at most {@code limit} of them. */
    public List<AuditEvent> bySubject(String subject, int limit) {
        List<AuditEvent> out = new ArrayList<>();
        if (subject == null || subject.isEmpty() || limit <= 0) {
            return out;
        }
        byte[] prefix = Keys.auditSubjectPrefix(subject);
        kv.scan(ColumnFamily.AUDIT_BY_SUBJECT, prefix, Keys.prefixEnd(prefix), (k, v) -> {
            long seq = Keys.trailingSeq(k);
            byte[] value = kv.get(ColumnFamily.AUDIT, Keys.auditSeq(seq));
            if (value == null) {
                throw new VaultException(VaultException.Kind.INTEGRITY,
                        "audit event " + seq + " is indexed for " + subject + " but missing");
            }
            AuditEvent event = decode(seq, value);
            // Guards against a SHA-256 prefix collision as much as against a tampered index.
            if (subject.equals(event.subject())) {
                out.add(event);
            }
            return out.size() < limit;
        });
        return out;
    }

    private static AuditEvent decode(long seq, byte[] value) {
        try {
            return AuditCodec.decode(value);
        } catch (IllegalArgumentException e) {
            throw new VaultException(VaultException.Kind.INTEGRITY,
                    "audit event " + seq + " cannot be decoded: " + e.getMessage(), e);
        }
    }

    /** Walks the whole chain; reports the first broken link, if any. */
    public AuditVerification verify() {
        return new AuditVerifier(kv).verify();
    }
}
