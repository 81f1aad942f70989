package io.camvault.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.camvault.vault.Vault;
import io.camvault.vault.VaultConfig;
import io.camvault.vault.VaultException;
import io.camvault.vault.backup.BackupManifest;
import io.camvault.vault.backup.VaultRestore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code camvault admin backup} and {@code camvault admin restore}. */
final class BackupCommands {
    private BackupCommands() {
    }

    @Command(name = "backup", mixinStandardHelpOptions = true,
            description = {"Write a consistent backup into DIR.",
                    "Holds an index checkpoint, the originals (hard links where possible, else verified copies; with",
                    "store.kind=s3 the cluster keeps them and the backup holds the index and keys only), the node key",
                    "and checkpoints, and manifest-sha256.txt. Without --data the running daemon writes it",
                    "(DIR is on the daemon's machine; ingest goes on); with --data DIR, offline from a stopped daemon's data."})
    static final class Backup implements Callable<Integer> {
        @Option(names = "--to", required = true, paramLabel = "DIR", description = "New or empty directory for the backup.")
        Path to;

        @Option(names = "--data", paramLabel = "DIR", description = "Back up this data directory offline (daemon stopped).")
        Path dataDir;

        @Option(names = "--config", paramLabel = "FILE",
                description = "With --data: the daemon's settings file, for its object store (store.kind=s3 keeps the originals in the cluster).")
        Path configFile;

        @Mixin
        io.camvault.cli.clerk.ClientOptions connection;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Path target = to.toAbsolutePath().normalize();
            BackupManifest.Summary s;
            if (dataDir == null) {
                JsonNode answer = connection.client().post("/admin/backup", Map.of("to", target.toString()));
                JsonNode summary = answer.path("summary");
                out.printf("backup written by the daemon to %s: %d segments (%d originals linked, %d copied, %d bytes)%n",
                        answer.path("to").asText(), summary.path("segments").asLong(), summary.path("objectsLinked").asLong(),
                        summary.path("objectsCopied").asLong(), summary.path("objectBytes").asLong());
                out.flush();
                return ExitCodes.OK;
            }
            DataDirOptions data = new DataDirOptions();
            data.dataDir = dataDir;
            VaultConfig config = VaultConfig.defaults(dataDir)
                    .withStore(ServeSettings.load(dataDir, configFile, Map.of()).vault().store());
            try (Vault vault = data.openForAdministration(config)) {
                s = io.camvault.vault.backup.VaultBackup.write(vault, target);
            } catch (VaultException e) {
                throw new UserError(ExitCodes.FAILURE, e.getMessage(), e);
            }
            out.printf("backup written to %s: %d segments (%d originals linked, %d copied, %d bytes)%n", target,
                    s.segments(), s.objectsLinked(), s.objectsCopied(), s.objectBytes());
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = {"Rebuild a data directory from a backup.",
                    "Restores into a new or empty directory: every file's hash is checked (a full fixity pass), then",
                    "the audit chain against the signed checkpoints, then every segment's original. Exit 4 naming",
                    "what failed."})
    static final class Restore implements Callable<Integer> {
        @Option(names = "--from", required = true, paramLabel = "DIR", description = "The backup.")
        Path from;

        @Option(names = "--data", required = true, paramLabel = "NEW", description = "New or empty data directory.")
        Path dataDir;

        @Option(names = "--config", paramLabel = "FILE",
                description = "The settings file the restored daemon will use; needed for a backup of a daemon whose originals are in an S3 store (store.kind=s3), where they are looked up.")
        Path configFile;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            io.camvault.vault.natives.NativeCache.useUnlessChosen(DaemonFiles.defaultCache(dataDir));
            VaultRestore.Report r;
            try {
                r = VaultRestore.restore(from.toAbsolutePath(), dataDir.toAbsolutePath(),
                        ServeSettings.load(dataDir, configFile, Map.of()).vault().store(), Clock.systemUTC());
            } catch (VaultException e) {
                int code = switch (e.kind()) {
                    case INTEGRITY -> ExitCodes.VERIFY_FAILED;
                    case CONFLICT, NOT_FOUND, UNAVAILABLE, INVALID -> ExitCodes.CONFIG;
                    default -> ExitCodes.FAILURE;
                };
                throw new UserError(code, e.getMessage(), e);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf("restored into %s: %d files verified, %d segments with their originals (%d linked, %d copied),"
                    + " audit log intact: %d events, %d signed checkpoints%n", dataDir, r.filesVerified(), r.segments(),
                    r.objectsLinked(), r.objectsCopied(), r.auditEvents(), r.signedCheckpoints());
            out.flush();
            return ExitCodes.OK;
        }
    }
}
