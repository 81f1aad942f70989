package io.camvault.vault.index;

import io.camvault.vault.model.MediaKind;
import io.camvault.vault.model.RetentionClass;
import io.camvault.vault.model.Segment;
import io.camvault.vault.model.SegmentId;
import io.camvault.vault.model.Sha256;
import io.camvault.vault.model.Trigger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Segments for tests: everything derived from a few fields, digests unique per id. */
final class SegmentFixtures {
    private SegmentFixtures() {
    }

    static Segment segment(UUID id, String officer, String recorder, String unit, Instant start) {
        return new Segment(new SegmentId(id), digestOf(id), null, 1024, "clip.mp4", MediaKind.VIDEO, recorder,
                officer, unit, start, start.plusSeconds(600), 0, start.plusSeconds(3600), "station-1",
                Trigger.SCHEDULED, "dock-1", RetentionClass.ROUTINE, start.plusSeconds(180L * 86_400), List.of(),
                List.of());
    }

    static Segment segment(long n, String officer, Instant start) {
        return segment(new UUID(0x0190_0000_0000_7000L, n), officer, "REC-" + n % 3, "U1", start);
    }

    static Sha256 digestOf(UUID id) {
        return sha256(ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits()).array());
    }

    static Sha256 sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Sha256 sha256(byte[] bytes) {
        try {
            return Sha256.of(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
