package io.camvault.cli;

import io.camvault.vault.Vault;
import io.camvault.vault.VaultConfig;
import io.camvault.vault.VaultException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Option;

/** {@code --data DIR} shared by every command that opens the vault directly. */
final class DataDirOptions {
    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "Data directory (index, objects, uploads).")
    Path dataDir;

    /**
     * Opens an existing vault: a mistyped {@code --data} must not silently become a new, empty vault
     * (a token created there would be refused by the real daemon). Only {@code serve} and an explicit
     * {@code --init} create one ({@link #openOrCreate}).
     */
    Vault open(VaultConfig config) {
        return open(config, Vault.Purpose.SERVICE);
    }

    /**
     * Opens an existing vault for an administrative command (tokens, backups): the retention policy is
     * neither checked nor recorded, so the command works whatever {@code serve} is configured with and
     * leaves nothing that would constrain the daemon's next start.
     */
    Vault openForAdministration(VaultConfig config) {
        return open(config, Vault.Purpose.ADMINISTRATION);
    }

    private Vault open(VaultConfig config, Vault.Purpose purpose) {
        if (!Files.isDirectory(config.indexDir())) {
            String what = Files.exists(dataDir) ? "holds no camvault index (no index/ inside)" : "does not exist";
            throw new UserError(ExitCodes.CONFIG, "the data directory " + dataDir + " " + what
                    + "; check the path, or start the daemon on it (camvault serve --data " + dataDir
                    + ") or pass --init to create a new vault there");
        }
        return openOrCreate(config, purpose);
    }

    /** Opens the vault, creating the data directory when it is new; explains a directory it cannot use. */
    Vault openOrCreate(VaultConfig config) {
        return openOrCreate(config, Vault.Purpose.SERVICE);
    }

    /** As {@link #openOrCreate(VaultConfig)}, for {@code purpose} (see {@link Vault.Purpose}). */
    Vault openOrCreate(VaultConfig config, Vault.Purpose purpose) {
        refuseUnwritable(dataDir);
        useCache();
        try {
            return Vault.open(config, Clock.systemUTC(), purpose);
        } catch (VaultException e) {
            String msg = String.valueOf(e.getMessage());
            if (msg.contains("lock") || msg.contains("LOCK")) {
                throw new UserError(ExitCodes.CONFIG, "the data directory " + dataDir
                        + " is in use (is a camvault daemon running on it?); stop it or use the API", e);
            }
            throw new UserError(ExitCodes.CONFIG, msg, e);
        }
    }

    /** Names the real problem with a directory the daemon cannot use, before RocksDB or mkdir does. */
    private static void refuseUnwritable(Path dir) {
        Path existing = dir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return;
        }
        if (!Files.isDirectory(existing)) {
            throw new UserError(ExitCodes.CONFIG, existing.equals(dir.toAbsolutePath())
                    ? "the data directory " + dir + " is a file, not a directory"
                    : "cannot create the data directory " + dir + ": " + existing + " is a file");
        }
        if (!Files.isWritable(existing)) {
            throw new UserError(ExitCodes.CONFIG, (existing.equals(dir.toAbsolutePath())
                    ? "the data directory " + dir + " is not writable by this user"
                    : "cannot create the data directory " + dir + ": " + existing + " is not writable by this user")
                    + " (" + System.getProperty("user.name") + ")");
        }
    }

    /**
     * Native libraries come from the data directory's cache (the daemon's default, setting
     * {@code cache.dir}) unless the daemon's own start chose its configured one already.
     */
    void useCache() {
        io.camvault.vault.natives.NativeCache.useUnlessChosen(DaemonFiles.defaultCache(dataDir));
    }
}
