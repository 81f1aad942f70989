package io.camvault.cli;

import io.camvault.vault.VaultConfig;
import io.camvault.vault.VaultException;
import io.camvault.vault.audit.AuditCheckpoints;
import io.camvault.vault.audit.AuditVerification;
import io.camvault.vault.audit.AuditVerifier;
import io.camvault.vault.audit.Checkpoint;
import io.camvault.vault.audit.CheckpointVerifier;
import io.camvault.vault.audit.NodeKey;
import io.camvault.vault.kv.KvStore;
import io.camvault.vault.kv.RocksKvStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The audit log: offline checks with {@code --data}, or the running daemon's view. */
@Command(name = "audit", description = "The audit log: verify it (offline with --data, else through the daemon), show a trail.",
        subcommands = {AuditCommand.Verify.class, io.camvault.cli.clerk.AuditShowCommand.class})
final class AuditCommand {

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Walk the audit chain and check it against the signed checkpoints.",
                    "With --data DIR: offline, on a stopped daemon's data directory (or a copy).",
                    "Without: ask the running daemon (--server/--token) to walk its chain.",
                    "Exit 0 when intact; exit 4 naming the first broken event otherwise."})
    static final class Verify implements Callable<Integer> {
        @Option(names = "--data", paramLabel = "DIR",
                description = "Data directory to check offline. Without it the daemon checks its own chain.")
        Path dataDir;

        @Mixin
        io.camvault.cli.clerk.ClientOptions connection;

        @Option(names = "--public-key", paramLabel = "FILE",
                description = "The node's Ed25519 public key (PEM). Default: DIR/keys/node-ed25519.pub.")
        Path publicKey;

        @Option(names = "--checkpoints", paramLabel = "FILE",
                description = "A checkpoints log kept elsewhere. Default: the checkpoints stored in the index.")
        Path checkpoints;

        @Option(names = "--checkpoint-interval", paramLabel = "DURATION",
                description = {"How often the daemon signs a checkpoint (its jobs.audit-checkpoint). Events older than"
                        + " this before the last one must be covered by a checkpoint. Default: from --config, else 1h."})
        String checkpointInterval;

        @Option(names = "--config", paramLabel = "FILE",
                description = "The daemon's settings file, for jobs.audit-checkpoint.")
        Path configFile;

        @Spec
        CommandSpec spec;

        private java.time.Duration checkpointInterval() {
            if (checkpointInterval != null) {
                return Units.duration("--checkpoint-interval", checkpointInterval);
            }
            io.camvault.vault.JobSchedule s = configFile == null
                    ? io.camvault.vault.MaintenanceConfig.defaults().auditCheckpoint()
                    : ServeSettings.load(dataDir, configFile, java.util.Map.of()).vault().maintenance().auditCheckpoint();
            if (s.every() == null) {
                throw new UserError(ExitCodes.USAGE, "jobs.audit-checkpoint is a cron schedule (" + s.cron()
                        + "): pass --checkpoint-interval with the longest time between two of its runs");
            }
            return s.every();
        }

        @Override
        public Integer call() {
            if (dataDir == null) {
                return online();
            }
            VaultConfig config = VaultConfig.defaults(dataDir);
            if (!Files.isDirectory(config.indexDir())) {
                throw new UserError(ExitCodes.CONFIG, "no index at " + config.indexDir() + " (is --data right?)");
            }
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (KvStore kv = openIndex(config)) {
                Path keyFile = publicKey != null ? publicKey : config.keysDir().resolve(NodeKey.PUBLIC_FILE);
                if (!Files.exists(keyFile)) {
                    // without the key nothing proves the chain is the one the node signed: that is no pass
                    err.println(SafeText.terminal("audit log NOT verified: no public key at " + keyFile
                            + "; the signed checkpoints cannot be checked (pass the copy kept off the node with"
                            + " --public-key FILE)"));
                    return ExitCodes.VERIFY_FAILED;
                }
                // the checkpoints the node stored and those of a copy kept elsewhere, together: removing
                // checkpoints from the node does not hide a rewrite the copy still covers
                java.util.Map<Long, Checkpoint> bySeq = new java.util.TreeMap<>();
                List<Checkpoint> all = new java.util.ArrayList<>(AuditCheckpoints.stored(kv));
                if (checkpoints != null) {
                    all.addAll(readCheckpoints(checkpoints));
                }
                List<Checkpoint> signed = all;
                for (Checkpoint c : all) {
                    bySeq.putIfAbsent(c.seq(), c);
                }
                java.time.Duration interval = checkpointInterval();
                AuditVerification v = CheckpointVerifier.verify(kv, signed, readKey(keyFile), interval);
                String what = bySeq.size() + " signed checkpoints";
                if (v.intact()) {
                    out.println("audit log intact: " + v.eventsChecked() + " events, " + what);
                    return ExitCodes.OK;
                }
                err.println(SafeText.terminal("audit log broken at event " + v.brokenAtSeq() + ": " + v.problem()));
                return ExitCodes.VERIFY_FAILED;
            }
        }

        private int online() {
            if (publicKey != null || checkpoints != null || checkpointInterval != null || configFile != null) {
                throw new UserError(ExitCodes.USAGE,
                        "--public-key, --checkpoints, --checkpoint-interval and --config need --data DIR (offline check)");
            }
            com.fasterxml.jackson.databind.JsonNode v = connection.client().get("/audit/verify");
            if (v.path("intact").asBoolean()) {
                spec.commandLine().getOut().println("audit log intact: " + v.path("eventsChecked").asLong()
                        + " events (checked by the daemon)");
                return ExitCodes.OK;
            }
            spec.commandLine().getErr().println(SafeText.terminal("audit log broken at event "
                    + v.path("brokenAtSeq").asText() + ": " + v.path("problem").asText()));
            return ExitCodes.VERIFY_FAILED;
        }

        private KvStore openIndex(VaultConfig config) {
            KvStore kv = null;
            io.camvault.vault.natives.NativeCache.useUnlessChosen(DaemonFiles.defaultCache(dataDir));
            try {
                kv = RocksKvStore.open(config.indexDir());
                io.camvault.vault.kv.IndexLayout.requireCurrent(kv);
                return kv;
            } catch (VaultException e) {
                if (kv != null) {
                    kv.close();
                }
                String msg = String.valueOf(e.getMessage());
                if (msg.contains("lock") || msg.contains("LOCK")) {
                    throw new UserError(ExitCodes.CONFIG, "the data directory " + dataDir
                            + " is in use (is a camvault daemon running on it?); verify a copy or stop it", e);
                }
                throw new UserError(ExitCodes.CONFIG, msg, e);
            }
        }

        private static List<Checkpoint> readCheckpoints(Path file) {
            if (!Files.exists(file)) {
                throw new UserError(ExitCodes.CONFIG, "checkpoints file " + file + " not found");
            }
            try {
                return AuditCheckpoints.readLog(file);
            } catch (IOException | IllegalArgumentException e) {
                throw new UserError(ExitCodes.VERIFY_FAILED, "checkpoints file " + file + " is unreadable: "
                        + e.getMessage(), e);
            }
        }

        private static PublicKey readKey(Path file) {
            try {
                return NodeKey.readPublic(file);
            } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
                throw new UserError(ExitCodes.CONFIG, "cannot read public key " + file + ": " + e.getMessage(), e);
            }
        }
    }
}
