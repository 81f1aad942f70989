package io.camvault.cli.clerk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camvault.cli.CamvaultMain;
import io.camvault.cli.ExitCodes;
import io.camvault.gateway.GatewayConfig;
import io.camvault.gateway.GatewayServer;
import io.camvault.vault.Vault;
import io.camvault.vault.VaultConfig;
import io.camvault.vault.audit.Outcome;
import io.camvault.vault.auth.IssuedToken;
import io.camvault.vault.model.Role;
import io.tus.java.client.TusClient;
import io.tus.java.client.TusURLMemoryStore;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6, end to end: a real vault and gateway in-process, footage uploaded with the tus client
 * (one upload interrupted and resumed), then the clerk's command line against the daemon: link two
 * segments with descriptions, export requested by one clerk and approved by another, the bag
 * downloaded and verified (by verify-bag and by sha256sum -c), tampering named.
 */
class ClerkEndToEndIT {
    @TempDir
    Path dir;
    Vault vault;
    GatewayServer server;
    String dock;
    String clerkA;
    String clerkB;
    String auditor;

    record Run(int code, String out, String err) {
    }

    @BeforeEach
    void start() {
        vault = Vault.open(VaultConfig.defaults(dir.resolve("data")), Clock.systemUTC());
        dock = token("dock-7", Role.DOCK);
        clerkA = token("clerk-a", Role.CLERK);
        clerkB = token("clerk-b", Role.CLERK);
        auditor = token("auditor-1", Role.AUDITOR);
        server = GatewayServer.start(GatewayConfig.builder().port(0).host("127.0.0.1").diskReserve(0).build(), vault);
    }

    @AfterEach
    void stop() {
        server.close();
        vault.close();
    }

