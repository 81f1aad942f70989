package io.camvault.cli;

import io.camvault.vault.Vault;
import io.camvault.vault.VaultConfig;
import io.camvault.vault.VaultException;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Option;

/** {@code --data DIR} shared by every command that opens the vault directly. */
final class DataDirOptions {
    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "Data directory (index, objects, uploads).")
    Path dataDir;

    /** Opens the vault; explains the usual cause when RocksDB refuses because a daemon holds the lock. */
    Vault open(VaultConfig config) {
        useCache();
        try {
            return Vault.open(config, Clock.systemUTC());
        } catch (VaultException e) {
            String msg = String.valueOf(e.getMessage());
            if (msg.contains("lock") || msg.contains("LOCK")) {
                throw new UserError(ExitCodes.CONFIG, "the data directory " + dataDir
                        + " is in use (is a camvault daemon running on it?); stop it or use the API", e);
            }
            throw new UserError(ExitCodes.CONFIG, msg, e);
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
