package io.camvault.vault.store.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both partial-file kinds against one model, a byte array: whatever sequence of appends (of any
 * size, heap or direct buffers), syncs, roll-backs to a synced length and reopenings, the file
 * holds exactly the model's bytes after each sync, and a reopened file continues where it was.
 */
class PartFileTest {

    enum Kind { BUFFERED, DIRECT }

    sealed interface Op permits Append, Flush, Sync, Rollback, Reopen {
    }

    /** Appends {@code sizes.size()} buffers of these sizes, direct ones where {@code direct}. */
    record Append(List<Integer> sizes, boolean direct, long seed) implements Op {
    }

    /** Puts the bytes in the file without an fsync, as before a commit. */
    record Flush() implements Op {
    }

    record Sync() implements Op {
    }

    /** A checksum mismatch: cut back to the last synced length. */
    record Rollback() implements Op {
    }

    /** Sync, close and open again, as after a restart. */
    record Reopen() implements Op {
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Integer> size = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 5000),
                Arbitraries.of(4095, 4096, 4097, 8192),
                Arbitraries.integers().between(60_000, 1_100_000));
        Arbitrary<Op> append = net.jqwik.api.Combinators.combine(size.list().ofMinSize(1).ofMaxSize(4),
                Arbitraries.of(true, false), Arbitraries.longs()).as(Append::new);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, append),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(new Sync())),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Flush())),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Rollback())),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Reopen()))).list().ofMaxSize(25);
    }

    @Property(tries = 60)
    void holdsExactlyTheAppendedBytes(@ForAll("operations") List<Op> ops, @ForAll Kind kind) throws IOException {
        Path dir = Files.createTempDirectory("partfile");
        try {
            PartFiles files = filesFor(kind, dir);
            Path path = dir.resolve("u.part");
            ByteArrayOutputStream model = new ByteArrayOutputStream();
            long synced = 0;
            PartFile file = files.open(path);
            try {
                for (Op op : ops) {
                    if (op instanceof Append a) {
                        Random r = new Random(a.seed());
                        ByteBuffer[] buffers = new ByteBuffer[a.sizes().size()];
                        for (int i = 0; i < buffers.length; i++) {
                            byte[] bytes = new byte[a.sizes().get(i)];
                            r.nextBytes(bytes);
                            model.write(bytes);
                            buffers[i] = a.direct() ? ByteBuffer.allocateDirect(bytes.length).put(bytes).flip()
                                    : ByteBuffer.wrap(bytes);
                        }
                        file.append(buffers);
                        assertThat(Arrays.stream(buffers).noneMatch(ByteBuffer::hasRemaining)).isTrue();
                    } else if (op instanceof Flush) {
                        file.flush();
                        assertThat(Files.readAllBytes(path)).isEqualTo(model.toByteArray());
                    } else if (op instanceof Sync) {
                        file.sync();
                        synced = model.size();
                        assertThat(Files.readAllBytes(path)).isEqualTo(model.toByteArray());
                    } else if (op instanceof Rollback) {
                        file.truncate(synced);
                        byte[] kept = Arrays.copyOf(model.toByteArray(), (int) synced);
                        model.reset();
                        model.write(kept);
                    } else if (op instanceof Reopen) {
                        file.sync();
                        file.close();
                        synced = model.size();
                        file = files.open(path);
                    }
                    assertThat(file.size()).isEqualTo(model.size());
                }
                file.sync();
                assertThat(Files.readAllBytes(path)).isEqualTo(model.toByteArray());
                ByteBuffer back = ByteBuffer.allocate(model.size());
                while (back.hasRemaining() && file.read(back, back.position()) >= 0) {
                    // read it all through the file's own channel
                }
                assertThat(back.array()).isEqualTo(model.toByteArray());
            } finally {
                file.close();
            }
        } finally {
            deleteTree(dir);
        }
    }

    @Test
    void directIoIsUsedWhereTheFileSystemTakesItAndNotWhenDisabled(@TempDir Path dir) {
        assertThat(PartFiles.forDirectory(dir, false).direct()).isFalse();
        PartFiles probed = PartFiles.forDirectory(dir, true);
        assumeTrue(probed.direct(), "this file system refuses direct I/O");
        assertThat(dir.resolve(".direct-io-probe")).doesNotExist();
    }

    @Test
    void anUnsyncedTailIsNotInTheFileButASyncedOneSurvivesReopening(@TempDir Path dir) throws IOException {
        PartFiles files = filesFor(Kind.DIRECT, dir);
        Path path = dir.resolve("t.part");
        byte[] bytes = new byte[10_000];
        new Random(7).nextBytes(bytes);
        try (PartFile f = files.open(path)) {
            f.append(ByteBuffer.wrap(bytes));
            assertThat(Files.size(path)).isEqualTo(8192); // two whole blocks went straight to disk
            f.sync();
            assertThat(Files.readAllBytes(path)).isEqualTo(bytes);
        }
        try (PartFile f = files.open(path)) {
            assertThat(f.size()).isEqualTo(10_000);
            f.append(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            f.sync();
            assertThat(Files.size(path)).isEqualTo(10_003);
            assertThat(Arrays.copyOf(Files.readAllBytes(path), 10_000)).isEqualTo(bytes);
        }
    }

    private static PartFiles filesFor(Kind kind, Path dir) {
        if (kind == Kind.BUFFERED) {
            return PartFiles.buffered();
        }
        PartFiles probed = PartFiles.forDirectory(dir, true);
        assumeTrue(probed.direct(), "this file system refuses direct I/O");
        return probed;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
