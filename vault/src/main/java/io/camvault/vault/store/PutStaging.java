package io.camvault.vault.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The staging files of {@link FileObjectStore#put}, named {@code put-*.tmp}: written while hashed,
 * discarded when the put fails, and swept when the store opens (a put interrupted by a crash left
 * one behind). Files other callers stage are never touched.
 */
final class PutStaging {
    private static final Logger LOG = LoggerFactory.getLogger(PutStaging.class);

    private PutStaging() {
    }

    /** Copies {@code in} into {@code temp}, feeding {@code md}; returns the byte count. */
    static long writeHashing(InputStream in, Path temp, MessageDigest md) throws IOException {
        byte[] chunk = new byte[Digests.BUFFER_BYTES];
        ByteBuffer buffer = ByteBuffer.wrap(chunk);
        long size = 0;
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            int n;
            while ((n = in.read(chunk)) >= 0) {
                md.update(chunk, 0, n);
                buffer.clear().limit(n);
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
                size += n;
            }
        }
        return size;
    }

    /** Deletes a failed put's staging file; a delete that fails too is added to {@code failure}. */
    static void discard(FileOps ops, Path temp, Throwable failure) {
        try {
            ops.deleteIfExists(temp);
        } catch (IOException e) {
            failure.addSuppressed(e);
            LOG.warn("objectstore.staging.discard-failed file={} error=\"{}\"", temp, e.toString());
        }
    }

    /** Removes the staging files interrupted puts left in {@code dir}. */
    static void clean(FileOps ops, Path dir) throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir,
                FileObjectStore.PUT_PREFIX + "*" + FileObjectStore.PUT_SUFFIX)) {
            for (Path leftover : leftovers) {
                if (ops.deleteIfExists(leftover)) {
                    removed++;
                    LOG.info("objectstore.staging.removed file={}", leftover.getFileName());
                }
            }
        }
        if (removed > 0) {
            ops.fsyncDir(dir);
        }
    }
}
