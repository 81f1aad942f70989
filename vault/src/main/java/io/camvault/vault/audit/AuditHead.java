package io.camvault.vault.audit;

import io.camvault.vault.model.Sha256;
import java.nio.ByteBuffer;

/**
 * The last link of the chain: its sequence number and hash. An empty log has head
 * {@code (0, 32 zero bytes)}, which is exactly what the first event (seq 1) links to.
 *
 * <p>The head is stored in {@code META} under {@code audit.head} in the same batch as every
 * append. It is what makes truncation visible: deleting the newest events leaves a chain that is
 * internally consistent, but it no longer ends where the head says it does.
 *
 * <p>Stored layout, version 1 (41 bytes): {@code u8 version=1 | u64 seq (big-endian) | 32 hash bytes}.
 */
public record AuditHead(long seq, Sha256 hash) {
    public static final AuditHead EMPTY = new AuditHead(0, AuditChain.GENESIS);
    static final byte VERSION = 1;
    private static final int LENGTH = 1 + Long.BYTES + Sha256.BYTES;

    public AuditHead {
        if (seq < 0 || hash == null) {
            throw new IllegalArgumentException("an audit head has a non-negative seq and a hash");
        }
    }

    public boolean isEmpty() {
        return seq == 0;
    }

    public byte[] encode() {
        return ByteBuffer.allocate(LENGTH).put(VERSION).putLong(seq).put(hash.bytes()).array();
    }

    /** Parses a stored head; {@link IllegalArgumentException} if the bytes are not a version-1 head. */
    static AuditHead decode(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH || bytes[0] != VERSION) {
            throw new IllegalArgumentException("not a version " + VERSION + " audit head of " + LENGTH + " bytes");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes, 1, LENGTH - 1);
        long seq = buf.getLong();
        byte[] hash = new byte[Sha256.BYTES];
        buf.get(hash);
        return new AuditHead(seq, Sha256.of(hash));
    }
}
