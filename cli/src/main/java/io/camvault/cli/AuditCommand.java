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

        @Spec
        CommandSpec spec;

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
                List<Checkpoint> signed = checkpoints != null ? readCheckpoints(checkpoints) : AuditCheckpoints.stored(kv);
                AuditVerification v;
                String what;
                if (Files.exists(keyFile)) {
                    v = CheckpointVerifier.verify(kv, signed, readKey(keyFile));
                    what = signed.size() + " signed checkpoints";
                } else if (publicKey != null || checkpoints != null) {
                    throw new UserError(ExitCodes.CONFIG, "public key " + keyFile + " not found");
                } else {
                    v = new AuditVerifier(kv).verify();
                    what = "no public key at " + keyFile + ", checkpoints not checked";
                }
                if (v.intact()) {
                    out.println("audit log intact: " + v.eventsChecked() + " events, " + what);
                    return ExitCodes.OK;
                }
                err.println(SafeText.terminal("audit log broken at event " + v.brokenAtSeq() + ": " + v.problem()));
                return ExitCodes.VERIFY_FAILED;
            }
        }

        private int online() {
            if (publicKey != null || checkpoints != null) {
                throw new UserError(ExitCodes.USAGE, "--public-key and --checkpoints need --data DIR (offline check)");
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
