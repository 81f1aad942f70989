package io.camvault.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camvault.gateway.protocol.UploadMetadata;
import io.camvault.gateway.tus.TusServerTest;
import io.camvault.vault.Vault;
import io.camvault.vault.VaultConfig;
import io.camvault.vault.audit.AuditEvent;
import io.camvault.vault.audit.Outcome;
import io.camvault.vault.auth.IssuedToken;
import io.camvault.vault.model.Description;
import io.camvault.vault.model.Principal;
import io.camvault.vault.model.Role;
import io.camvault.vault.model.SegmentId;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, "Records must name the real actor, readably": tests named after the holes; each failed
 * on the code before the fix.
 */
class AttributionHolesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Vault vault;
    GatewayServer server;
    final HttpClient http = HttpClient.newHttpClient();
    Principal dock;
    String dockToken;
    Principal admin;
    String adminToken;
    Principal clerk;
    String clerkToken;

    @BeforeEach
    void open() {
        vault = Vault.open(VaultConfig.defaults(dir.resolve("data")), Clock.systemUTC());
        IssuedToken d = issue("hall-1-dock", Role.DOCK);
        dock = d.principal();
        dockToken = d.token();
        IssuedToken a = issue("admin-1", Role.ADMIN);
        admin = a.principal();
        adminToken = a.token();
        IssuedToken c = issue("张伟 desk", Role.CLERK);
        clerk = c.principal();
        clerkToken = c.token();
        server = GatewayServer.start(GatewayConfig.builder().port(0).host("127.0.0.1").diskReserve(0).build(), vault);
    }

    @AfterEach
    void close() {
        server.close();
        vault.close();
    }

    @Test
    void adminCouldPatchBytesIntoADocksUpload_onlyTheCreatorWritesAndTheCommitNamesEveryWriter() throws Exception {
        String upload = create(dockToken, 10);
        assertThat(patch(upload, dockToken, 0, new byte[] {1, 2, 3, 4, 5}).statusCode()).isEqualTo(204);
        HttpResponse<String> intruder = patch(upload, adminToken, 5, new byte[] {6, 6, 6, 6, 6});
        assertThat(intruder.statusCode()).as("an admin writing into a dock's upload").isEqualTo(403);
        assertThat(vault.audit().bySubject("upload:" + id(upload), 100)).anySatisfy(e -> {
            assertThat(e.outcome()).isEqualTo(Outcome.DENIED);
            assertThat(e.actor()).isEqualTo(admin.id());
            assertThat(e.action()).isEqualTo("upload.patch");
        });
        HttpResponse<String> rest = patch(upload, dockToken, 5, new byte[] {6, 7, 8, 9, 10});
        assertThat(rest.statusCode()).as(rest.body()).isEqualTo(204);
        String segment = rest.headers().firstValue("Camvault-Segment").orElseThrow();
        AuditEvent commit = vault.audit().bySubject("segment:" + segment, 100).stream()
                .filter(e -> e.action().equals("segment.commit")).findFirst().orElseThrow();
        assertThat(commit.actor()).isEqualTo(dock.id());
        assertThat(commit.details()).containsEntry("writers", dock.id());
        assertThat(vault.segments().get(SegmentId.parse(segment)).orElseThrow().size()).isEqualTo(10);
    }

    @Test
    void trailsShowedBareIds_everyAnswerATrailIsReadFromNamesItsPrincipals() throws Exception {
        String upload = create(dockToken, 3);
        String segment = patch(upload, dockToken, 0, new byte[] {1, 2, 3}).headers()
                .firstValue("Camvault-Segment").orElseThrow();
        var c = vault.createCase(clerk.id(), "2026-0042", "north gate", "110101000000", false);
        vault.linkSegment(c.id(), SegmentId.parse(segment), new Description("arrest at the north gate", "arrest",
                "Zhang San", "north gate", "08:03"), clerk.id());
        var export = vault.requestExport(c.id(), "court", clerk.id());

        JsonNode audit = get("/api/v1/audit?subject=segment:" + segment, clerkToken);
        assertThat(audit.path("names").path(dock.id()).asText()).isEqualTo("hall-1-dock");
        assertThat(audit.path("names").path(clerk.id()).asText()).isEqualTo("张伟 desk");
        JsonNode detail = get("/api/v1/segments/" + segment, clerkToken);
        assertThat(detail.path("custody").size()).isPositive();
        assertThat(detail.path("names").path(dock.id()).asText()).isEqualTo("hall-1-dock");
        JsonNode caseAnswer = get("/api/v1/cases/2026-0042", clerkToken);
        assertThat(caseAnswer.path("names").path(clerk.id()).asText()).isEqualTo("张伟 desk");
        JsonNode exportAnswer = get("/api/v1/exports/" + export.id(), adminToken);
        assertThat(exportAnswer.path("names").path(clerk.id()).asText()).isEqualTo("张伟 desk");
        assertThat(exportAnswer.path("requestedBy").asText()).as("the record keeps the id").isEqualTo(clerk.id());
    }

    private IssuedToken issue(String name, Role role) {
        IssuedToken[] issued = new IssuedToken[1];
        vault.commit(b -> issued[0] = vault.principals().create(b, name, Set.of(role), null, vault.clock().instant()),
                List.of());
        return issued[0];
    }

    private static String id(String location) {
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private String create(String token, int length) throws Exception {
        Map<String, String> md = new LinkedHashMap<>(TusServerTest.metadata(null));
        HttpResponse<String> r = send(tus("/files/", token).header("Upload-Length", Integer.toString(length))
                .header("Upload-Metadata", UploadMetadata.render(md)).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return URI.create(r.headers().firstValue("Location").orElseThrow()).getPath();
    }

    private HttpResponse<String> patch(String upload, String token, long offset, byte[] bytes) throws Exception {
        return send(tus(upload, token).header("Upload-Offset", Long.toString(offset))
                .header("Content-Type", "application/offset+octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    private JsonNode get(String path, String token) throws Exception {
        HttpResponse<String> r = send(api(path, token).GET());
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private HttpRequest.Builder tus(String path, String token) {
        return api(path, token).header("Tus-Resumable", "1.0.0");
    }

    private HttpRequest.Builder api(String path, String token) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
