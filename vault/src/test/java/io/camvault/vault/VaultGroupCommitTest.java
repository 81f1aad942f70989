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
            syncedWrites.incrementAndGet();
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
