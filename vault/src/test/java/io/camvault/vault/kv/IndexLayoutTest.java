package io.camvault.vault.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camvault.vault.VaultException;
import io.camvault.vault.testsupport.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexLayoutTest {
    private static final byte[] OLD_KEY = "old-record".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NEW_KEY = "new-record".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.standard();

    /** Layout 1 → 2 for the tests: moves the one record to a new key. */
    private static final IndexLayout.Migration MOVE_RECORD = new IndexLayout.Migration() {
        @Override
        public int from() {
            return 1;
        }

        @Override
        public void stage(KvStore kv, KvBatch batch) {
            batch.put(ColumnFamily.CASES, NEW_KEY, kv.get(ColumnFamily.CASES, OLD_KEY));
            batch.delete(ColumnFamily.CASES, OLD_KEY);
        }
    };

    @Test
    void aNewIndexIsStampedWithTheCurrentLayout() {
        try (RocksKvStore kv = RocksKvStore.open(dir.resolve("index"))) {
            IndexLayout.Result r = IndexLayout.checkAndMigrate(kv, dir.resolve("backups"), clock);
            assertThat(r.migrated()).isFalse();
            assertThat(IndexLayout.stamped(kv)).contains(Keys.LAYOUT_VERSION);
        }
        assertThat(dir.resolve("backups")).doesNotExist();
    }

    @Test
    void aNewerLayoutIsRefusedNamingBothVersionsAndNothingIsWritten() {
        try (RocksKvStore kv = RocksKvStore.open(dir.resolve("index"))) {
            put(kv, ColumnFamily.META, Keys.META_LAYOUT_VERSION, IndexLayout.encode(Keys.LAYOUT_VERSION + 1));
            assertThatThrownBy(() -> IndexLayout.checkAndMigrate(kv, dir.resolve("backups"), clock))
                    .isInstanceOf(VaultException.class)
                    .hasMessageContaining("data layout version " + (Keys.LAYOUT_VERSION + 1))
                    .hasMessageContaining("version " + Keys.LAYOUT_VERSION + " that this camvault reads");
            assertThat(IndexLayout.stamped(kv)).contains(Keys.LAYOUT_VERSION + 1);
            assertThatThrownBy(() -> IndexLayout.requireCurrent(kv)).isInstanceOf(VaultException.class);
        }
    }

    @Test
    void anOlderLayoutIsBackedUpThenMigratedInOneWriteWithItsAuditMarker() {
        Path backups = dir.resolve("backups");
        try (RocksKvStore kv = RocksKvStore.open(dir.resolve("index"))) {
            put(kv, ColumnFamily.CASES, OLD_KEY, bytes("evidence"));
            put(kv, ColumnFamily.META, Keys.META_LAYOUT_VERSION, IndexLayout.encode(1));

            IndexLayout.Result r = IndexLayout.checkAndMigrate(kv, 2, List.of(MOVE_RECORD), backups, clock);

            assertThat(r.migrated()).isTrue();
            assertThat(r.found()).isEqualTo(1);
            assertThat(IndexLayout.stamped(kv)).contains(2);
            assertThat(kv.get(ColumnFamily.CASES, NEW_KEY)).isEqualTo(bytes("evidence"));
            assertThat(kv.get(ColumnFamily.CASES, OLD_KEY)).isNull();
            assertThat(IndexLayout.pendingAudit(kv)).hasValueSatisfying(d -> {
                assertThat(d).containsEntry("from", "1").containsEntry("to", "2");
                assertThat(d.get("backup")).isEqualTo(r.backup().orElseThrow().toString());
            });
        }
        Path backup;
        try (var files = listing(backups)) {
            backup = files.findFirst().orElseThrow();
        }
        assertThat(backup.getFileName().toString()).startsWith("index-layout-1-");
        try (RocksKvStore copy = RocksKvStore.open(backup)) {
            assertThat(IndexLayout.stamped(copy)).contains(1);
            assertThat(copy.get(ColumnFamily.CASES, OLD_KEY)).isEqualTo(bytes("evidence"));
        }
    }

    @Test
    void aMigrationThatFailsHalfWayLeavesTheOldLayoutWhole() {
        IndexLayout.Migration failing = new IndexLayout.Migration() {
            @Override
            public int from() {
                return 1;
            }

            @Override
            public void stage(KvStore kv, KvBatch batch) {
                MOVE_RECORD.stage(kv, batch);
                throw new IllegalStateException("interrupted mid-migration");
            }
        };
        try (RocksKvStore kv = RocksKvStore.open(dir.resolve("index"))) {
            put(kv, ColumnFamily.CASES, OLD_KEY, bytes("evidence"));
            put(kv, ColumnFamily.META, Keys.META_LAYOUT_VERSION, IndexLayout.encode(1));

            assertThatThrownBy(() -> IndexLayout.checkAndMigrate(kv, 2, List.of(failing), dir.resolve("backups"), clock))
                    .hasMessageContaining("interrupted");

            assertThat(IndexLayout.stamped(kv)).contains(1);
            assertThat(kv.get(ColumnFamily.CASES, OLD_KEY)).isEqualTo(bytes("evidence"));
            assertThat(kv.get(ColumnFamily.CASES, NEW_KEY)).isNull();
            assertThat(IndexLayout.pendingAudit(kv)).isEmpty();

            clock.advance(java.time.Duration.ofSeconds(1));
            IndexLayout.checkAndMigrate(kv, 2, List.of(MOVE_RECORD), dir.resolve("backups"), clock);
            assertThat(IndexLayout.stamped(kv)).contains(2);
            assertThat(kv.get(ColumnFamily.CASES, NEW_KEY)).isEqualTo(bytes("evidence"));
        }
    }

    @Test
    void anOlderLayoutWithoutItsMigrationIsRefused() {
        try (RocksKvStore kv = RocksKvStore.open(dir.resolve("index"))) {
            put(kv, ColumnFamily.META, Keys.META_LAYOUT_VERSION, IndexLayout.encode(1));
            assertThatThrownBy(() -> IndexLayout.checkAndMigrate(kv, 3, List.of(MOVE_RECORD), dir.resolve("backups"), clock))
                    .hasMessageContaining("no migration from data layout version 2");
            assertThat(IndexLayout.stamped(kv)).contains(1);
        }
    }

    private static java.util.stream.Stream<Path> listing(Path d) {
        try {
            return Files.list(d);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void put(KvStore kv, ColumnFamily cf, byte[] key, byte[] value) {
        try (KvBatch b = kv.newBatch()) {
            b.put(cf, key, value);
            kv.write(b);
        }
    }
}
