package io.camvault.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camvault.gateway.protocol.UploadMetadata;
import io.camvault.gateway.tus.TusServerTest;
import io.camvault.vault.Vault;
import io.camvault.vault.VaultConfig;
import io.camvault.vault.audit.Outcome;
import io.camvault.vault.auth.IssuedToken;
import io.camvault.vault.model.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every role, and no token at all, against every action of the HTTP interface, over a real vault.
 * An allowed call is never answered 401 or 403; a refused one is answered 403 (401 without a
 * token), and every refusal is in the audit chain as a denied event. Nobody may alter an
 * original: any method that would is 405 for every role, and audited too.
 *
 * <p>The table below is the access policy the README states, written out once; a route that
 * drifts from it fails here.
 */
class AccessMatrixTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<Role> UPLOADERS = EnumSet.of(Role.DOCK, Role.RECORDER, Role.ADMIN);
    private static final Set<Role> READERS = EnumSet.of(Role.CLERK, Role.SUPERVISOR, Role.AUDITOR, Role.ADMIN);
    private static final Set<Role> CUSTODIANS = EnumSet.of(Role.CLERK, Role.SUPERVISOR, Role.ADMIN);
    /** Marks a row nobody may perform: every authenticated caller gets this status instead of 403. */
    private static final int NOBODY = 405;

    @TempDir
    java.nio.file.Path dir;
    Vault vault;
    GatewayServer server;
    final HttpClient http = HttpClient.newHttpClient();
    final Map<Role, String> tokens = new LinkedHashMap<>();
    final AtomicInteger serial = new AtomicInteger();
    /** Tokens that once were an admin's: one revoked, one expired. Every action answers them 401. */
    final Map<String, String> deadTokens = new LinkedHashMap<>();
    String segmentId;
    String caseNumber;
    String exportId;
    String otherClerk;

    @BeforeEach
    void open() throws Exception {
        vault = Vault.open(VaultConfig.defaults(dir.resolve("data")), Clock.systemUTC());
        for (Role role : Role.values()) {
            tokens.put(role, issue(role.wireName() + "-1", role, role == Role.RECORDER ? "A1" : null));
        }
        String otherClerk = issue("clerk-2", Role.CLERK, null);
        String revoked = issue("admin-revoked", Role.ADMIN, null);
        vault.principalOperations().revoke("local-admin", "admin-revoked", "test", "offline");
        deadTokens.put("revoked admin", revoked);
        IssuedToken[] expired = new IssuedToken[1];
        java.time.Instant now = vault.clock().instant();
        vault.commit(b -> expired[0] = vault.principals().create(b, "admin-expired", Set.of(Role.ADMIN), null,
                now.minusSeconds(7200), now.minusSeconds(3600)), List.of());
        deadTokens.put("expired admin", expired[0].token());
        server = GatewayServer.start(GatewayConfig.builder().port(0).host("127.0.0.1").diskReserve(0).build(), vault);

        String upload = create(tokens.get(Role.DOCK), "A1");
        HttpResponse<String> done = send(tus(upload, tokens.get(Role.DOCK)).header("Upload-Offset", "0")
                .header("Content-Type", "application/offset+octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3, 4, 5})));
        segmentId = done.headers().firstValue("Camvault-Segment").orElseThrow();
        caseNumber = "2025-0001";
        assertThat(send(api("/api/v1/cases", otherClerk).POST(body(Map.of("number", caseNumber, "title", "t",
                "unit", "110101000000")))).statusCode()).isEqualTo(201);
        this.otherClerk = otherClerk;
        HttpResponse<String> link = send(api("/api/v1/cases/" + caseNumber + "/links", otherClerk).POST(body(Map.of(
                "segments", List.of(segmentId), "description", Map.of("text", "arrest at the north gate", "what", "arrest",
                        "who", "Zhang San", "where", "north gate", "when", "2025-03-01 08:03")))));
        assertThat(link.statusCode()).as(link.body()).isEqualTo(200);
        // requested by the clerk row's own token and approved by another clerk: the requester downloads it
        exportId = requestExport(tokens.get(Role.CLERK));
        assertThat(send(api("/api/v1/exports/" + exportId + "/approve", otherClerk)
                .POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(200);
    }

    private String requestExport(String token) throws Exception {
        HttpResponse<String> export = send(api("/api/v1/exports", token)
                .POST(body(Map.of("case", caseNumber, "reason", "procuratorate request"))));
        assertThat(export.statusCode()).as(export.body()).isEqualTo(201);
        return JSON.readTree(export.body()).path("id").asText();
    }

    /** A new export requested by another clerk, so each approval row decides one nobody else touched. */
    private String freshExport() {
        try {
            return requestExport(otherClerk);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aRejectedExportCanNeverBeApprovedOrDownloaded() throws Exception {
        String requester = tokens.get(Role.CLERK);
        String id = requestExport(requester);
        HttpResponse<String> self = send(api("/api/v1/exports/" + id + "/reject", requester)
                .POST(body(Map.of("reason", "changed my mind"))));
        assertThat(self.statusCode()).isEqualTo(403);
        assertThat(self.body()).contains("self_approval");
        HttpResponse<String> noReason = send(api("/api/v1/exports/" + id + "/reject", otherClerk).POST(body(Map.of())));
        assertThat(noReason.statusCode()).as(noReason.body()).isEqualTo(400);
        HttpResponse<String> rejected = send(api("/api/v1/exports/" + id + "/reject", otherClerk)
                .POST(body(Map.of("reason", "the request names the wrong court"))));
        assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);
        assertThat(JSON.readTree(rejected.body()).path("status").asText()).isEqualToIgnoringCase("rejected");
        assertThat(send(api("/api/v1/exports/" + id + "/approve", otherClerk).POST(HttpRequest.BodyPublishers.noBody()))
                .statusCode()).isEqualTo(409);
        assertThat(send(api("/api/v1/exports/" + id + "/bag", requester).GET()).statusCode()).isEqualTo(403);
        assertThat(vault.audit().bySubject("export:" + id, 20)).extracting(e -> e.action() + " " + e.outcome())
                .contains("export.reject SUCCESS", "export.reject DENIED");
    }

    @AfterEach
    void close() {
        server.close();
        vault.close();
    }

    /** One action: its name, who may do it, and the request a caller with {@code token} sends. */
    record Action(String name, Set<Role> allowed, Function<String, HttpRequest.Builder> request) {
    }

    List<Action> actions() {
        List<Action> a = new ArrayList<>();
        a.add(new Action("tus create (own serial)", UPLOADERS, t -> creation(t, "A1")));
        a.add(new Action("tus create (another serial)", EnumSet.of(Role.DOCK, Role.ADMIN), t -> creation(t, "B2")));
        a.add(new Action("tus HEAD of a dock's upload", EnumSet.of(Role.DOCK, Role.ADMIN),
                t -> tus(freshUpload(), t).method("HEAD", HttpRequest.BodyPublishers.noBody())));
        a.add(new Action("tus PATCH of a dock's upload (only its creator writes bytes)", EnumSet.of(Role.DOCK),
                t -> tus(freshUpload(), t).header("Upload-Offset", "0")
                        .header("Content-Type", "application/offset+octet-stream")
                        .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(new byte[] {9}))));
        a.add(new Action("tus DELETE of a dock's upload", EnumSet.of(Role.DOCK, Role.ADMIN),
                t -> tus(freshUpload(), t).DELETE()));
        a.add(new Action("search segments", READERS, t -> api("/api/v1/segments?officer=000001", t).GET()));
        a.add(new Action("officers by name", READERS, t -> api("/api/v1/officers?name=x", t).GET()));
        a.add(new Action("who am I", EnumSet.allOf(Role.class), t -> api("/api/v1/me", t).GET()));
        a.add(new Action("segment detail", union(READERS, Role.DOCK), t -> api("/api/v1/segments/" + segmentId, t).GET()));
        a.add(new Action("original", READERS, t -> api("/api/v1/segments/" + segmentId + "/original", t).GET()));
        a.add(new Action("stream", READERS, t -> api("/api/v1/segments/" + segmentId + "/stream", t).GET()));
        a.add(new Action("thumbnail", READERS, t -> api("/api/v1/segments/" + segmentId + "/thumbnail", t).GET()));
        a.add(new Action("overwrite an original", EnumSet.noneOf(Role.class),
                t -> api("/api/v1/segments/" + segmentId + "/original", t)
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[] {0}))));
        a.add(new Action("delete an original", EnumSet.noneOf(Role.class),
                t -> api("/api/v1/segments/" + segmentId + "/original", t).DELETE()));
        a.add(new Action("create a case", CUSTODIANS, t -> api("/api/v1/cases", t).POST(body(Map.of(
                "number", "2025-" + (1000 + serial.incrementAndGet()), "title", "t", "unit", "110101000000")))));
        a.add(new Action("read a case", READERS, t -> api("/api/v1/cases/" + caseNumber, t).GET()));
        a.add(new Action("hold a case", CUSTODIANS, t -> api("/api/v1/cases/" + caseNumber + "/holds", t)
                .POST(body(Map.of("reason", "appeal")))));
        a.add(new Action("link footage with a description", CUSTODIANS, t -> api("/api/v1/cases/" + caseNumber
                + "/links", t).POST(body(Map.of("segments", List.of(segmentId), "description", Map.of(
                        "text", "arrest at the north gate", "what", "arrest", "who", "Zhang San",
                        "where", "north gate", "when", "2025-03-01 08:03"))))));
        a.add(new Action("request an export", CUSTODIANS, t -> api("/api/v1/exports", t)
                .POST(body(Map.of("case", caseNumber, "reason", "court")))));
        a.add(new Action("approve an export", CUSTODIANS, t -> api("/api/v1/exports/" + freshExport() + "/approve", t)
                .POST(HttpRequest.BodyPublishers.noBody())));
        a.add(new Action("reject an export", CUSTODIANS, t -> api("/api/v1/exports/" + freshExport() + "/reject", t)
                .POST(body(Map.of("reason", "not this court's request")))));
        a.add(new Action("read an export", CUSTODIANS, t -> api("/api/v1/exports/" + exportId, t).GET()));
        a.add(new Action("download an export (its requester only)", EnumSet.of(Role.CLERK), t -> api("/api/v1/exports/" + exportId + "/bag", t).GET()));
        a.add(new Action("read the audit trail", READERS, t -> api("/api/v1/audit?subject=segment:" + segmentId, t).GET()));
        a.add(new Action("verify the audit chain", READERS, t -> api("/api/v1/audit/verify", t).GET()));
        a.add(new Action("yearly statistics", READERS, t -> api("/api/v1/stats?year=2025", t).GET()));
        a.add(new Action("list principals", EnumSet.of(Role.ADMIN), t -> api("/api/v1/principals", t).GET()));
        a.add(new Action("create a principal", EnumSet.of(Role.ADMIN), t -> api("/api/v1/principals", t)
                .POST(body(Map.of("name", "desk-" + serial.incrementAndGet(), "roles", List.of("clerk"))))));
        a.add(new Action("revoke a principal", EnumSet.of(Role.ADMIN), t -> api("/api/v1/principals/"
                + freshPrincipal() + "/revoke", t).POST(body(Map.of("reason", "left")))));
        a.add(new Action("back up the vault", EnumSet.of(Role.ADMIN), t -> api("/api/v1/admin/backup", t)
                .POST(body(Map.of("to", dir.resolve("backup-" + serial.incrementAndGet()).toString())))));
        return a;
    }

    @Test
    void everyRoleAgainstEveryAction() throws Exception {
        List<String> wrong = new ArrayList<>();
        int refusals = 0;
        long deniedBefore = deniedEvents();
        for (Action action : actions()) {
            for (Role role : Role.values()) {
                HttpResponse<String> r = send(action.request().apply(tokens.get(role)));
                int status = r.statusCode();
                boolean allowed = action.allowed().contains(role);
                if (allowed && (status == 401 || status == 403)) {
                    wrong.add(action.name() + " / " + role.wireName() + ": allowed, answered " + status + " " + brief(r));
                } else if (!allowed) {
                    int expected = action.allowed().isEmpty() ? NOBODY : 403;
                    if (status != expected) {
                        wrong.add(action.name() + " / " + role.wireName() + ": expected " + expected + ", answered "
                                + status + " " + brief(r));
                    }
                    refusals++;
                }
            }
            for (Map.Entry<String, String> dead : deadTokens.entrySet()) {
                HttpResponse<String> r = send(action.request().apply(dead.getValue()));
                if (r.statusCode() != 401) {
                    wrong.add(action.name() + " / " + dead.getKey() + ": expected 401, answered " + r.statusCode());
                }
                refusals++;
            }
            HttpResponse<String> anonymous = send(action.request().apply(null));
            if (anonymous.statusCode() != 401) {
                wrong.add(action.name() + " / no token: expected 401, answered " + anonymous.statusCode());
            }
            refusals++;
        }
        assertThat(wrong).as("the access policy, row by row").isEmpty();
        server.close(); // records the summary of repeated unauthenticated refusals
        assertThat(deniedEvents() - deniedBefore).as("every refusal is audited as denied").isEqualTo(refusals);
    }

    private long deniedEvents() {
        AtomicLong n = new AtomicLong();
        vault.audit().forEach(1, e -> {
            if (e.outcome() == Outcome.DENIED && e.action().equals("auth.denied_repeated")) {
                n.addAndGet(Long.parseLong(e.details().get("count"))); // refusals aggregated per source and minute
            } else if (e.outcome() == Outcome.DENIED) {
                n.incrementAndGet();
            }
            return true;
        });
        return n.get();
    }

    private String issue(String name, Role role, String recorderSerial) {
        IssuedToken[] issued = new IssuedToken[1];
        vault.commit(b -> issued[0] = vault.principals().create(b, name, Set.of(role), recorderSerial,
                vault.clock().instant()), List.of());
        return issued[0].token();
    }

    /** A new principal's id, so each revocation row acts on one nobody else touched. */
    private String freshPrincipal() {
        String name = "victim-" + serial.incrementAndGet();
        issue(name, Role.CLERK, null);
        return vault.principals().activeNamed(name, vault.clock().instant()).orElseThrow().id();
    }

    /** A new unfinished upload of the dock, so each row acts on one nobody else touched. */
    private String freshUpload() {
        try {
            return create(tokens.get(Role.DOCK), "A1");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String create(String token, String recorder) throws Exception {
        HttpResponse<String> r = send(creation(token, recorder));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return r.headers().firstValue("Location").orElseThrow();
    }

    private HttpRequest.Builder creation(String token, String recorder) {
        Map<String, String> md = new LinkedHashMap<>(TusServerTest.metadata(null));
        md.put("recorder", recorder);
        return tus("/files/", token).header("Upload-Length", "5").header("Upload-Metadata", UploadMetadata.render(md))
                .POST(HttpRequest.BodyPublishers.noBody());
    }

    private HttpRequest.Builder tus(String path, String token) {
        return api(path, token).header("Tus-Resumable", "1.0.0");
    }

    private HttpRequest.Builder api(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    private static HttpRequest.BodyPublisher body(Object value) {
        try {
            return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(value));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String brief(HttpResponse<String> r) {
        String body = r.body() == null ? "" : r.body();
        return body.length() <= 120 ? body : body.substring(0, 120) + "...";
    }

    private static Set<Role> union(Set<Role> roles, Role more) {
        Set<Role> all = EnumSet.copyOf(roles);
        all.add(more);
        return all;
    }
}