    String token(String name, Role role) {
        IssuedToken[] t = new IssuedToken[1];
        vault.commit(b -> t[0] = vault.principals().create(b, name, Set.of(role), null, vault.clock().instant()), List.of());
        return t[0].token();
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    Run as(String token, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        // connection options belong to the leaf command: append them
        all.add("--server");
        all.add(url());
        all.add("--token");
        all.add(token);
        return run(all.toArray(String[]::new));
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CamvaultMain.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    Path recording(String name, int size) throws Exception {
        byte[] b = new byte[size];
        new Random(name.hashCode()).nextBytes(b);
        Path p = dir.resolve("recorder").resolve(name);
        Files.createDirectories(p.getParent());
        Files.write(p, b);
        return p;
    }

    TusUploader uploader(Path file, int minute, TusURLMemoryStore urls) throws Exception {
        TusClient c = new TusClient();
        c.setUploadCreationURL(new URL(url() + "/files/"));
        c.setHeaders(Map.of("Authorization", "Bearer " + dock));
        c.enableResuming(urls);
        TusUpload u = new TusUpload(file.toFile());
        Map<String, String> m = new LinkedHashMap<>();
        m.put("filename", file.getFileName().toString());
        m.put("recorder", "A100001");
        m.put("officer", "000001");
        m.put("unit", "110101000000");
        m.put("recordedStart", String.format("2025-03-01T08:%02d:00+08:00", minute));
        m.put("recordedEnd", String.format("2025-03-01T08:%02d:00+08:00", minute + 5));
        m.put("trigger", "scheduled");
        m.put("station", "dock-7");
        m.put("sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
        u.setMetadata(m);
        u.setFingerprint(file.toString());
        return c.resumeOrCreateUpload(u);
    }

    void uploadAll() throws Exception {
        TusURLMemoryStore urls = new TusURLMemoryStore();
        // first file: interrupted after one chunk, resumed by a new client session
        Path first = recording("A100001_000001_20250301080000.mp4", 3 * 1024 * 1024 + 17);
        TusUploader up = uploader(first, 0, urls);
        up.setChunkSize(1024 * 1024);
        up.setRequestPayloadSize(1024 * 1024);
        up.uploadChunk();
        up.finish(false);
        TusUploader resumed = uploader(first, 0, urls);
        assertThat(resumed.getOffset()).isEqualTo(1024 * 1024);
        while (resumed.uploadChunk() > -1) {
            // keep going
        }
        resumed.finish();
        for (int i = 1; i <= 2; i++) {
            TusUploader u = uploader(recording("A100001_000001_2025030108" + (i * 10) + "00.mp4", 700_000 + i), i * 10, urls);
            while (u.uploadChunk() > -1) {
                // keep going
            }
            u.finish();
        }
    }

    @Test
    void clerkWorkflowFromUploadToVerifiedBag() throws Exception {
        uploadAll();

        Run search = as(clerkA, "search", "--officer", "000001", "--json");
        assertThat(search.code()).as(search.err()).isZero();
        JsonNode found = ApiClient.JSON.readTree(search.out());
        assertThat(found).hasSize(3);
        String seg1 = found.get(0).path("id").asText();
        String seg2 = found.get(1).path("id").asText();
        Run table = as(clerkA, "search", "--recorder", "A100001", "--from", "2025-03-01");
        assertThat(table.out()).contains("SEGMENT", seg1, "3 segment(s)");

        assertThat(as(clerkA, "case", "create", "--number", "2025-0001", "--title", "theft", "--unit", "110101000000").code())
                .isZero();
        Run link = as(clerkA, "case", "link", seg1, seg2, "--case", "2025-0001",
                "--description", "suspect arrested at the gate", "--who", "Zhang San", "--where", "north gate",
                "--when", "2025-03-01 08:03");
        assertThat(link.code()).as(link.err()).isZero();
        assertThat(as(clerkA, "case", "show", "2025-0001").out()).contains(seg1, seg2, "suspect arrested at the gate");
        Run inCase = as(clerkB, "search", "--case", "2025-0001", "--json");
        assertThat(ApiClient.JSON.readTree(inCase.out())).hasSize(2);

        Run request = as(clerkA, "export", "request", "--case", "2025-0001", "--reason", "procuratorate request 12");
        assertThat(request.code()).as(request.err()).isZero();
        Matcher m = Pattern.compile("export (exp-[0-9a-f-]+) requested").matcher(request.out());
        assertThat(m.find()).isTrue();
        String exportId = m.group(1);

        Run early = as(clerkA, "export", "download", exportId, "--out", dir.resolve("early").toString());
        assertThat(early.code()).isEqualTo(ExitCodes.DENIED);
        assertThat(early.err()).contains("not been approved");

        Run self = as(clerkA, "export", "approve", exportId);
        assertThat(self.code()).isEqualTo(ExitCodes.DENIED);
        assertThat(self.err()).contains("a different clerk or supervisor must approve it");
        assertThat(vault.audit().bySubject("export:" + exportId, 100))
                .anyMatch(e -> e.action().equals("export.approve") && e.outcome() == Outcome.DENIED);

        Run approve = as(clerkB, "export", "approve", exportId);
        assertThat(approve.code()).as(approve.err()).isZero();

        Path bag = dir.resolve("bag");
        Run download = as(clerkA, "export", "download", exportId, "--out", bag.toString());
        assertThat(download.code()).as(download.err()).isZero();
        assertThat(download.out()).contains("is valid");

        assertThat(run("verify-bag", bag.toString()).code()).isZero();
        Process p = new ProcessBuilder("sha256sum", "-c", "--strict", "manifest-sha256.txt").directory(bag.toFile())
                .redirectErrorStream(true).start();
        String sums = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(sums).isZero();
        assertThat(sums).contains("data/originals/").doesNotContain("FAILED");
        assertThat(bag.resolve("data/descriptions/" + seg1 + ".txt")).content().contains("Zhang San");
        assertThat(bag.resolve("data/audit/" + seg1 + ".jsonl")).content().contains("segment.export");

        // the download is audited per object
        assertThat(vault.audit().bySubject("segment:" + seg2, 100)).anyMatch(e -> e.action().equals("segment.export"));

        // one changed byte in one original: verify-bag fails naming that file
        String original;
        try (var files = Files.list(bag.resolve("data/originals"))) {
            original = files.sorted().findFirst().orElseThrow().getFileName().toString();
        }
        Path victim = bag.resolve("data/originals").resolve(original);
        byte[] bytes = Files.readAllBytes(victim);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(victim, bytes);
        Run tampered = run("verify-bag", bag.toString());
        assertThat(tampered.code()).isEqualTo(ExitCodes.VERIFY_FAILED);
        assertThat(tampered.err()).contains("data/originals/" + original);

        Run stats = as(auditor, "stats", "--year", "2025", "--format", "csv");
        assertThat(stats.code()).as(stats.err()).isZero();
        assertThat(stats.out()).contains("officer,110101000000,000001,3,0.0,")
                .as("no media worker here: three recordings of unknown duration, no hours from file times")
                .contains("total,,,3,0.0,");
        Run statsTable = as(clerkA, "stats", "--year", "2025");
        assertThat(statsTable.out()).contains("Per officer", "000001");

        Run trail = as(auditor, "audit", "show", "--subject", "segment:" + seg1);
        assertThat(trail.out()).contains("segment.commit", "segment.link", "segment.export");
        Run verify = as(auditor, "audit", "verify");
        assertThat(verify.code()).as(verify.err()).isZero();
        assertThat(verify.out()).contains("intact");
    }

    @Test
    void aDockTokenCannotLinkSearchOrExport() throws Exception {
        uploadAll();
        String seg = vault.segments().search(io.camvault.vault.index.SegmentQuery.byTime(null, null, 10)).items().get(0)
                .id().toString();
        assertThat(as(clerkA, "case", "create", "--number", "K-1").code()).isZero();

        Run link = as(dock, "case", "link", seg, "--case", "K-1", "--description", "x");
        Run search = as(dock, "search", "--officer", "000001");
        Run export = as(dock, "export", "request", "--case", "K-1", "--reason", "r");
        Run create = as(auditor, "case", "create", "--number", "K-2");

        for (Run r : List.of(link, search, export, create)) {
            assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.DENIED);
            assertThat(r.err()).contains("role may not do that");
        }
        assertThat(vault.caseByNumber("K-1").orElseThrow().links()).isEmpty();
        List<String> denied = new ArrayList<>();
        vault.audit().forEach(1, e -> {
            if (e.outcome() == Outcome.DENIED) {
                denied.add(e.action());
            }
            return true;
        });
        assertThat(denied).contains("case.link", "segment.search", "export.request", "case.create");
    }

    @Test
    void apiRefusesALinkWithoutDescriptionTextAndExplainsErrors() throws Exception {
        uploadAll();
        String seg = vault.segments().search(io.camvault.vault.index.SegmentQuery.byTime(null, null, 10)).items().get(0)
                .id().toString();
        as(clerkA, "case", "create", "--number", "K/3");
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(url() + "/api/v1/cases/K%2F3/links"))
                .header("Authorization", "Bearer " + clerkA)
                .POST(HttpRequest.BodyPublishers.ofString("{\"segments\":[\"" + seg + "\"],\"description\":{\"who\":\"x\"}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("\"error\":\"description_required\"");

        Run missing = as(clerkA, "case", "show", "NO-SUCH");
        assertThat(missing.code()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(missing.err()).contains("not found: no case NO-SUCH");
        Run unreachable = run("case", "show", "X", "--server", "http://127.0.0.1:1", "--token", "t");
        assertThat(unreachable.code()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(unreachable.err()).contains("cannot reach the daemon");
        Run completion = run("completion");
        assertThat(completion.out()).contains("camvault", "verify-bag", "export");
    }

    /** The same workflow over footage docked by `camvault dock` from a folder of test-media recordings. */
    @Test
    void dockedTestMediaAreExportedAsAVerifiedBag() throws Exception {
        Path media = Path.of("..", "test-media");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(media), "test-media not present");
        Path mount = dir.resolve("mount");
        Files.createDirectories(mount);
        try (var files = Files.list(media)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("A123456_")).toList()) {
                Files.copy(f, mount.resolve(f.getFileName()));
            }
        }
        Run docked = run("dock", "--server", url(), "--token", dock, "--station", "hall-1",
                "--state", dir.resolve("state").toString(), "--receipts", dir.resolve("receipts").toString(),
                "--zone", "UTC", "--serial", "A123456", "--badge", "100234", "--unit", "110101000000", mount.toString());
        assertThat(docked.code()).as(docked.out() + docked.err()).isZero();

        JsonNode found = ApiClient.JSON.readTree(as(clerkA, "search", "--officer", "100234", "--json").out());
        assertThat(found.size()).isGreaterThanOrEqualTo(2);
        String seg1 = found.get(0).path("id").asText();
        String seg2 = found.get(1).path("id").asText();
        assertThat(as(clerkA, "case", "create", "--number", "2026-0042").code()).isZero();
        assertThat(as(clerkA, "case", "link", seg1, "--case", "2026-0042", "--description", "stop at the crossing").code())
                .isZero();
        assertThat(as(clerkA, "case", "link", seg2, "--case", "2026-0042", "--description", "statement taken").code())
                .isZero();
        Matcher m = Pattern.compile("export (exp-[0-9a-f-]+) requested")
                .matcher(as(clerkA, "export", "request", "--case", "2026-0042", "--reason", "court").out());
        assertThat(m.find()).isTrue();
        assertThat(as(clerkB, "export", "approve", m.group(1)).code()).isZero();
        Path bag = dir.resolve("media-bag");
        Run download = as(clerkA, "export", "download", m.group(1), "--out", bag.toString());
        assertThat(download.code()).as(download.err()).isZero();
        Process p = new ProcessBuilder("sha256sum", "-c", "--strict", "manifest-sha256.txt").directory(bag.toFile())
                .redirectErrorStream(true).start();
        String sums = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(sums).isZero();
        try (var originals = Files.list(bag.resolve("data/originals"))) {
            for (Path o : originals.toList()) {
                String name = o.getFileName().toString().substring(65);
                assertThat(o).hasSameBinaryContentAs(media.resolve(name));
            }
        }
    }
}
