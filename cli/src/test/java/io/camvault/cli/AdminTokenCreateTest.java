package io.camvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.camvault.vault.Vault;
import io.camvault.vault.VaultConfig;
import io.camvault.vault.model.Role;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenCreateTest {
    @TempDir
    Path data;

    private record Result(int code, String out, String err) {
        String lastLine() {
            String[] lines = out.strip().split("\\R");
            return lines[lines.length - 1];
        }
    }

    private Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CamvaultMain.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void printsAWorkingTokenAsTheLastLineAndStoresOnlyItsHash() {
        Result r = run("admin", "token", "create", "--init", "--data", data.toString(), "--role", "dock", "--name", "hall-1-dock");
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        String token = r.lastLine();
        assertThat(token).startsWith("cv_");
        try (Vault vault = Vault.open(VaultConfig.defaults(data), Clock.systemUTC())) {
            var principal = vault.principals().authenticate(token).orElseThrow();
            assertThat(principal.name()).isEqualTo("hall-1-dock");
            assertThat(principal.has(Role.DOCK)).isTrue();
            assertThat(principal.has(Role.ADMIN)).isFalse();
            assertThat(vault.audit().verify().intact()).isTrue();
        }
    }

    @Test
    void principalCreateRecordedTheNameButNotTheId_itsEventNamesBoth() {
        Result r = run("admin", "token", "create", "--init", "--data", data.toString(), "--role", "dock", "--name", "hall-1-dock");
        try (Vault vault = Vault.open(VaultConfig.defaults(data), Clock.systemUTC())) {
            var principal = vault.principals().authenticate(r.lastLine()).orElseThrow();
            assertThat(vault.audit().bySubject("principal:" + principal.id(), 10)).singleElement().satisfies(e -> {
                assertThat(e.action()).isEqualTo("principal.create");
                assertThat(e.actor()).isEqualTo("local-admin");
                assertThat(e.details()).containsEntry("name", "hall-1-dock").containsEntry("roles", "dock");
            });
        }
    }

    @Test
    void refusesUnknownRolesAndRecorderTokensWithoutASerial() {
        Result badRole = run("admin", "token", "create", "--init", "--data", data.toString(), "--role", "janitor", "--name", "x");
        assertThat(badRole.code()).as("a wrong role is a wrong command line, not a configuration problem")
                .isEqualTo(ExitCodes.USAGE);
        assertThat(badRole.err()).contains("--role janitor").contains("role must be one of");

        Result noSerial = run("admin", "token", "create", "--init", "--data", data.toString(), "--role", "recorder", "--name", "r");
        assertThat(noSerial.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(noSerial.err()).contains("--recorder SERIAL");

        Result ok = run("admin", "token", "create", "--init", "--data", data.toString(), "--role", "recorder", "--name", "r",
                "--recorder", "A123456");
        assertThat(ok.code()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void aMistypedDataDirectoryIsRefusedNotCreated() {
        Path typo = data.resolve("mistyped/dir");
        Result r = run("admin", "token", "create", "--data", typo.toString(), "--role", "dock", "--name", "d");
        assertThat(r.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains(typo.toString()).contains("does not exist").contains("--init");
        assertThat(typo).doesNotExist();
        assertThat(r.out()).doesNotContain("cv_");

        Result empty = run("admin", "token", "list", "--data", data.toString());
        assertThat(empty.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(empty.err()).contains("holds no camvault index");
        assertThat(data.resolve("index")).doesNotExist();
    }

    @Test
    void aDataDirectoryThatIsAFileIsNamedAsSuch() throws Exception {
        Path file = java.nio.file.Files.writeString(data.resolve("not-a-dir"), "x");
        Result r = run("admin", "token", "create", "--init", "--data", file.toString(), "--role", "dock", "--name", "d");
        assertThat(r.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains("is a file, not a directory");
    }

    @Test
    void listShowsPrincipalsButNeverTokens() {
        String token = run("admin", "token", "create", "--init", "--data", data.toString(), "--role", "clerk,supervisor",
                "--name", "desk-1").lastLine();
        Result list = run("admin", "token", "list", "--data", data.toString());
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains("desk-1").contains("clerk").contains("supervisor").doesNotContain(token);
    }
}
