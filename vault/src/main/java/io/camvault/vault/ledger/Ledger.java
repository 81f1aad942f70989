package io.camvault.vault.ledger;

import io.camvault.vault.audit.AuditEntry;
import io.camvault.vault.audit.AuditOrigin;
import io.camvault.vault.audit.AuditEvent;
import io.camvault.vault.audit.AuditLog;
import io.camvault.vault.kv.KvBatch;
import io.camvault.vault.kv.KvStore;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The narrow committer the operations share: applies a change and the audit events describing it
 * in one batch under one lock, so the audit chain and the index never disagree. Changes read,
 * check and stage inside the lock; nothing slow belongs there (no object-store I/O: protect before
 * recording, destroy after).
 */
public final class Ledger {
    /** The actor of changes the vault makes on its own (jobs, start-up). */
    public static final String SYSTEM = "system";

    private final KvStore kv;
    private final AuditLog audit;
    private final Clock clock;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final AuditRecorder recorder;

    public Ledger(KvStore kv, AuditLog audit, Clock clock) {
        this.kv = kv;
        this.audit = audit;
        this.clock = clock;
        this.recorder = new AuditRecorder(writeLock, kv, audit);
    }

    public Clock clock() {
        return clock;
    }

    /**
     * Stages {@code change} under the write lock and writes it with its audit entries as one synced
     * batch; returns the change's result. If it throws, nothing is written.
     */
    public <T> T apply(Function<KvBatch, Change<T>> change) {
        Change<T>[] out = newHolder();
        write(batch -> {
            Change<T> c = change.apply(batch);
            out[0] = c;
            return c.audit();
        }, true);
        return out[0].result();
    }

    /** Applies {@code changes} and appends {@code entries}, atomically and durably. */
    public List<AuditEvent> commit(Consumer<KvBatch> changes, List<AuditEntry> entries) {
        return write(batch -> {
            changes.accept(batch);
            return entries;
        }, true);
    }

    /**
     * Like {@link #commit}, without waiting for the disk: durable with the next synced write or
     * {@link #sync()}. Only for records whose loss acknowledges nothing to anyone.
     */
    public List<AuditEvent> commitUnsynced(Consumer<KvBatch> changes, List<AuditEntry> entries) {
        return write(batch -> {
            changes.accept(batch);
            return entries;
        }, false);
    }

    /** {@code change} stages and returns the entries to append; if it throws, nothing is written. */
    public List<AuditEvent> commitAudited(Function<KvBatch, List<AuditEntry>> change) {
        return write(change, true);
    }

    /** Records one audit event on its own (a denied attempt, a view), durably; concurrent callers share syncs. */
    public AuditEvent record(AuditEntry entry) {
        return recorder.record(AuditOrigin.annotate(entry)); // here, on the caller's thread: a group leader writes it
    }

    /** Makes every write so far durable (one log sync). Does not take the write lock. */
    public void sync() {
        kv.sync();
    }

    /** Runs {@code action} holding the write lock, so no change is written meanwhile (closing the stores). */
    public void exclusively(Runnable action) {
        writeLock.lock();
        try {
            action.run();
        } finally {
            writeLock.unlock();
        }
    }

    private List<AuditEvent> write(Function<KvBatch, List<AuditEntry>> change, boolean synced) {
        writeLock.lock();
        try (KvBatch batch = kv.newBatch()) {
            List<AuditEntry> entries = change.apply(batch).stream().map(AuditOrigin::annotate).toList();
            List<AuditEvent> events = audit.stage(batch, entries);
            if (synced) {
                kv.write(batch);
            } else {
                kv.writeUnsynced(batch);
            }
            audit.advance(events);
            return events;
        } finally {
            writeLock.unlock();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> Change<T>[] newHolder() {
        return (Change<T>[]) new Change<?>[1];
    }
}
