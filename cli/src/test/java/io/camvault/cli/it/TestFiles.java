package io.camvault.cli.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/** Seeded random test files (fast: ~1 GB/s) and SHA-256 helpers. */
final class TestFiles {
    private static final int BLOCK = 1 << 20;

    private TestFiles() {
    }

    /** A file of {@code size} pseudo-random bytes from {@code seed}, with its SHA-256. */
    record Source(Path path, long size, String sha256) {
    }

    static Source generate(Path file, long size, long seed) {
        MessageDigest md = sha256();
        SplittableRandom rnd = new SplittableRandom(seed);
        ByteBuffer buf = ByteBuffer.allocate(BLOCK).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            long left = size;
            while (left > 0) {
                buf.clear();
                while (buf.remaining() >= Long.BYTES) {
                    buf.putLong(rnd.nextLong());
                }
                buf.flip();
                if (left < BLOCK) {
                    buf.limit((int) left);
                }
                md.update(buf.array(), 0, buf.limit());
                left -= buf.limit();
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Source(file, size, HexFormat.of().formatHex(md.digest()));
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] out = new byte[size];
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < size; i++) {
            out[i] = (byte) rnd.nextInt(256);
        }
        return out;
    }

    static String sha256Hex(Path file) {
        MessageDigest md = sha256();
        byte[] buf = new byte[BLOCK];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static String sha256Hex(byte[] data) {
        return HexFormat.of().formatHex(sha256().digest(data));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where the vault keeps an object: {@code DATA/objects/sha256/ab/cd/<hash>}. */
    static Path objectPath(Path dataDir, String sha256) {
        return dataDir.resolve("objects").resolve("sha256").resolve(sha256.substring(0, 2))
                .resolve(sha256.substring(2, 4)).resolve(sha256);
    }
}
