package io.camvault.bench;

import io.camvault.vault.model.MediaKind;
import io.camvault.vault.model.RetentionClass;
import io.camvault.vault.model.Segment;
import io.camvault.vault.model.SegmentId;
import io.camvault.vault.model.Sha256;
import io.camvault.vault.model.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * A deterministic stream of realistic segments: {@code officers} officers sharing one recorder per
 * two officers, 20 units, {@code total} recording starts spread evenly over one year, 1–30 minute
 * clips, one in ten marked important (permanent), the rest kept 180 days. Deterministic so runs
 * compare.
 *
 * <p>By default the stream is chronological with jitter (each start within ±2 hours of its slot),
 * because footage reaches the vault roughly in the order it was recorded, shift by shift, and a
 * rebuild from manifests walks them in ingest order. {@code shuffled} draws every start uniformly
 * over the year instead: the worst case for the index, where each key lands somewhere random.
 */
final class BenchSegments {
    static final Instant YEAR_START = Instant.parse("2025-01-01T00:00:00Z");
    static final long YEAR_MILLIS = Duration.ofDays(365).toMillis();
    private static final Duration ROUTINE = Duration.ofDays(180);

    private static final long JITTER_MILLIS = Duration.ofHours(2).toMillis();

    private final int officers;
    private final long total;
    private final boolean shuffled;
    private final SplittableRandom random;
    private long sequence;
    private final String[] badges;
    private final String[] recorders;
    private final String[] units;
    private final String[] docks;
    private final String[] stations;

    BenchSegments(int officers, long total, boolean shuffled, long seed) {
        this.officers = officers;
        this.total = Math.max(1, total);
        this.shuffled = shuffled;
        this.random = new SplittableRandom(seed);
        // the same strings String.format made per segment before, made once: the generator's own
        // cost is not the index's and was a tenth of the loading thread's profile
        badges = new String[officers];
        recorders = new String[(officers + 1) / 2];
        for (int i = 0; i < officers; i++) {
            badges[i] = badge(i);
            recorders[i / 2] = String.format("REC%05d", i / 2);
        }
        units = new String[20];
        docks = new String[20];
        stations = new String[5];
        for (int i = 0; i < 20; i++) {
            units[i] = String.format("U%02d", i);
            docks[i] = "dock-" + i;
            stations[i / 4] = "station-" + i / 4;
        }
    }

    static String badge(int officer) {
        return String.format("%06d", officer);
    }

    Segment next() {
        int officer = random.nextInt(officers);
        long slot = shuffled ? random.nextLong(YEAR_MILLIS)
                : sequence % total * (YEAR_MILLIS / total) + random.nextLong(-JITTER_MILLIS, JITTER_MILLIS);
        Instant start = YEAR_START.plusMillis(slot);
        Instant end = start.plusSeconds(60 + random.nextInt(29 * 60));
        Instant ingested = end.plusSeconds(3600 + random.nextInt(8 * 3600));
        boolean marked = random.nextInt(10) == 0;
        // UUIDv7-like: ingest millis high, a counter low, so ids are unique and roughly time-ordered
        UUID id = new UUID((ingested.toEpochMilli() << 16) | 0x7000L | (random.nextInt() & 0xFFF),
                0x8000_0000_0000_0000L | sequence++);
        byte[] digest = new byte[Sha256.BYTES];
        random.nextBytes(digest);
        String recorder = recorders[officer / 2];
        return new Segment(new SegmentId(id), Sha256.of(digest), null, 200_000_000L + random.nextInt(1 << 30),
                recorder + "_" + sequence + ".mp4", MediaKind.VIDEO,
                recorder, badges[officer], units[officer % 20], start,
                end, random.nextInt(2000) - 1000, ingested, stations[officer % 20 / 4],
                marked ? Trigger.MARKED : Trigger.SCHEDULED, docks[officer % 20],
                marked ? RetentionClass.EVIDENCE : RetentionClass.ROUTINE, marked ? null : end.plus(ROUTINE),
                List.of(), List.of());
    }
}
