package io.camvault.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camvault.vault.audit.AuditEntry;
import io.camvault.vault.audit.AuditEvent;
import io.camvault.vault.kv.ColumnFamily;
import io.camvault.vault.kv.KvBatch;
import io.camvault.vault.kv.KvStore;
import io.camvault.vault.kv.MemoryKvStore;
import io.camvault.vault.store.MemoryObjectStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Concurrent audit-only records share synced writes, and each still gets its own durable event. */
class VaultGroupCommitTest {
    @TempDir
    Path dir;

    /** A store whose synced writes are slow (like an fsync) and counted. */
    private static final class SlowSyncStore implements KvStore {
        final MemoryKvStore inner = new MemoryKvStore();
        final AtomicInteger syncedWrites = new AtomicInteger();
        /** When set, the first synced write waits for it (holding the vault's lock meanwhile). */
        volatile CountDownLatch firstWriteGate;
        final CountDownLatch firstWriteStarted = new CountDownLatch(1);

        @Override
        public byte[] get(ColumnFamily cf, byte[] key) {
            return inner.get(cf, key);
        }

        @Override
        public void scan(ColumnFamily cf, byte[] from, byte[] to, BiPredicate<byte[], byte[]> visitor) {
            inner.scan(cf, from, to, visitor);
        }

        @Override
        public void scanDescending(ColumnFamily cf, byte[] from, byte[] to, BiPredicate<byte[], byte[]> visitor) {
            inner.scanDescending(cf, from, to, visitor);
        }

        @Override
        public KvBatch newBatch() {
            return inner.newBatch();
        }

        @Override
        public void write(KvBatch batch) {
            if (syncedWrites.incrementAndGet() == 1 && firstWriteGate != null) {
                firstWriteStarted.countDown();
                try {
                    firstWriteGate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inner.write(batch);
        }

        @Override
        public void writeUnsynced(KvBatch batch) {
            inner.writeUnsynced(batch);
        }

        @Override
        public void flush() {
        }

        @Override
        public void sync() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void concurrentRecordsShareSyncedWritesAndEachGetsItsOwnEvent() throws Exception {
        SlowSyncStore kv = new SlowSyncStore();
        Vault vault = new Vault(VaultConfig.defaults(dir), Clock.systemUTC(), kv, new MemoryObjectStore());
        int before = kv.syncedWrites.get();
        int threads = 8;
        int perThread = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Set<Long> seqs = ConcurrentHashMap.newKeySet();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    AuditEvent e = vault.record(AuditEntry.success("viewer-" + thread, "segment.view", "segment:" + i,
                            Map.of("n", Integer.toString(i))));
                    assertThat(e.actor()).isEqualTo("viewer-" + thread);
                    assertThat(e.subject()).isEqualTo("segment:" + i);
                    seqs.add(e.seq());
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        assertThat(seqs).hasSize(threads * perThread);
        assertThat(vault.audit().verify().intact()).isTrue();
        assertThat(kv.syncedWrites.get() - before).as("synced writes for %d records", threads * perThread)
                .isLessThan(threads * perThread);
    }

    @Test
    void recordsThatArriveWhileAWriteIsOnDiskAreWrittenTogetherInTheNextOne() throws Exception {
        SlowSyncStore kv = new SlowSyncStore();
        Vault vault = new Vault(VaultConfig.defaults(dir), Clock.systemUTC(), kv, new MemoryObjectStore());
        kv.syncedWrites.set(0);
        kv.firstWriteGate = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        Future<AuditEvent> first = pool.submit(() -> vault.record(AuditEntry.success("a", "segment.view", "segment:0", Map.of())));
        assertThat(kv.firstWriteStarted.await(10, TimeUnit.SECONDS)).isTrue();
        List<Thread> waiting = new ArrayList<>();
        List<Future<AuditEvent>> later = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            String subject = "segment:" + i;
            later.add(pool.submit(() -> {
                synchronized (waiting) {
                    waiting.add(Thread.currentThread());
                }
                return vault.record(AuditEntry.success("b", "segment.view", subject, Map.of()));
            }));
        }
        // every later record is queued behind the write on disk before that write finishes
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!allParked(waiting, 7) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(allParked(waiting, 7)).isTrue();
        kv.firstWriteGate.countDown();
        first.get();
        for (Future<AuditEvent> f : later) {
            f.get();
        }
        pool.shutdown();
        assertThat(kv.syncedWrites.get()).as("one write for the first record, one for the seven that waited")
                .isEqualTo(2);
        assertThat(vault.audit().verify().intact()).isTrue();
    }

    private static boolean allParked(List<Thread> threads, int expected) {
        synchronized (threads) {
            return threads.size() == expected && threads.stream().allMatch(t ->
                    t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING);
        }
    }

    @Test
    void aBadEntryFailsAloneWhileItsGroupIsRecorded() throws Exception {
        SlowSyncStore kv = new SlowSyncStore();
        Vault vault = new Vault(VaultConfig.defaults(dir), Clock.systemUTC(), kv, new MemoryObjectStore());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<AuditEvent>> good = new ArrayList<>();
        for (int round = 0; round < 20; round++) {
            for (int i = 0; i < 3; i++) {
                good.add(pool.submit(() -> vault.record(AuditEntry.success("ok", "segment.view", "segment:x", Map.of()))));
            }
            Future<AuditEvent> bad = pool.submit(() -> vault.record(
                    AuditEntry.success("mallory", "segment.view", "segment:\uD800", Map.of())));
            assertThatThrownBy(bad::get).hasCauseInstanceOf(RuntimeException.class);
        }
        for (Future<AuditEvent> f : good) {
            assertThat(f.get().actor()).isEqualTo("ok");
        }
        pool.shutdown();
        assertThat(vault.audit().verify().intact()).isTrue();
    }
}
