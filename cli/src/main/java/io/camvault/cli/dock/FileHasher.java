package io.camvault.cli.dock;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * The SHA-256 pass that runs before a file's upload. tus metadata is fixed at creation, and the
 * daemon verifies the declared hash against the bytes it received, so the hash has to be known
 * before the first byte goes out: one streaming read first (about 1.5 GB/s of CPU; in practice the
 * recorder's USB read speed), then the upload reads the file again.
 */
final class FileHasher {
    static final int BUFFER = 1 << 20;

    private FileHasher() {
    }

    /** Thrown when a stop was requested mid-pass. */
    static final class Stopped extends IOException {
        Stopped() {
            super("stopped");
        }
    }

    /** Lower-case hex SHA-256 of {@code file}; {@code progress} gets the bytes read so far. */
    static String sha256(Path file, LongConsumer progress, BooleanSupplier stopRequested) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        byte[] buf = new byte[BUFFER];
        long done = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
                done += n;
                progress.accept(done);
                if (stopRequested.getAsBoolean()) {
                    throw new Stopped();
                }
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
