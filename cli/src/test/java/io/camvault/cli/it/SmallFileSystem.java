package io.camvault.cli.it;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * A real ext4 file system of a few hundred MB, loop-mounted at a directory, so a test can fill it
 * for real (ENOSPC from the kernel, not a simulated free-space figure). Needs root and a loop
 * device; where the machine has neither, the test is skipped and says why.
 */
final class SmallFileSystem implements AutoCloseable {
    private final Path image;
    private final Path mountPoint;

    private SmallFileSystem(Path image, Path mountPoint) {
        this.image = image;
        this.mountPoint = mountPoint;
    }

    /** Makes and mounts an ext4 file system of {@code bytes} (no blocks reserved for root) at {@code dir/mnt}. */
    static SmallFileSystem mount(Path dir, long bytes) {
        Path image = dir.resolve("fs.img");
        Path mnt = dir.resolve("mnt");
        try {
            Files.createDirectories(mnt);
            try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
                f.setLength(bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        run("mkfs.ext4", List.of("mkfs.ext4", "-q", "-F", "-m", "0", image.toString()));
        run("mount", List.of("mount", "-o", "loop", image.toString(), mnt.toString()));
        return new SmallFileSystem(image, mnt);
    }

    private static void run(String what, List<String> cmd) {
        Daemon.Run r;
        try {
            r = Daemon.Run.of(cmd, Duration.ofSeconds(60));
        } catch (RuntimeException e) {
            Assumptions.abort(what + " is not available here (" + e.getMessage() + "); a real disk-full test needs it");
            return;
        }
        Assumptions.assumeTrue(r.exit() == 0,
                () -> what + " failed (exit " + r.exit() + ": " + r.stderr().strip() + "); a real disk-full test needs root and a loop device");
    }

    Path root() {
        return mountPoint;
    }

    long freeBytes() {
        try {
            return Files.getFileStore(mountPoint).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Takes every free byte with allocated files (as another writer on the same disk would), in
     * pieces, since the daemon may be writing at the same moment. Returns the folder holding them.
     */
    Path fill() {
        Path fillers = mountPoint.resolve("filler");
        try {
            Files.createDirectories(fillers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long piece = freeBytes();
        for (int i = 0; piece >= 4096 && i < 1000; i++) {
            Path f = fillers.resolve("f" + i);
            Daemon.Run r = Daemon.Run.of(List.of("fallocate", "-l", Long.toString(piece), f.toString()),
                    Duration.ofSeconds(60));
            if (r.exit() != 0) {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                piece /= 2; // someone wrote in between: take what is left in smaller pieces
            } else {
                piece = Math.min(piece, freeBytes());
            }
        }
        return fillers;
    }

    /** Gives the space taken by {@link #fill()} back. */
    void empty(Path fillers) {
        try (var files = Files.list(fillers)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.delete(f);
            }
            Files.delete(fillers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        Daemon.Run r = Daemon.Run.of(List.of("umount", mountPoint.toString()), Duration.ofSeconds(60));
        if (r.exit() != 0) {
            Daemon.Run.of(List.of("umount", "-l", mountPoint.toString()), Duration.ofSeconds(60));
        }
        try {
            Files.deleteIfExists(image);
        } catch (IOException e) {
            // the temp dir goes with the test
        }
    }
}
