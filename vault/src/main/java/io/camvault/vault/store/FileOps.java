package io.camvault.vault.store;

import io.camvault.vault.model.Sha256;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.DosFileAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The file system primitives the commit protocol is made of. They sit behind an interface so a
 * test can make any single step fail, or "crash" right after it, and check that the store never
 * leaves a partial or unverified object at an address.
 */
public interface FileOps {

    /**
     * Flushes the file's bytes to stable storage, with the metadata needed to read them back (its
     * size and blocks), as {@code fdatasync(2)} does. Timestamps are left to the next journal commit:
     * nothing depends on them, and flushing them costs a journal commit of its own, which under
     * heavy ingest waits behind the other streams' writes even when the bytes are already on disk.
     */
    void fsyncFile(Path file) throws IOException;

    long size(Path file) throws IOException;

    /** Reads the whole file and returns its SHA-256. */
    Sha256 sha256(Path file) throws IOException;

    /** Removes every write permission; committed objects are owner- and group-readable only. */
    void setReadOnly(Path file) throws IOException;

    /** Gives the owner write permission back; only needed where a read-only file cannot be deleted. */
    void setOwnerWritable(Path file) throws IOException;

    /** Creates one directory; returns {@code false} when it already exists as a directory. */
    boolean createDirectory(Path dir) throws IOException;

    /** Renames atomically: afterwards the target holds the whole file or does not exist. */
    void moveAtomic(Path source, Path target) throws IOException;

    /** Makes the directory's entries (creations, renames, deletions) durable. */
    void fsyncDir(Path dir) throws IOException;

    /** Returns {@code false} when there was nothing to delete. */
    boolean deleteIfExists(Path file) throws IOException;

    /** The real primitives on the default file system. */
    static FileOps real() {
        return Real.INSTANCE;
    }

    /** Plain NIO. Directory fsync and POSIX modes assume a POSIX system, the deployment target. */
    final class Real implements FileOps {
        static final Real INSTANCE = new Real();
        private static final Set<PosixFilePermission> READ_ONLY = PosixFilePermissions.fromString("r--r-----");

        private Real() {
        }

        @Override
        public void fsyncFile(Path file) throws IOException {
            // fdatasync(2) works on a descriptor opened for reading, and opening for reading also
            // works after the file was made read-only (a retried commit).
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                ch.force(false);
            }
        }

        @Override
        public long size(Path file) throws IOException {
            return Files.size(file);
        }

        @Override
        public Sha256 sha256(Path file) throws IOException {
            return Digests.sha256(file);
        }

        @Override
        public void setReadOnly(Path file) throws IOException {
            PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (posix != null) {
                posix.setPermissions(READ_ONLY);
                return;
            }
            DosFileAttributeView dos = Files.getFileAttributeView(file, DosFileAttributeView.class);
            if (dos == null) {
                throw new IOException("cannot make " + file + " read-only: no POSIX or DOS attributes");
            }
            dos.setReadOnly(true);
        }

        @Override
        public void setOwnerWritable(Path file) throws IOException {
            PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (posix != null) {
                Set<PosixFilePermission> perms = posix.readAttributes().permissions();
                perms.add(PosixFilePermission.OWNER_WRITE);
                posix.setPermissions(perms);
                return;
            }
            DosFileAttributeView dos = Files.getFileAttributeView(file, DosFileAttributeView.class);
            if (dos != null) {
                dos.setReadOnly(false);
            }
        }

        @Override
        public boolean createDirectory(Path dir) throws IOException {
            try {
                Files.createDirectory(dir);
                return true;
            } catch (FileAlreadyExistsException e) {
                if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                    return false;
                }
                throw e;
            }
        }

        @Override
        public void moveAtomic(Path source, Path target) throws IOException {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        }

        @Override
        public void fsyncDir(Path dir) throws IOException {
            try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
                ch.force(true);
            }
        }

        @Override
        public boolean deleteIfExists(Path file) throws IOException {
            try {
                return Files.deleteIfExists(file);
            } catch (AccessDeniedException e) {
                // POSIX deletes read-only files given a writable directory; a DOS read-only attribute
                // blocks deletion, so clear it and try once more.
                setOwnerWritable(file);
                return Files.deleteIfExists(file);
            }
        }
    }
}
