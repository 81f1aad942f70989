package io.camvault.vault;

import io.camvault.vault.retention.RetentionPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The vault's settings, validated once when built.
 *
 * @param dataDir     root of everything the vault keeps: {@code index/}, {@code objects/}, {@code uploads/},
 *                    {@code keys/}, {@code checkpoints.log}
 * @param retention   how long footage is kept (see {@link RetentionPolicy} for each setting and default)
 * @param maintenance schedules and limits of the background jobs (see {@link MaintenanceConfig})
 * @param store       the object store (see {@link StoreConfig})
 * @param exportDownloadWindow how long after its approval an export may be downloaded (by its
 *                    requester; {@code export.download-window}, default 7 days)
 */
public record VaultConfig(Path dataDir, RetentionPolicy retention, MaintenanceConfig maintenance, StoreConfig store,
        Duration exportDownloadWindow) {
    public static final Duration DEFAULT_ROUTINE_RETENTION = RetentionPolicy.DEFAULT_ROUTINE;
    public static final Duration DEFAULT_EXPORT_DOWNLOAD_WINDOW = Duration.ofDays(7);

    public VaultConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(maintenance, "maintenance");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(exportDownloadWindow, "exportDownloadWindow");
        if (exportDownloadWindow.isNegative() || exportDownloadWindow.isZero()) {
            throw new IllegalArgumentException("export.download-window must be positive, got " + exportDownloadWindow);
        }
    }

    public VaultConfig(Path dataDir, RetentionPolicy retention, MaintenanceConfig maintenance, StoreConfig store) {
        this(dataDir, retention, maintenance, store, DEFAULT_EXPORT_DOWNLOAD_WINDOW);
    }

    public VaultConfig(Path dataDir, RetentionPolicy retention, MaintenanceConfig maintenance) {
        this(dataDir, retention, maintenance, StoreConfig.defaults());
    }

    /** Default policy and jobs with a different routine period (at least 180 days). */
    public VaultConfig(Path dataDir, Duration routineRetention) {
        this(dataDir, RetentionPolicy.defaults().withRoutine(routineRetention), MaintenanceConfig.defaults());
    }

    public static VaultConfig defaults(Path dataDir) {
        return new VaultConfig(dataDir, RetentionPolicy.defaults(), MaintenanceConfig.defaults());
    }

    public VaultConfig withRetention(RetentionPolicy newRetention) {
        return new VaultConfig(dataDir, newRetention, maintenance, store, exportDownloadWindow);
    }

    public VaultConfig withMaintenance(MaintenanceConfig newMaintenance) {
        return new VaultConfig(dataDir, retention, newMaintenance, store, exportDownloadWindow);
    }

    public VaultConfig withStore(StoreConfig newStore) {
        return new VaultConfig(dataDir, retention, maintenance, newStore, exportDownloadWindow);
    }

    public VaultConfig withExportDownloadWindow(Duration window) {
        return new VaultConfig(dataDir, retention, maintenance, store, window);
    }

    public boolean directIo() {
        return store.directIo();
    }

    /** The zone of every time a person reads, and of the statistics year ({@code display.zone}). */
    public java.time.ZoneId displayZone() {
        return maintenance.displayZone();
    }

    public Duration routineRetention() {
        return retention.routine();
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

    /** The node's signing key pair ({@code node-ed25519.key}, {@code node-ed25519.pub}). */
    public Path keysDir() {
        return dataDir.resolve("keys");
    }

    /** Index backups the daemon makes on its own (before a layout migration). */
    public Path backupsDir() {
        return dataDir.resolve("backups");
    }

    /** One line per signed audit checkpoint, appended; see {@link io.camvault.vault.audit.Checkpoint}. */
    public Path checkpointsLog() {
        return dataDir.resolve("checkpoints.log");
    }
}
