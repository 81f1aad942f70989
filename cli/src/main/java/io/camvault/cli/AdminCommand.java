package io.camvault.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.camvault.cli.clerk.ApiClient;
import io.camvault.cli.clerk.ClientOptions;
import io.camvault.cli.clerk.Table;
import io.camvault.vault.Vault;
import io.camvault.vault.VaultConfig;
import io.camvault.vault.auth.IssuedToken;
import io.camvault.vault.model.Principal;
import io.camvault.vault.model.Role;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Administration: principals and their tokens, backup and restore. The token commands work offline
 * on a data directory ({@code --data}, so a fresh install can bootstrap its first admin) or against a
 * running daemon with an admin token ({@code --server}/{@code --token}, so ingest never stops for it).
 * Offline they open the vault for administration only: the retention policy is neither checked nor
 * recorded, so they work whatever {@code serve} is configured with and never constrain its start.
 */
@Command(name = "admin", description = "Administration: tokens (offline with --data, or online), backup and restore.",
        subcommands = {AdminCommand.Token.class, BackupCommands.Backup.class, BackupCommands.Restore.class})
final class AdminCommand {
    /** The actor of changes made offline, where no principal is signed in. */
    static final String LOCAL_ADMIN = "local-admin";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ssXXX");

    @Command(name = "token", description = "Manage principals and their API tokens.",
            subcommands = {AdminCommand.TokenCreate.class, AdminCommand.TokenList.class, AdminCommand.TokenRevoke.class})
    static final class Token {
    }

    /** {@code --data DIR} (offline) or the daemon's connection options (online). */
    abstract static class TokenCommand implements Callable<Integer> {
        @Option(names = "--data", paramLabel = "DIR",
                description = "Work offline on this data directory (the daemon must be stopped). "
                        + "Without it, talk to the running daemon with an admin token.")
        Path dataDir;

        @Mixin
        ClientOptions connection;

        @Spec
        CommandSpec spec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        /** Lines for a person: control and bidi characters a name may hold are shown as escapes. */
        PrintWriter lines() {
            return SafeText.lines(out());
        }

        <T> T offline(Function<Vault, T> work) {
            return offline(false, work);
        }

        /** With {@code create}, a data directory without a vault gets a new one ({@code --init}). */
        <T> T offline(boolean create, Function<Vault, T> work) {
            DataDirOptions data = new DataDirOptions();
            data.dataDir = dataDir;
            VaultConfig config = VaultConfig.defaults(dataDir);
            try (Vault vault = create ? data.openOrCreate(config, Vault.Purpose.ADMINISTRATION)
                    : data.openForAdministration(config)) {
                return work.apply(vault);
            }
        }

        /** The daemon's display zone, so times print as people read them everywhere else. */
        static ZoneId zone(ApiClient client) {
            String z = client.get("/me").path("displayZone").asText("");
            try {
                return z.isEmpty() ? ZoneId.systemDefault() : ZoneId.of(z);
            } catch (RuntimeException e) {
                return ZoneId.systemDefault();
            }
        }
    }

