package io.camvault.vault.audit;

import io.camvault.vault.model.Sha256;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * A signed statement "the audit chain had event {@code seq} with hash {@code hash} at {@code time}",
 * made with the node's Ed25519 key. Whoever holds the checkpoints and the public key can tell a
 * truncated log (a checkpointed seq is gone) or a rewritten one (its hash differs) from an intact
 * one, even if the rewrite recomputed every hash and the head.
 *
 * <p>Signed bytes, version 1: {@code "camvault.checkpoint.v1" | u64 seq | 32 hash | i64 epoch
 * seconds | u32 nanos} (big-endian). Stored form — the value in the {@code CHECKPOINTS} family and
 * one line of {@code checkpoints.log} alike:
 * <pre>checkpoint v1 seq=42 hash=&lt;64 hex&gt; time=2024-05-01T08:00:00Z sig=&lt;base64&gt;</pre>
 */
public record Checkpoint(long seq, Sha256 hash, Instant time, String signature) {
    private static final byte[] TAG = "camvault.checkpoint.v1".getBytes(StandardCharsets.US_ASCII);
    public static final String ALGORITHM = "Ed25519";

    public static Checkpoint sign(long seq, Sha256 hash, Instant time, PrivateKey key) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(key);
            s.update(message(seq, hash, time));
            return new Checkpoint(seq, hash, time, Base64.getEncoder().encodeToString(s.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign an audit checkpoint: " + e.getMessage(), e);
        }
    }

    public boolean verify(PublicKey key) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(key);
            s.update(message(seq, hash, time));
            return s.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    static byte[] message(long seq, Sha256 hash, Instant time) {
        return ByteBuffer.allocate(TAG.length + 8 + Sha256.BYTES + 8 + 4).put(TAG).putLong(seq).put(hash.bytes())
                .putLong(time.getEpochSecond()).putInt(time.getNano()).array();
    }

    public String toLine() {
        return "checkpoint v1 seq=" + seq + " hash=" + hash.hex() + " time=" + time + " sig=" + signature;
    }

    /** Parses one line; {@link IllegalArgumentException} if it is not a version-1 checkpoint line. */
    public static Checkpoint parse(String line) {
        String[] f = line.strip().split(" ");
        if (f.length != 6 || !f[0].equals("checkpoint") || !f[1].equals("v1")) {
            throw new IllegalArgumentException("not a version 1 checkpoint line");
        }
        try {
            return new Checkpoint(Long.parseLong(field(f[2], "seq")), Sha256.ofHex(field(f[3], "hash")),
                    Instant.parse(field(f[4], "time")), field(f[5], "sig"));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("malformed checkpoint line: " + e.getMessage(), e);
        }
    }

    private static String field(String text, String name) {
        if (!text.startsWith(name + "=")) {
            throw new IllegalArgumentException("checkpoint line lacks " + name);
        }
        return text.substring(name.length() + 1);
    }
}
