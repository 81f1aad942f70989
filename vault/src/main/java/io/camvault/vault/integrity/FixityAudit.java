package io.camvault.vault.integrity;

import io.camvault.vault.Vault;
import io.camvault.vault.VaultException;
import io.camvault.vault.audit.AuditEntry;
import io.camvault.vault.kv.ColumnFamily;
import io.camvault.vault.kv.Keys;
import io.camvault.vault.kv.Records;
import io.camvault.vault.model.Segment;
import io.camvault.vault.model.SegmentId;
import io.camvault.vault.retention.PendingDeletion;
import io.camvault.vault.store.Digests;
import java.io.IOException;
import java.nio.ByteBuffer;
import io.camvault.vault.store.ObjectReader;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-hashes every original once per {@code cycle}, at no more than {@code bytesPerSecond}, and
 * raises an alarm for each one that is missing or no longer matches its digest: an ERROR log line
 * {@code fixity.failed sha256=… segment=… problem=…}, an {@link Alarm} ({@link Vault#alarms()}), a
 * {@code segment.fixity_failed} audit event, and the {@link #failuresTotal()} counter.
 *
 * <p>A pass walks segments in id order; the cursor in {@code META/fixity.cursor} is written with
 * each result (and with the alarm, in the same batch), so a run cut short by its time budget, a
 * shutdown or a crash resumes after the last segment it recorded, and no alarm is raised twice in
 * one pass. Once a pass completes, runs do nothing until the cycle since its start has elapsed.
 *
 * <p>Every byte is read back from the object store itself (never from a cache) and re-hashed.
 * Segments whose purge is due are skipped (see {@link io.camvault.vault.retention.RetentionSweep}).
 */
public final class FixityAudit {
    private static final Logger LOG = LoggerFactory.getLogger(FixityAudit.class);
    private static final int CHUNK = 1 << 20;

    private final Vault vault;
    private final Duration cycle;
    private final Duration runBudget;
    private final TokenBucket bucket;
    private final Pacer pacer;
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong bytesHashed = new AtomicLong();

    public FixityAudit(Vault vault, Duration cycle, long bytesPerSecond, Duration runBudget, Pacer pacer) {
        this.vault = vault;
        this.cycle = cycle;
        this.runBudget = runBudget;
        this.pacer = pacer;
        this.bucket = new TokenBucket(bytesPerSecond, pacer);
    }

    /** Fixity failures found since start (for metrics). */
    public long failuresTotal() {
        return failures.get();
    }

    public long bytesHashedTotal() {
        return bytesHashed.get();
    }

    /** What one run did: segments checked, the failures among them, and whether the pass is complete. */
    public record Result(int checked, List<Alarm> alarms, boolean passComplete) {
    }

    public Result run(Instant now) {
        FixityCursor cursor = loadCursor();
        if (cursor != null && cursor.completedAt() != null) {
            if (now.isBefore(cursor.passStartedAt().plus(cycle))) {
                return new Result(0, List.of(), true);
            }
            cursor = null;
        }
        if (cursor == null) {
            cursor = FixityCursor.startAt(now);
            LOG.info("fixity.pass_started at={}", now);
        }
        long deadline = pacer.nanoTime() + runBudget.toNanos();
        List<Segment> batch = new ArrayList<>();
        List<Alarm> raised = new ArrayList<>();
        int checked = 0;
        boolean complete = false;
        while (true) {
            batch.clear();
            SegmentId after = cursor.lastChecked();
            vault.segments().forEachFrom(after, s -> {
                if (after == null || !s.id().equals(after)) {
                    batch.add(s);
                }
                return batch.size() < 64;
            });
            if (batch.isEmpty()) {
                complete = true;
                break;
            }
            boolean stop = false;
            for (Segment s : batch) {
                if (Thread.currentThread().isInterrupted() || pacer.nanoTime() - deadline >= 0) {
                    stop = true;
                    break;
                }
                cursor = checkOne(s, cursor, now, raised);
                checked++;
            }
            if (stop) {
                break;
            }
        }
        if (complete) {
            FixityCursor done = cursor.completed(now);
            long lagDays = Duration.between(done.passStartedAt(), now).toDays();
            vault.commit(b -> b.put(ColumnFamily.META, Keys.META_FIXITY_CURSOR, Records.encode(done)),
                    List.of(AuditEntry.success(Vault.SYSTEM, "fixity.pass", "fixity:pass", Map.of(
                            "startedAt", done.passStartedAt().toString(), "checked", Long.toString(done.checked()),
                            "failed", Long.toString(done.failed()), "bytes", Long.toString(done.bytes())))));
            LOG.info("fixity.pass_completed checked={} failed={} bytes={}", done.checked(), done.failed(), done.bytes());
            if (Duration.between(done.passStartedAt(), now).compareTo(cycle) > 0) {
                LOG.warn("fixity.pass_overran days={} cycle_days={} (raise fixity.bytes-per-second)", lagDays, cycle.toDays());
            }
        }
        return new Result(checked, List.copyOf(raised), complete);
    }

    private FixityCursor checkOne(Segment s, FixityCursor cursor, Instant now, List<Alarm> raised) {
        String problem = dueForPurge(s.id(), now) ? null : problemWith(s);
        FixityCursor next = cursor.after(s.id(), s.size(), problem == null);
        if (problem == null) {
            vault.commit(b -> b.put(ColumnFamily.META, Keys.META_FIXITY_CURSOR, Records.encode(next)), List.of());
            return next;
        }
        String kind = problem.startsWith("missing") ? "fixity.missing" : "fixity.changed";
        Alarm alarm = new Alarm(UUID.randomUUID(), now, kind, "segment:" + s.id(), s.sha256().hex(), problem);
        vault.commit(b -> {
            b.put(ColumnFamily.META, Keys.META_FIXITY_CURSOR, Records.encode(next));
            vault.alarmStore().raise(b, alarm);
        }, List.of(AuditEntry.success(Vault.SYSTEM, "segment.fixity_failed", alarm.subject(), Map.of(
                "sha256", s.sha256().hex(), "problem", problem, "alarm", alarm.id().toString()))));
        failures.incrementAndGet();
        LOG.error("fixity.failed sha256={} segment={} problem={}", s.sha256().hex(), s.id(), problem);
        raised.add(alarm);
        return next;
    }

    private boolean dueForPurge(SegmentId id, Instant now) {
        byte[] v = vault.kv().get(ColumnFamily.PURGE_QUEUE, Keys.segment(id));
        return v != null && !Records.decode(v, PendingDeletion.class).dueAt().isAfter(now);
    }

    /** Null when the stored bytes hash to the segment's digest; otherwise what is wrong. */
    private String problemWith(Segment s) {
        MessageDigest md = Digests.newSha256();
        long size = 0;
        try (ObjectReader reader = vault.objects().open(s.sha256())) {
            ByteBuffer buf = ByteBuffer.allocate(CHUNK);
            while (true) {
                bucket.acquire(buf.capacity());
                int n = reader.read(buf, size);
                if (n < 0) {
                    break;
                }
                buf.flip();
                md.update(buf);
                buf.clear();
                size += n;
                bytesHashed.addAndGet(n);
            }
        } catch (VaultException e) {
            if (e.kind() == VaultException.Kind.NOT_FOUND) {
                return "missing: no stored object";
            }
            return "unreadable: " + e.getMessage();
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VaultException(VaultException.Kind.IO, "fixity check interrupted", e);
        }
        String actual = Digests.sha256ToHex(md);
        if (size != s.size()) {
            return "changed: " + size + " bytes stored, " + s.size() + " committed";
        }
        if (!actual.equals(s.sha256().hex())) {
            return "changed: stored bytes hash to " + actual;
        }
        return null;
    }

    private FixityCursor loadCursor() {
        byte[] v = vault.kv().get(ColumnFamily.META, Keys.META_FIXITY_CURSOR);
        return v == null ? null : Records.decode(v, FixityCursor.class);
    }
}