    /** The SHA-256 of the first certificate in a PEM (or DER) file, as the gateway fingerprints a verified one. */
    static String certificateSha256(Path file) {
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            java.security.cert.Certificate c = java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(in);
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(c.getEncoded()));
        } catch (java.io.IOException e) {
            throw new UserError(ExitCodes.USAGE, "--bind-cert " + file + ": cannot read it (" + e.getMessage() + ")", e);
        } catch (java.security.GeneralSecurityException e) {
            throw new UserError(ExitCodes.USAGE, "--bind-cert " + file + " holds no X.509 certificate", e);
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a principal and print its token (shown once; only its hash is kept).")
    static final class TokenCreate extends TokenCommand {
        @Option(names = "--role", required = true, split = ",", paramLabel = "ROLE",
                description = "One or more of: dock, recorder, clerk, supervisor, auditor, admin.")
        List<String> roles;

        @Option(names = "--name", required = true,
                description = "Who or what holds the token, e.g. hall-1-dock; unique among active principals.")
        String name;

        @Option(names = "--recorder", paramLabel = "SERIAL",
                description = "For a recorder token: the only recorder serial it may upload for (required with --role recorder).")
        String recorderSerial;

        @Option(names = "--init", description = "With --data: create a new, empty vault there if there is none yet.")
        boolean init;

        @Option(names = "--bind-cert", paramLabel = "FILE",
                description = "Bind the token to this device's client certificate (PEM): the daemon then accepts it only over mutual TLS with exactly that certificate. (--client-cert is this command's own certificate towards the daemon.)")
        Path bindCert;

        @Option(names = "--expires", paramLabel = "DURATION",
                description = "The token stops working after this long, e.g. 8h for a visiting reviewer, 30d (default: never).")
        String expires;

        @Override
        public Integer call() {
            Set<Role> parsed = EnumSet.noneOf(Role.class);
            for (String r : roles) {
                try {
                    parsed.add(Role.parse(r.trim()));
                } catch (IllegalArgumentException e) {
                    throw new UserError(ExitCodes.USAGE, "--role " + r.trim() + ": " + e.getMessage(), e);
                }
            }
            if (parsed.contains(Role.RECORDER) && (recorderSerial == null || recorderSerial.isBlank())) {
                throw new UserError(ExitCodes.USAGE, Texts.get("token.needs.serial"));
            }
            if (name.isBlank()) {
                throw new UserError(ExitCodes.USAGE, Texts.get("token.name.blank"));
            }
            Duration validFor = null;
            if (expires != null) {
                try {
                    validFor = Units.duration("--expires", expires);
                } catch (IllegalArgumentException e) {
                    throw new UserError(ExitCodes.USAGE, Texts.get("token.expires.bad", expires));
                }
                if (validFor.isZero()) {
                    throw new UserError(ExitCodes.USAGE, Texts.get("token.expires.bad", expires));
                }
            }
            Duration lifetime = validFor;
            String certSha256 = bindCert == null ? null : certificateSha256(bindCert);
            PrintWriter out = lines();
            if (init && dataDir == null) {
                throw new UserError(ExitCodes.USAGE, Texts.get("token.init.offline"));
            }
            if (dataDir != null) {
                offline(init, vault -> {
                    IssuedToken issued = vault.principalOperations().create(LOCAL_ADMIN, name, parsed, recorderSerial,
                            lifetime, certSha256, "offline");
                    Principal p = issued.principal();
                    printCreated(out, p.name(), p.id(), parsed, p.expiresAt(), vault.config().displayZone(), issued.token());
                    return null;
                });
            } else {
                ApiClient client = connection.client();
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("name", name);
                body.put("roles", parsed.stream().map(Role::wireName).toList());
                body.put("recorder", recorderSerial);
                body.put("expiresInSeconds", lifetime == null ? null : Math.max(1, lifetime.toSeconds()));
                body.put("clientCertSha256", certSha256);
                JsonNode answer = client.post("/principals", body);
                String expiresAt = answer.path("expiresAt").asText("");
                printCreated(out, answer.path("name").asText(), answer.path("id").asText(), parsed,
                        expiresAt.isEmpty() ? null : Instant.parse(expiresAt), zone(client), answer.path("token").asText());
            }
            out.flush();
            return ExitCodes.OK;
        }

        private static void printCreated(PrintWriter out, String name, String id, Set<Role> roles, Instant expiresAt,
                ZoneId zone, String token) {
            out.println(Texts.get("token.created", name, id, String.join(",", roles.stream().map(Role::wireName).toList())));
            out.println(expiresAt == null ? Texts.get("token.expires.never")
                    : Texts.get("token.expires.at", TIME.format(expiresAt.atZone(zone))));
            out.println(Texts.get("token.shown.once"));
            out.println(token);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List principals with their status (active, expired, revoked); never their tokens.")
    static final class TokenList extends TokenCommand {
        @Option(names = "--json", description = "Print the principals as JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = out();
            JsonNode items;
            ZoneId zone;
            if (dataDir != null) {
                Object[] got = offline(vault -> {
                    Instant now = vault.clock().instant();
                    List<Object> list = new ArrayList<>();
                    for (Principal p : vault.principalOperations().list()) {
                        list.add(row(p, now));
                    }
                    return new Object[] {list, vault.config().displayZone()};
                });
                items = io.camvault.vault.kv.Records.mapper().valueToTree(got[0]);
                zone = (ZoneId) got[1];
            } else {
                ApiClient client = connection.client();
                items = client.get("/principals").path("items");
                zone = json ? ZoneId.systemDefault() : zone(client);
            }
            if (json) {
                out.println(io.camvault.vault.kv.Records.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(items));
                out.flush();
                return ExitCodes.OK;
            }
            Table t = new Table(Texts.get("token.list.id"), Texts.get("token.list.name"), Texts.get("token.list.roles"),
                    Texts.get("token.list.recorder"), Texts.get("token.list.status"), Texts.get("token.list.created"),
                    Texts.get("token.list.expires"), Texts.get("token.list.cert"));
            for (JsonNode p : items) {
                List<String> roleNames = new ArrayList<>();
                p.path("roles").forEach(r -> roleNames.add(r.asText()));
                t.row(p.path("id").asText(), p.path("name").asText(), String.join(",", roleNames),
                        p.path("recorder").asText(""), Texts.get("token.status." + p.path("status").asText("active")),
                        time(p.path("createdAt").asText(""), zone), time(p.path("expiresAt").asText(""), zone),
                        shortFingerprint(p.path("clientCertSha256").asText("")));
            }
            t.print(out);
            out.flush();
            return ExitCodes.OK;
        }

        private static Map<String, Object> row(Principal p, Instant now) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", p.id());
            m.put("name", p.name());
            m.put("roles", p.roles().stream().map(Role::wireName).sorted().toList());
            m.put("recorder", p.recorderSerial());
            m.put("createdAt", p.createdAt());
            m.put("expiresAt", p.expiresAt());
            m.put("revokedAt", p.revokedAt());
            m.put("revokedBy", p.revokedBy());
            m.put("clientCertSha256", p.clientCertSha256());
            String refusal = p.refusalAt(now);
            m.put("status", refusal == null ? "active" : refusal);
            return m;
        }

        /** The first 16 hex digits of a certificate binding (enough to tell devices apart in a table). */
        private static String shortFingerprint(String sha256) {
            return sha256.length() > 16 ? sha256.substring(0, 16) + "…" : sha256;
        }

        private static String time(String iso, ZoneId zone) {
            if (iso.isEmpty()) {
                return "";
            }
            try {
                return TIME.format(Instant.parse(iso).atZone(zone));
            } catch (RuntimeException e) {
                return iso;
            }
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a principal's token at once: its next request is refused (401) and audited.")
    static final class TokenRevoke extends TokenCommand {
        @Option(names = "--name", description = "The active principal with this name.")
        String name;

        @Option(names = "--id", description = "The principal with this id (p_…), as `admin token list` shows.")
        String id;

        @Option(names = "--reason", description = "Why, kept in the audit trail (e.g. officer left the unit).")
        String reason;

        @Override
        public Integer call() {
            if ((name == null) == (id == null)) {
                throw new UserError(ExitCodes.USAGE, Texts.get("token.revoke.which"));
            }
            String target = id != null ? id : name;
            String who;
            if (dataDir != null) {
                who = offline(vault -> {
                    Instant now = vault.clock().instant();
                    // an id names only that principal; a name only the active one holding it
                    Principal p = id != null ? vault.principals().get(id).orElseThrow(() ->
                            new UserError(ExitCodes.NOT_FOUND, Texts.get("token.revoke.none", id)))
                            : vault.principals().activeNamed(name, now).orElseThrow(() ->
                                    new UserError(ExitCodes.NOT_FOUND, Texts.get("token.revoke.none", name)));
                    return vault.principalOperations().revoke(LOCAL_ADMIN, p.id(), reason, "offline").display();
                });
            } else {
                ApiClient client = connection.client();
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("reason", reason);
                JsonNode answer = client.post("/principals/" + ApiClient.seg(target) + "/revoke", body);
                who = answer.path("name").asText() + " (" + answer.path("id").asText() + ")";
            }
            lines().println(Texts.get("token.revoked", who));
            out().flush();
            return ExitCodes.OK;
        }
    }
}
