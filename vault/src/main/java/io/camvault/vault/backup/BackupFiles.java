package io.camvault.vault.backup;

import io.camvault.vault.VaultException;
import io.camvault.vault.store.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;

/** File steps shared by backup and restore: link or copy with a hash check, hash, fsync. */
final class BackupFiles {
    private BackupFiles() {
    }

    /** How a file got into place. */
    enum Placed { LINKED, COPIED }

    /**
     * Puts {@code source} at {@code target}: a hard link when both are on one file system (same
     * bytes, no space, and a write-once file cannot change under either name), else a copy whose
     * SHA-256 must be {@code expectedHex}. The target is fsynced; its directory is the caller's.
     */
    static Placed linkOrCopy(Path source, Path target, String expectedHex) throws IOException {
        Files.createDirectories(target.getParent());
        try {
            Files.createLink(target, source);
            return Placed.LINKED;
        } catch (FileSystemException | UnsupportedOperationException e) {
            // another file system (EXDEV), or one without hard links: copy below
        }
        try (InputStream in = Files.newInputStream(source)) {
            copyVerified(Channels.newChannel(in), target, expectedHex, source.toString());
        }
        return Placed.COPIED;
    }

    /** Copies a stream to {@code target}, hashing on the way; a different SHA-256 removes the copy and fails. */
    static void copyVerified(ReadableByteChannel source, Path target, String expectedHex, String what) throws IOException {
        MessageDigest md = Digests.newSha256();
        try (InputStream in = new DigestInputStream(Channels.newInputStream(source), md);
             OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            in.transferTo(out);
        }
        String got = Digests.sha256ToHex(md);
        if (expectedHex != null && !got.equals(expectedHex)) {
            Files.deleteIfExists(target);
            throw new VaultException(VaultException.Kind.INTEGRITY, what + " has SHA-256 " + got + ", not " + expectedHex);
        }
        fsync(target);
    }

    static String sha256(Path file) throws IOException {
        return Digests.sha256(file).hex();
    }

    static void fsync(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
                ch.force(true);
            }
            return;
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
            ch.force(true);
        } catch (java.nio.file.AccessDeniedException e) {
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
                ch.force(true);
            }
        }
    }

    /** Every directory under {@code root}, root included, fsynced (after the files in them are). */
    static void fsyncDirectories(Path root) throws IOException {
        try (var dirs = Files.walk(root)) {
            for (Path d : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
                fsync(d);
            }
        }
    }
}
