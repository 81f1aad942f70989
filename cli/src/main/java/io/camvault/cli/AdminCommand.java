package io.camvault.cli;

import io.camvault.vault.Vault;
import io.camvault.vault.VaultConfig;
import io.camvault.vault.audit.AuditEntry;
import io.camvault.vault.auth.IssuedToken;
import io.camvault.vault.model.Role;
import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Offline administration against a data directory, for bootstrapping a fresh install. */
@Command(name = "admin", description = "Administration: tokens (offline), backup and restore.",
        subcommands = {AdminCommand.Token.class, BackupCommands.Backup.class, BackupCommands.Restore.class})
final class AdminCommand {

    @Command(name = "token", description = "Manage API tokens.",
            subcommands = {AdminCommand.TokenCreate.class, AdminCommand.TokenList.class})
    static final class Token {
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a principal and print its token (shown once; only its hash is kept).")
    static final class TokenCreate implements Callable<Integer> {
        @Mixin
        DataDirOptions data;

        @Option(names = "--role", required = true, split = ",", paramLabel = "ROLE",
                description = "One or more of: dock, recorder, clerk, supervisor, auditor, admin.")
        List<String> roles;

        @Option(names = "--name", required = true, description = "Who or what holds the token, e.g. hall-1-dock.")
        String name;

        @Option(names = "--recorder", paramLabel = "SERIAL",
                description = "For a recorder token: the only recorder serial it may upload for (required with --role recorder).")
        String recorderSerial;

        @Option(names = "--init", description = "Create a new, empty vault in --data if there is none yet.")
        boolean init;

        @Spec
        CommandSpec spec;

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
                throw new UserError(ExitCodes.USAGE, "a recorder token needs --recorder SERIAL");
            }
            if (name.isBlank()) {
                throw new UserError(ExitCodes.USAGE, "--name must not be blank");
            }
            PrintWriter out = spec.commandLine().getOut();
            VaultConfig config = VaultConfig.defaults(data.dataDir);
            try (Vault vault = init ? data.openOrCreate(config) : data.open(config)) {
                IssuedToken[] issued = new IssuedToken[1];
                vault.commit(batch -> issued[0] = vault.principals()
                                .create(batch, name, parsed, recorderSerial, vault.clock().instant()),
                        List.of(AuditEntry.success("local-admin", "principal.create", "principal:" + name,
                                Map.of("roles", parsed.toString(), "via", "offline"))));
                out.println("created principal " + issued[0].principal().id() + " name=" + name + " roles="
                        + parsed.stream().map(Role::wireName).toList());
                out.println("the token is shown only now; store it safely:");
                out.println(issued[0].token());
                out.flush();
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List principals (never their tokens).")
    static final class TokenList implements Callable<Integer> {
        @Mixin
        DataDirOptions data;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Vault vault = data.open(VaultConfig.defaults(data.dataDir))) {
                vault.principals().list().forEach(p -> out.printf("%s\t%s\t%s%s%n", p.id(), p.name(),
                        p.roles().stream().map(Role::wireName).sorted().toList(), p.disabled() ? "\tdisabled" : ""));
            }
            out.flush();
            return ExitCodes.OK;
        }
    }
}
