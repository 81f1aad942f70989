package io.camvault.vault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The vault's settings, validated once when built.
 *
 * @param dataDir         root of everything the vault keeps: {@code index/}, {@code objects/}, {@code uploads/}
 * @param routineRetention how long routine footage is kept after its recording ends (default 180 days)
 */
public record VaultConfig(Path dataDir, Duration routineRetention) {
    public static final Duration DEFAULT_ROUTINE_RETENTION = Duration.ofDays(180);

    public VaultConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(routineRetention, "routineRetention");
        if (routineRetention.compareTo(DEFAULT_ROUTINE_RETENTION) < 0) {
            throw new IllegalArgumentException(
                    "routineRetention must be at least 180 days (the legal minimum), got " + routineRetention.toDays() + " days");
        }
    }

    public static VaultConfig defaults(Path dataDir) {
        return new VaultConfig(dataDir, DEFAULT_ROUTINE_RETENTION);
    }

    public Path indexDir() {
        return dataDir.resolve("index");
    }

    public Path objectsDir() {
        return dataDir.resolve("objects");
    }

    public Path uploadsDir() {
        return dataDir.resolve("uploads");
    }
}
