package io.camvault.vault.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Key layouts of the audit column families, kept here until they are folded into
 * {@link io.camvault.vault.kv.Keys}; the byte layouts must stay exactly as they are.
 *
 * <p>Sequence numbers are 8-byte big-endian. They are never negative, so unsigned byte order is
 * numeric order and a range scan walks the chain in sequence. The subject index is keyed by the
 * SHA-256 of the subject rather than the subject itself: fixed width means no subject can be a
 * prefix of another ("segment:1" of "segment:10"), so a prefix scan returns one subject only.
 */
final class AuditKeys {
    static final int SEQ_BYTES = Long.BYTES;
    static final int SUBJECT_HASH_BYTES = 32;

    /** META key of the chain head, written in the same batch as every append. */
    static final byte[] HEAD = "audit.head".getBytes(StandardCharsets.UTF_8);

    private AuditKeys() {
    }

    /** AUDIT: seq (8 bytes, big-endian). */
    static byte[] auditSeq(long seq) {
        if (seq < 0) {
            throw new IllegalArgumentException("an audit sequence number is never negative: " + seq);
        }
        return ByteBuffer.allocate(SEQ_BYTES).putLong(seq).array();
    }

    /** AUDIT_BY_SUBJECT: SHA-256(UTF-8 subject) (32 bytes) + seq (8 bytes, big-endian). */
    static byte[] auditSubject(String subject, long seq) {
        if (seq < 0) {
            throw new IllegalArgumentException("an audit sequence number is never negative: " + seq);
        }
        return ByteBuffer.allocate(SUBJECT_HASH_BYTES + SEQ_BYTES).put(auditSubjectPrefix(subject)).putLong(seq).array();
    }

    /** The leading 32 bytes shared by every {@link #auditSubject} key of one subject. */
    static byte[] auditSubjectPrefix(String subject) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(subject.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The sequence number at the end of an AUDIT or AUDIT_BY_SUBJECT key. */
    static long seqOf(byte[] key) {
        if (key.length < SEQ_BYTES) {
            throw new IllegalArgumentException("an audit key holds at least 8 bytes, got " + key.length);
        }
        return ByteBuffer.wrap(key, key.length - SEQ_BYTES, SEQ_BYTES).getLong();
    }

    /** The smallest key greater than every key starting with {@code prefix}; null if none exists. */
    static byte[] prefixEnd(byte[] prefix) {
        byte[] end = prefix.clone();
        for (int i = end.length - 1; i >= 0; i--) {
            if (end[i] != (byte) 0xFF) {
                end[i]++;
                return java.util.Arrays.copyOf(end, i + 1);
            }
        }
        return null;
    }
}
