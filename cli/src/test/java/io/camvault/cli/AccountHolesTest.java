package io.camvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.camvault.gateway.GatewayConfig;
import io.camvault.gateway.GatewayServer;
import io.camvault.vault.Vault;
import io.camvault.vault.VaultConfig;
import io.camvault.vault.audit.AuditEvent;
import io.camvault.vault.audit.Outcome;
import io.camvault.vault.retention.RetentionPolicy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, "Accounts and tokens": each test is named after a hole the review found and failed on the
 * code before the fix (no revoke command, no expiry, offline-only management, admin commands bound to
 * the default retention policy, shared names).
 */
class AccountHolesTest {
    private static final Pattern CREATED = Pattern.compile("\\((p_[0-9a-f]{12})\\)");

    @TempDir
    Path dir;
    final HttpClient http = HttpClient.newHttpClient();

    record Run(int code, String out, String err) {
        String token() {
            String[] lines = out.strip().split("\\R");
            return lines[lines.length - 1];
        }

        String principalId() {
            Matcher m = CREATED.matcher(out);
            assertThat(m.find()).as(out).isTrue();
            return m.group(1);
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CamvaultMain.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    Path data() {
        return dir.resolve("data");
    }

    Run offline(String... args) {
        List<String> all = new ArrayList<>(List.of("admin", "token"));
        all.addAll(List.of(args));
        all.add("--data");
        all.add(data().toString());
        if (args[0].equals("create")) {
            all.add("--init"); // the first creation makes the vault; later ones open it
        }
        return run(all.toArray(String[]::new));
    }

    Run online(GatewayServer server, String token, String... args) {
        List<String> all = new ArrayList<>(List.of("admin", "token"));
        all.addAll(List.of(args));
        all.addAll(List.of("--server", "http://127.0.0.1:" + server.port(), "--token", token));
        return run(all.toArray(String[]::new));
    }

    int me(GatewayServer server, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/me"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    static GatewayServer serve(Vault vault) {
        return GatewayServer.start(GatewayConfig.builder().port(0).host("127.0.0.1").diskReserve(0).build(), vault);
    }

    static AuditEvent only(Vault vault, String subject, String action) {
        List<AuditEvent> found = vault.audit().bySubject(subject, 100).stream().filter(e -> e.action().equals(action)).toList();
        assertThat(found).as(action + " on " + subject).hasSize(1);
        return found.get(0);
    }

    @Test
    void tokenCannotBeRevoked_revokedTokenIsRefusedAtOnceAndAudited() throws Exception {
        Run admin = offline("create", "--role", "admin", "--name", "admin-1");
        Run clerk = offline("create", "--role", "clerk", "--name", "desk-1");
        assertThat(clerk.code()).as(clerk.err()).isZero();
        try (Vault vault = Vault.open(VaultConfig.defaults(data()), Clock.systemUTC())) {
            GatewayServer server = serve(vault);
            try {
                assertThat(me(server, clerk.token())).isEqualTo(200);
                Run revoke = online(server, admin.token(), "revoke", "--name", "desk-1", "--reason", "left the unit");
                assertThat(revoke.code()).as(revoke.err()).isZero();
                assertThat(revoke.out()).contains("desk-1 (" + clerk.principalId() + ")");
                assertThat(me(server, clerk.token())).as("the very next request").isEqualTo(401);

                AuditEvent revoked = only(vault, "principal:" + clerk.principalId(), "principal.revoke");
                assertThat(revoked.actor()).isEqualTo(admin.principalId());
                assertThat(revoked.details()).containsEntry("name", "desk-1").containsEntry("reason", "left the unit");
                List<AuditEvent> denied = vault.audit().bySubject("me", 100).stream()
                        .filter(e -> e.outcome() == Outcome.DENIED).toList();
                assertThat(denied).as("the refused use names the revoked principal").singleElement()
                        .satisfies(e -> {
                            assertThat(e.actor()).isEqualTo(clerk.principalId());
                            assertThat(e.details()).containsEntry("reason", "token revoked").containsEntry("name", "desk-1");
                        });
            } finally {
                server.close();
            }
        }
        // offline too, by id; a second revocation is refused
        Run other = offline("create", "--role", "dock", "--name", "dock-9");
        assertThat(offline("revoke", "--id", other.principalId()).code()).isZero();
        assertThat(offline("revoke", "--id", other.principalId()).code()).isNotZero();
        assertThat(offline("list").out()).contains("dock-9").contains("revoked");
    }

    @Test
    void tokensNeverExpire_expiredTokenIsRefused() throws Exception {
        Run reviewer = offline("create", "--role", "supervisor", "--name", "visiting-reviewer", "--expires", "8h");
        assertThat(reviewer.code()).as(reviewer.err()).isZero();
        assertThat(reviewer.out()).contains("expires");
        try (Vault vault = Vault.open(VaultConfig.defaults(data()), Clock.offset(Clock.systemUTC(), Duration.ofHours(7)))) {
            GatewayServer server = serve(vault);
            try {
                assertThat(me(server, reviewer.token())).as("within its 8 hours").isEqualTo(200);
            } finally {
                server.close();
            }
        }
        try (Vault vault = Vault.open(VaultConfig.defaults(data()), Clock.offset(Clock.systemUTC(), Duration.ofHours(9)))) {
            GatewayServer server = serve(vault);
            try {
                assertThat(me(server, reviewer.token())).as("after its 8 hours").isEqualTo(401);
                assertThat(vault.audit().bySubject("me", 100)).anySatisfy(e -> {
                    assertThat(e.outcome()).isEqualTo(Outcome.DENIED);
                    assertThat(e.actor()).isEqualTo(reviewer.principalId());
                    assertThat(e.details()).containsEntry("reason", "token expired");
                });
            } finally {
                server.close();
            }
        }
    }

    @Test
    void principalsOnlyManagedWithTheDaemonStopped_adminManagesThemOnline() throws Exception {
        Run admin = offline("create", "--role", "admin", "--name", "admin-1");
        Run clerk = offline("create", "--role", "clerk", "--name", "desk-1");
        try (Vault vault = Vault.open(VaultConfig.defaults(data()), Clock.systemUTC())) {
            GatewayServer server = serve(vault);
            try {
                Run created = online(server, admin.token(), "create", "--role", "dock", "--name", "hall-2-dock",
                        "--expires", "30d");
                assertThat(created.code()).as(created.err()).isZero();
                assertThat(me(server, created.token())).isEqualTo(200);
                AuditEvent event = only(vault, "principal:" + created.principalId(), "principal.create");
                assertThat(event.actor()).isEqualTo(admin.principalId());
                assertThat(event.details()).containsEntry("name", "hall-2-dock").containsEntry("via", "api")
                        .containsKey("expires");

                Run list = online(server, admin.token(), "list");
                assertThat(list.code()).as(list.err()).isZero();
                assertThat(list.out()).contains("hall-2-dock").contains("desk-1").contains("admin-1")
                        .doesNotContain(created.token()).doesNotContain(admin.token());

                assertThat(online(server, admin.token(), "revoke", "--id", created.principalId()).code()).isZero();
                assertThat(me(server, created.token())).isEqualTo(401);

                Run notAdmin = online(server, clerk.token(), "create", "--role", "admin", "--name", "sneaky");
                assertThat(notAdmin.code()).isEqualTo(ExitCodes.DENIED);
                assertThat(online(server, clerk.token(), "list").code()).isEqualTo(ExitCodes.DENIED);
                assertThat(online(server, clerk.token(), "revoke", "--name", "admin-1").code()).isEqualTo(ExitCodes.DENIED);
                assertThat(me(server, admin.token())).isEqualTo(200);
            } finally {
                server.close();
            }
        }
    }

    @Test
    void adminCommandsFailOnceRoutineRetentionWasExtended() {
        // the daemon ran with a longer routine period than the default
        try (Vault vault = Vault.open(new VaultConfig(data(), Duration.ofDays(400)), Clock.systemUTC())) {
            assertThat(vault.config().retention().routine()).isEqualTo(Duration.ofDays(400));
        }
        Run create = offline("create", "--role", "admin", "--name", "admin-1");
        assertThat(create.code()).as(create.err()).isZero();
        assertThat(offline("list").code()).isZero();
        assertThat(offline("revoke", "--name", "admin-1").code()).isZero();
        try (Vault vault = Vault.open(new VaultConfig(data(), Duration.ofDays(400)), Clock.systemUTC())) {
            assertThat(vault.audit().verify().intact()).isTrue();
        }
    }

    @Test
    void daemonWithShorterPendingDeletionRefusesToStartAfterATokenWasCreated() {
        assertThat(offline("create", "--role", "admin", "--name", "admin-1").code()).isZero();
        VaultConfig configured = VaultConfig.defaults(data())
                .withRetention(RetentionPolicy.defaults().withPendingDeletion(Duration.ofDays(1)));
        try (Vault vault = Vault.open(configured, Clock.systemUTC())) {
            assertThat(vault.config().retention().pendingDeletion()).isEqualTo(Duration.ofDays(1));
        }
    }

    @Test
    void twoPrincipalsShareAName_namesAreUniqueAmongActivePrincipals() {
        Run first = offline("create", "--role", "clerk", "--name", "desk-1");
        assertThat(first.code()).isZero();
        Run second = offline("create", "--role", "admin", "--name", "Desk-1 ");
        assertThat(second.code()).as("a second active desk-1").isNotZero();
        assertThat(second.err()).contains("desk-1 (" + first.principalId() + ")");
        assertThat(offline("revoke", "--name", "desk-1").code()).isZero();
        Run again = offline("create", "--role", "clerk", "--name", "desk-1");
        assertThat(again.code()).as("the name is free once its holder is revoked").isZero();
        assertThat(again.principalId()).isNotEqualTo(first.principalId());
    }
}
