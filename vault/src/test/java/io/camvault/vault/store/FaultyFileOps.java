package io.camvault.vault.store;

import io.camvault.vault.model.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Real file operations, except that one armed step of the commit protocol either fails with an
 * {@link IOException} before doing anything, or "crashes": it runs, the store's whole directory
 * tree is copied as it stands at that instant, and a {@link SimulatedCrash} unwinds the caller.
 * Restarting on the copy shows what a process killed right after that step would find, however
 * the store cleans up while unwinding.
 *
 * <p>A copy cannot show what a power loss would drop from the page cache; that is what the
 * fsyncs are for, and no test here can observe them.
 */
final class FaultyFileOps implements FileOps {

    /** The protocol steps, in the order a commit into an empty store runs them. */
    enum Step {
        FSYNC_FILE("fsync staged file"),
        VERIFY_SIZE("verify size and digest"),
        VERIFY_HASH("verify size and digest"),
        SET_READ_ONLY("make read-only"),
        CREATE_DIR("create directories"),
        RENAME("rename into place"),
        /** The first directory fsync after the rename: a new directory's parent, or the object's. */
        FSYNC_DIR("fsync directories");

        /** How the store names the step in its error message. */
        final String label;

        Step(String label) {
            this.label = label;
        }
    }

    enum Mode { IO_ERROR, CRASH }

    /** Stands for the process dying: an Error, so no {@code catch (Exception)} swallows it. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash(Step step) {
            super("simulated crash after " + step);
        }
    }

    @FunctionalInterface
    private interface IoAction<T> {
        T run() throws IOException;
    }

    private final FileOps real = FileOps.real();
    private final Path root;
    private final Path crashCopy;
    private Step armed;
    private Mode mode;
    private boolean fired;
    private boolean moved;

    FaultyFileOps(Path root, Path crashCopy) {
        this.root = root;
        this.crashCopy = crashCopy;
    }

    void arm(Step step, Mode mode) {
        this.armed = step;
        this.mode = mode;
        this.fired = false;
        this.moved = false;
    }

    boolean fired() {
        return fired;
    }

    @Override
    public void fsyncFile(Path file) throws IOException {
        at(Step.FSYNC_FILE, () -> {
            real.fsyncFile(file);
            return null;
        });
    }

    @Override
    public long size(Path file) throws IOException {
        return at(Step.VERIFY_SIZE, () -> real.size(file));
    }

    @Override
    public Sha256 sha256(Path file) throws IOException {
        return at(Step.VERIFY_HASH, () -> real.sha256(file));
    }

    @Override
    public void setReadOnly(Path file) throws IOException {
        at(Step.SET_READ_ONLY, () -> {
            real.setReadOnly(file);
            return null;
        });
    }

    @Override
    public void setOwnerWritable(Path file) throws IOException {
        real.setOwnerWritable(file);
    }

    @Override
    public boolean createDirectory(Path dir) throws IOException {
        return at(Step.CREATE_DIR, () -> real.createDirectory(dir));
    }

    @Override
    public void moveAtomic(Path source, Path target) throws IOException {
        at(Step.RENAME, () -> {
            real.moveAtomic(source, target);
            moved = true;
            return null;
        });
    }

    @Override
    public void fsyncDir(Path dir) throws IOException {
        if (!moved) {
            real.fsyncDir(dir);
            return;
        }
        at(Step.FSYNC_DIR, () -> {
            real.fsyncDir(dir);
            return null;
        });
    }

    @Override
    public boolean deleteIfExists(Path file) throws IOException {
        return real.deleteIfExists(file);
    }

    private <T> T at(Step step, IoAction<T> action) throws IOException {
        if (step != armed || fired) {
            return action.run();
        }
        fired = true;
        if (mode == Mode.IO_ERROR) {
            throw new IOException("injected failure at " + step);
        }
        action.run();
        copyTree(root, crashCopy);
        throw new SimulatedCrash(step);
    }

    /** Copies files with their permissions, so a read-only object stays read-only in the copy. */
    static void copyTree(Path from, Path to) {
        try {
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Files.copy(dir, to.resolve(from.relativize(dir)), StandardCopyOption.COPY_ATTRIBUTES);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.copy(file, to.resolve(from.relativize(file)), StandardCopyOption.COPY_ATTRIBUTES);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
