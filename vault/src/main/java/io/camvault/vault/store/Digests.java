package io.camvault.vault.store;

import io.camvault.vault.model.Sha256;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 helpers shared by the object store, its tests and the fixity audit. */
public final class Digests {
    /**
     * Originals run to gigabytes; a 1 MiB buffer keeps the per-read overhead negligible next to the
     * hashing itself without holding much heap per concurrent reader.
     */
    static final int BUFFER_BYTES = 1 << 20;

    private Digests() {
    }

    /** A fresh SHA-256 digest. Every JRE must provide SHA-256, so its absence is a broken runtime. */
    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JRE has no SHA-256", e);
        }
    }

    /** Finishes {@code md} and returns the digest in lower-case hex. */
    public static String sha256ToHex(MessageDigest md) {
        return Sha256.of(md.digest()).hex();
    }

    public static Sha256 sha256(byte[] bytes) {
        return Sha256.of(newSha256().digest(bytes));
    }

    /** Hashes a whole file by reading it from the start; used to verify commits and by the fixity audit. */
    public static Sha256 sha256(Path file) throws IOException {
        MessageDigest md = newSha256();
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (ch.read(buffer) >= 0) {
                buffer.flip();
                md.update(buffer);
                buffer.clear();
            }
        }
        return Sha256.of(md.digest());
    }
}
