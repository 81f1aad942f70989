package io.camvault.vault.testsupport;

import io.camvault.vault.kv.KvStore;
import io.camvault.vault.kv.MemoryKvStore;
import io.camvault.vault.kv.RocksKvStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The two {@link KvStore} implementations; contract tests run against both. */
public enum StoreKind {
    MEMORY, ROCKS;

    /** A fresh, empty store that deletes its files on close. */
    public TestStore open() {
        if (this == MEMORY) {
            return new TestStore(new MemoryKvStore(), null);
        }
        try {
            Path dir = Files.createTempDirectory("camvault-kv-");
            return new TestStore(RocksKvStore.open(dir), dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A store plus where it lives; {@link #reopen()} simulates a daemon restart for RocksDB. */
    public static final class TestStore implements AutoCloseable {
        private KvStore kv;
        private final Path dir;

        TestStore(KvStore kv, Path dir) {
            this.kv = kv;
            this.dir = dir;
        }

        public KvStore kv() {
            return kv;
        }

        /** Closes and reopens a RocksDB store on the same directory; a memory store stays as is. */
        public KvStore reopen() {
            if (dir != null) {
                kv.close();
                kv = RocksKvStore.open(dir);
            }
            return kv;
        }

        @Override
        public void close() {
            try {
                kv.close();
            } finally {
                if (dir != null) {
                    deleteTree(dir);
                }
            }
        }

        private static void deleteTree(Path dir) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
