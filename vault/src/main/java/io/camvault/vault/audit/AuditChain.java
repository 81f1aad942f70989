package io.camvault.vault.audit;

import io.camvault.vault.model.Sha256;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The rules of the chain, as plain functions: how an event's fields become bytes and how those
 * bytes become its hash. The writer ({@link AuditLog}) and the verifier ({@link AuditVerifier})
 * both call these, so they cannot disagree.
 *
 * <p>The hash is SHA-256 over the canonical encoding, never over the stored JSON: JSON admits
 * many spellings of one value, and the format of a hash input must be pinned down so that a
 * verifier written years later (or in another language) recomputes the same bytes.
 *
 * <h2>Canonical encoding, version 1</h2>
 * All integers big-endian. A {@code str} is {@code u32 length | UTF-8 bytes}; length-prefixing
 * every field is what makes the encoding unambiguous (actor "ab" + action "c" cannot collide with
 * "a" + "bc").
 * <pre>
 *   u8   version = 1
 *   u64  seq
 *   i64  time, seconds since the epoch
 *   u32  time, nanoseconds within the second (0..999,999,999)
 *   str  actor
 *   str  action
 *   str  subject            ("" when the event has none)
 *   str  outcome            (the {@link Outcome} constant's name, e.g. "SUCCESS")
 *   u32  number of details
 *        str key, str value  for each detail, ordered by the key's UTF-8 bytes compared unsigned
 *   32   prevHash           (32 zero bytes for the first event)
 * </pre>
 * Strings must be well-formed UTF-16 (no lone surrogates): Java would silently encode a lone
 * surrogate as "?", letting two different strings share one encoding. Details must not hold nulls.
 * Changing any of this means a new version byte; old events keep verifying under their version.
 */
public final class AuditChain {
    public static final byte VERSION = 1;
    /** What the first event links to. */
    public static final Sha256 GENESIS = Sha256.of(new byte[Sha256.BYTES]);

    private AuditChain() {
    }

    /** The canonical bytes of an event's fields other than its own hash. */
    public static byte[] canonical(long seq, Instant time, String actor, String action, String subject,
            Outcome outcome, Map<String, String> details, Sha256 prevHash) {
        require(seq >= 0, "seq must not be negative");
        require(time != null, "time is missing");
        require(outcome != null, "outcome is missing");
        require(details != null, "details are missing");
        require(prevHash != null, "prevHash is missing");
        Out out = new Out();
        out.u8(VERSION);
        out.u64(seq);
        out.u64(time.getEpochSecond());
        out.u32(time.getNano());
        out.str(utf8(actor, "actor"));
        out.str(utf8(action, "action"));
        out.str(utf8(subject, "subject"));
        out.str(utf8(outcome.name(), "outcome"));
        List<byte[][]> pairs = new ArrayList<>(details.size());
        for (Map.Entry<String, String> d : details.entrySet()) {
            pairs.add(new byte[][] {utf8(d.getKey(), "detail key"), utf8(d.getValue(), "detail " + d.getKey())});
        }
        // Keys are distinct strings, hence distinct UTF-8, so this order is total.
        pairs.sort((a, b) -> Arrays.compareUnsigned(a[0], b[0]));
        out.u32(pairs.size());
        for (byte[][] pair : pairs) {
            out.str(pair[0]);
            out.str(pair[1]);
        }
        out.raw(prevHash.bytes());
        return out.toByteArray();
    }

    /** The canonical bytes of {@code event}, leaving out its stored hash. */
    public static byte[] canonical(AuditEvent event) {
        return canonical(event.seq(), event.time(), event.actor(), event.action(), event.subject(),
                event.outcome(), event.details(), event.prevHash());
    }

    public static Sha256 hash(long seq, Instant time, String actor, String action, String subject,
            Outcome outcome, Map<String, String> details, Sha256 prevHash) {
        return sha256(canonical(seq, time, actor, action, subject, outcome, details, prevHash));
    }

    /** Recomputes the hash {@code event} should carry from its other fields. */
    public static Sha256 hash(AuditEvent event) {
        return sha256(canonical(event));
    }

    /** The event that records {@code entry} as number {@code seq}, following the event hashed {@code prevHash}. */
    public static AuditEvent link(Sha256 prevHash, AuditEntry entry, long seq, Instant time) {
        Sha256 hash = hash(seq, time, entry.actor(), entry.action(), entry.subject(), entry.outcome(),
                entry.details(), prevHash);
        return new AuditEvent(seq, time, entry.actor(), entry.action(), entry.subject(), entry.outcome(),
                entry.details(), prevHash, hash);
    }

    /** Whether {@code event}'s stored hash is the hash of its contents. */
    public static boolean sealed(AuditEvent event) {
        return event.hash() != null && MessageDigest.isEqual(hash(event).bytes(), event.hash().bytes());
    }

    private static byte[] utf8(String s, String field) {
        require(s != null, field + " is missing");
        try {
            ByteBuffer b = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(s));
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(field + " is not well-formed Unicode (lone surrogate)", e);
        }
    }

    private static Sha256 sha256(byte[] bytes) {
        try {
            return Sha256.of(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static void require(boolean ok, String problem) {
        if (!ok) {
            throw new IllegalArgumentException(problem);
        }
    }

    private static final class Out extends ByteArrayOutputStream {
        Out() {
            super(256);
        }

        void u8(int v) {
            write(v);
        }

        void u32(int v) {
            writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(v).array());
        }

        void u64(long v) {
            writeBytes(ByteBuffer.allocate(Long.BYTES).putLong(v).array());
        }

        void str(byte[] utf8) {
            u32(utf8.length);
            writeBytes(utf8);
        }

        void raw(byte[] bytes) {
            writeBytes(bytes);
        }
    }
}
