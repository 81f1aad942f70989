package io.camvault.vault.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DirectorySyncTest {
    private static final Path A = Path.of("/store/sha256");
    private static final Path B = Path.of("/store/sha256/ab");
    private static final Path C = Path.of("/store/sha256/ab/cd");

    @Test
    void theFsyncsRunAtTheSameTimeAndAllAreDoneOnReturn() throws IOException {
        CountDownLatch allStarted = new CountDownLatch(3);
        Set<Path> done = ConcurrentHashMap.newKeySet();
        FileOps ops = fsyncOnly(dir -> {
            allStarted.countDown();
            // one after another, the first would wait here for the others and time out
            if (!allStarted.await(10, TimeUnit.SECONDS)) {
                throw new IOException("the fsync of " + dir + " ran alone");
            }
            done.add(dir);
        });
        try (DirectorySync sync = new DirectorySync(ops)) {
            sync.fsyncAll(List.of(A, B, C));
        }
        assertThat(done).containsExactlyInAnyOrder(A, B, C);
    }

    @Test
    void oneDirectoryIsFsyncedOnTheCallingThread() throws IOException {
        Thread caller = Thread.currentThread();
        Thread[] ranOn = new Thread[1];
        try (DirectorySync sync = new DirectorySync(fsyncOnly(dir -> ranOn[0] = Thread.currentThread()))) {
            sync.fsyncAll(List.of(C));
        }
        assertThat(ranOn[0]).isSameAs(caller);
    }

    @Test
    void aFailureIsThrownAfterEveryOtherFsyncHasEnded() {
        Set<Path> done = ConcurrentHashMap.newKeySet();
        FileOps ops = fsyncOnly(dir -> {
            if (dir.equals(B)) {
                throw new IOException("injected failure on " + dir);
            }
            Thread.sleep(100);
            done.add(dir);
        });
        try (DirectorySync sync = new DirectorySync(ops)) {
            assertThatThrownBy(() -> sync.fsyncAll(List.of(A, B, C)))
                    .isInstanceOf(IOException.class).hasMessageContaining("injected failure on " + B);
        }
        assertThat(done).containsExactlyInAnyOrder(A, C);
    }

    @FunctionalInterface
    private interface DirAction {
        void run(Path dir) throws IOException, InterruptedException;
    }

    /** File operations whose {@code fsyncDir} runs {@code onFsync} instead; nothing else is called. */
    private static FileOps fsyncOnly(DirAction onFsync) {
        return new ForwardingFileOps(FileOps.real()) {
            @Override
            public void fsyncDir(Path dir) throws IOException {
                try {
                    onFsync.run(dir);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
        };
    }
}
