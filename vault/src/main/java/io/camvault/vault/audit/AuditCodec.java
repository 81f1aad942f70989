package io.camvault.vault.audit;

import io.camvault.vault.model.Sha256;
import io.camvault.vault.store.Digests;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stored form of an audit event (value of the {@code AUDIT} family): the event's canonical
 * encoding ({@link AuditChain}, which starts with its own version byte) followed by the 32-byte
 * hash the event carries.
 *
 * <pre>
 *   canonical(event)   version 1 layout, see {@link AuditChain}
 *   32                 hash = SHA-256(canonical(event))
 * </pre>
 *
 * <p>Storing the hash input itself, rather than a JSON rendering of the event, means the stored
 * bytes are what the hash covers: any changed byte either makes the record unparseable or makes
 * {@link #sealed(byte[])} false, with no dependence on how some library spells JSON. The decoder is
 * strict (well-formed UTF-8, known outcome, details in strictly ascending key order, nothing
 * trailing), so each event has exactly one stored form and decoding then re-encoding is the identity.
 */
public final class AuditCodec {
    private static final int HASH_BYTES = Sha256.BYTES;

    private AuditCodec() {
    }

    public static byte[] encode(AuditEvent event) {
        if (event.hash() == null) {
            throw new IllegalArgumentException("an event is stored with its hash");
        }
        byte[] canonical = AuditChain.canonical(event);
        byte[] out = Arrays.copyOf(canonical, canonical.length + HASH_BYTES);
        System.arraycopy(event.hash().bytes(), 0, out, canonical.length, HASH_BYTES);
        return out;
    }

    /**
     * Whether the stored hash (the last 32 bytes) is the SHA-256 of the bytes before it. True for
     * every record {@link #encode} wrote; false after almost any change to the stored bytes.
     */
    public static boolean sealed(byte[] stored) {
        if (stored == null || stored.length <= HASH_BYTES) {
            return false;
        }
        int n = stored.length - HASH_BYTES;
        var md = Digests.newSha256();
        md.update(stored, 0, n);
        return MessageDigest.isEqual(md.digest(), Arrays.copyOfRange(stored, n, stored.length));
    }

    /**
     * Parses a stored event. Throws {@link IllegalArgumentException} naming the first field that
     * is not in canonical form; it does not check the hash (see {@link #sealed(byte[])}).
     */
    public static AuditEvent decode(byte[] stored) {
        if (stored == null) {
            throw new IllegalArgumentException("no record");
        }
        ByteBuffer in = ByteBuffer.wrap(stored);
        try {
            int version = in.get() & 0xFF;
            if (version != AuditChain.VERSION) {
                throw new IllegalArgumentException("unknown encoding version " + version);
            }
            long seq = in.getLong();
            if (seq < 0) {
                throw new IllegalArgumentException("negative seq");
            }
            long seconds = in.getLong();
            int nanos = in.getInt();
            if (nanos < 0 || nanos > 999_999_999) {
                throw new IllegalArgumentException("nanoseconds out of range");
            }
            Instant time;
            try {
                time = Instant.ofEpochSecond(seconds, nanos);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("time out of range", e);
            }
            String actor = str(in, "actor");
            String action = str(in, "action");
            String subject = str(in, "subject");
            String outcomeName = str(in, "outcome");
            Outcome outcome;
            try {
                outcome = Outcome.valueOf(outcomeName);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown outcome", e);
            }
            int count = in.getInt();
            if (count < 0 || count > in.remaining() / 8) {
                throw new IllegalArgumentException("impossible number of details");
            }
            Map<String, String> details = new LinkedHashMap<>();
            byte[] previousKey = null;
            for (int i = 0; i < count; i++) {
                byte[] key = bytes(in, "detail key");
                if (previousKey != null && Arrays.compareUnsigned(previousKey, key) >= 0) {
                    throw new IllegalArgumentException("details not in ascending key order");
                }
                previousKey = key;
                details.put(utf8(key, "detail key"), str(in, "detail value"));
            }
            byte[] prev = new byte[HASH_BYTES];
            in.get(prev);
            byte[] hash = new byte[HASH_BYTES];
            in.get(hash);
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " trailing bytes");
            }
            return new AuditEvent(seq, time, actor, action, subject, outcome, details, Sha256.of(prev), Sha256.of(hash));
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("record ends early", e);
        }
    }

    private static String str(ByteBuffer in, String field) {
        return utf8(bytes(in, field), field);
    }

    private static byte[] bytes(ByteBuffer in, String field) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException(field + " length out of range");
        }
        byte[] out = new byte[length];
        in.get(out);
        return out;
    }

    private static String utf8(byte[] bytes, String field) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(field + " is not well-formed UTF-8", e);
        }
    }
}
