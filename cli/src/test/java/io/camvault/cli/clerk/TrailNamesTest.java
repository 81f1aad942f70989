package io.camvault.cli.clerk;

import static org.assertj.core.api.Assertions.assertThat;

import io.camvault.cli.CamvaultMain;
import io.camvault.gateway.GatewayConfig;
import io.camvault.gateway.GatewayServer;
import io.camvault.vault.Vault;
import io.camvault.vault.VaultConfig;
import io.camvault.vault.auth.IssuedToken;
import io.camvault.vault.model.Description;
import io.camvault.vault.model.Role;
import io.camvault.vault.model.Segment;
import io.camvault.vault.model.SegmentDraft;
import io.camvault.vault.model.Trigger;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: audit trails, custody, {@code case show}, {@code export show} and bags showed principals
 * as bare {@code p_…} ids. Every one a person reads now says "name (id)". Failed before the fix.
 */
class TrailNamesTest {
    @TempDir
    Path dir;
    Vault vault;
    GatewayServer server;
    IssuedToken clerkA;
    IssuedToken clerkB;
    IssuedToken dock;

    @BeforeEach
    void start() {
        vault = Vault.open(VaultConfig.defaults(dir.resolve("data")), Clock.systemUTC());
        clerkA = issue("张伟 desk", Role.CLERK);
        clerkB = issue("desk-2", Role.CLERK);
        dock = issue("hall-1-dock", Role.DOCK);
        server = GatewayServer.start(GatewayConfig.builder().port(0).host("127.0.0.1").diskReserve(0).build(), vault);
    }

    @AfterEach
    void stop() {
        server.close();
        vault.close();
    }

    @Test
    void trailsPeopleReadShowedBareIds_theyShowNameAndId() throws Exception {
        Instant start = Instant.parse("2026-03-01T00:30:00Z");
        Segment s = vault.ingest(new ByteArrayInputStream("footage".getBytes(StandardCharsets.UTF_8)),
                new SegmentDraft(null, "a.mp4", "A123456", "012345", "110101000000", start, start.plusSeconds(60), 0,
                        "station-1", Trigger.MANUAL, dock.principal().id())).segment();
        var c = vault.createCase(clerkA.principal().id(), "2026-0042", "north gate", "110101000000", false);
        vault.linkSegment(c.id(), s.id(), new Description("arrest at the north gate", "arrest", "Zhang San",
                "north gate", "08:03"), clerkA.principal().id());
        var export = vault.requestExport(c.id(), "court", clerkA.principal().id());
        vault.approveExport(export.id(), clerkB.principal().id());
        String a = "张伟 desk (" + clerkA.principal().id() + ")";
        String b = "desk-2 (" + clerkB.principal().id() + ")";
        String d = "hall-1-dock (" + dock.principal().id() + ")";

        assertThat(as(clerkA, "audit", "show", "--subject", "segment:" + s.id())).contains(d).contains(a);
        assertThat(as(clerkA, "case", "show", "2026-0042")).contains("linked by " + a);
        assertThat(as(clerkA, "export", "show", export.id())).contains(a).contains(b);
        Path out = dir.resolve("bag");
        as(clerkA, "export", "download", export.id(), "--out", out.toString());
        assertThat(Files.readString(out.resolve("bag-info.txt"))).contains("Camvault-Requested-By: " + a)
                .contains("Camvault-Approved-By: " + b).contains("Camvault-Downloaded-By: " + a);
        assertThat(Files.readString(out.resolve("data/descriptions/" + s.id() + ".txt"))).contains("Linked by: " + a);
        assertThat(Files.readString(out.resolve("data/principals.json"))).contains(dock.principal().id())
                .contains("hall-1-dock").contains("张伟 desk").contains("desk-2");
    }

    private IssuedToken issue(String name, Role role) {
        IssuedToken[] t = new IssuedToken[1];
        vault.commit(b -> t[0] = vault.principals().create(b, name, Set.of(role), null, vault.clock().instant()), List.of());
        return t[0];
    }

    private String as(IssuedToken token, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--server", "http://127.0.0.1:" + server.port(), "--token", token.token()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CamvaultMain.run(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
        assertThat(code).as(String.join(" ", args) + ": " + err).isZero();
        return out.toString();
    }
}
