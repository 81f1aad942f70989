package io.camvault.vault.ledger;

import io.camvault.vault.audit.AuditEntry;
import io.camvault.vault.audit.AuditEvent;
import io.camvault.vault.audit.AuditLog;
import io.camvault.vault.kv.KvBatch;
import io.camvault.vault.kv.KvStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit for audit-only records (views, denied attempts). Such records read nothing, so the
 * ones that arrive while another write holds the vault's lock are appended together in the next
 * synced batch instead of paying one fsync each. Every caller still returns only after its own
 * event is on disk. Changes that read before they write never come here; they go through
 * {@link Ledger#commit} alone.
 */
final class AuditRecorder {
    private final ReentrantLock writeLock;
    private final KvStore kv;
    private final AuditLog audit;
    private final ConcurrentLinkedQueue<PendingRecord> pending = new ConcurrentLinkedQueue<>();

    AuditRecorder(ReentrantLock writeLock, KvStore kv, AuditLog audit) {
        this.writeLock = writeLock;
        this.kv = kv;
        this.audit = audit;
    }

    AuditEvent record(AuditEntry entry) {
        PendingRecord mine = new PendingRecord(entry);
        pending.add(mine);
        writeLock.lock();
        try {
            if (mine.event == null && mine.failure == null) {
                // No earlier leader took it: lead a group of everything waiting, ours included.
                List<PendingRecord> group = new ArrayList<>();
                for (PendingRecord p; (p = pending.poll()) != null; ) {
                    group.add(p);
                }
                writeGroup(group);
            }
        } finally {
            writeLock.unlock();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.event;
    }

    /** Writes a group in one synced batch; each member learns its event or its failure. Lock held. */
    private void writeGroup(List<PendingRecord> group) {
        try (KvBatch batch = kv.newBatch()) {
            List<AuditEvent> events = audit.stage(batch, group.stream().map(p -> p.entry).toList());
            kv.write(batch);
            audit.advance(events);
            for (int i = 0; i < group.size(); i++) {
                group.get(i).event = events.get(i);
            }
        } catch (RuntimeException e) {
            if (group.size() == 1) {
                group.get(0).failure = e;
                return;
            }
            // One bad entry must not cost the others their record: write each on its own.
            for (PendingRecord p : group) {
                writeGroup(List.of(p));
            }
        }
    }

    /** One caller's record waiting for a group write. Fields are written and read under the lock. */
    private static final class PendingRecord {
        final AuditEntry entry;
        AuditEvent event;
        RuntimeException failure;

        PendingRecord(AuditEntry entry) {
            this.entry = entry;
        }
    }
}
