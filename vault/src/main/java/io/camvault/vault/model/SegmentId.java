package io.camvault.vault.model;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/**
 * A segment's identity: a time-ordered UUID (version 7 layout), so ids sort roughly by ingest
 * time and never reveal anything about the content.
 */
public record SegmentId(UUID value) implements Comparable<SegmentId> {
    private static final SecureRandom RANDOM = new SecureRandom();

    public SegmentId {
        if (value == null) {
            throw new IllegalArgumentException("segment id is required");
        }
    }

    public static SegmentId random(Instant now) {
        return new SegmentId(timeOrdered(now));
    }

    public static SegmentId parse(String text) {
        try {
            return new SegmentId(UUID.fromString(text));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("not a segment id: " + text, e);
        }
    }

    /** A UUIDv7: 48 bits of milliseconds, version, 74 random bits. */
    public static UUID timeOrdered(Instant now) {
        long millis = now.toEpochMilli();
        long randA = RANDOM.nextLong();
        long randB = RANDOM.nextLong();
        long msb = (millis << 16) | 0x7000L | (randA & 0x0FFFL);
        long lsb = (randB & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    @Override
    public int compareTo(SegmentId o) {
        int c = Long.compareUnsigned(value.getMostSignificantBits(), o.value.getMostSignificantBits());
        return c != 0 ? c : Long.compareUnsigned(value.getLeastSignificantBits(), o.value.getLeastSignificantBits());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
