package io.camvault.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camvault.cli.tls.ClientTls;
import io.camvault.cli.tls.TestPki;
import io.camvault.gateway.tls.ClientCertificates;
import io.tus.java.client.TusClient;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon with {@code gateway.tls.*} set, against clients nobody here wrote (curl, tus-java-client,
 * tus-js-client trusting the test CA through {@code NODE_EXTRA_CA_CERTS}) and our own CLI and dock
 * agent: plain HTTP refused without reaching a route, HSTS, downloads streamed through the cipher,
 * mutual TLS for a dock (the audit names its certificate), a foreign client certificate refused and
 * audited, addresses from a trusted proxy, and a certificate rotated while an upload streams.
 * Certificates are made here with Bouncy Castle.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class TlsIT {
    static final String OFFICER = "210001";
    static final Duration CLI_TIMEOUT = Duration.ofMinutes(2);

    @TempDir
    static Path tmp;
    static Path pki;
    static TestPki serverCa;
    static TestPki deviceCa;
    static Path caFile;
    static TestPki.Files2 serverFiles;
    static SSLContext trust;
    static Daemon daemon;
    static String dock;
    static String clerk;
    static String auditor;
    static Api api;
    static TestPki.Files2 boundFiles;
    static String bound;

    @BeforeAll
    static void startDaemon() throws IOException {
        pki = Files.createDirectories(tmp.resolve("pki"));
        serverCa = TestPki.ca("camvault test server CA");
        deviceCa = TestPki.ca("camvault test device CA");
        caFile = serverCa.writeCa(pki.resolve("server-ca.crt"));
        Path deviceCaFile = deviceCa.writeCa(pki.resolve("device-ca.crt"));
        serverFiles = serverCa.server("camvault daemon 1").write(pki, "server");
        trust = ClientTls.of(caFile, null, null).context();
        daemon = Daemon.create(tmp).serveArgs(
                "--set", "gateway.tls.cert=" + serverFiles.cert(),
                "--set", "gateway.tls.key=" + serverFiles.key(),
                "--set", "gateway.tls.client-ca=" + deviceCaFile,
                "--set", "gateway.tls.reload-interval=200ms",
                "--set", "gateway.trusted-proxies=127.0.0.2/32").https(trust);
        dock = daemon.createToken("dock", "dock-tls-it");
        clerk = daemon.createToken("clerk", "clerk-tls-it");
        auditor = daemon.createToken("auditor", "auditor-tls-it");
        boundFiles = deviceCa.client("desk 3 workstation").write(pki, "desk-3");
        bound = daemon.createToken("clerk", "clerk-bound-tls-it", "--bind-cert", boundFiles.cert().toString());
        daemon.start();
        api = new Api(daemon.base(), trust);
    }

    @AfterAll
    static void stopDaemon() {
        if (daemon != null) {
            try {
                daemon.stop();
            } finally {
                daemon.close();
            }
        }
    }

    @Test
    void plainHttpToTheTlsPortGetsTlsRequiredAndNoTokenReachesTheGateway() throws Exception {
        // the hole: a client configured with http:// sends its bearer token (and would get evidence back) in clear
        String id = uploadWithTusJava("plain-probe.mp4", 1 << 20, 0x2101L).path("id").asText();
        long before = auditEvents().size();
        String answer = rawHttp(InetAddress.getLoopbackAddress(), false, "GET /api/v1/segments/" + id
                + "/original HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + clerk + "\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400").contains("tls_required");
        assertThat(answer.length()).as("no evidence bytes, only the refusal").isLessThan(600);
        List<JsonNode> after = auditEvents();
        assertThat(after.subList((int) before, after.size()))
                .as("the plain request reached no route: nothing audited for it")
                .allMatch(e -> e.path("action").asText().equals("audit.read"));
        CliRun cli = cli(Map.of(), "search", "--server", "http://127.0.0.1:" + daemon.port(), "--token", clerk,
                "--officer", OFFICER);
        assertThat(cli.exit()).isNotZero();
        assertThat(cli.stderr()).contains("https://");
    }

    @Test
    void curlDownloadsOverHttpsWithHstsAndRanges() throws Exception {
        JsonNode seg = uploadWithTusJava("curl.mp4", 3 << 20, 0x2102L);
        String url = daemon.base() + "/api/v1/segments/" + seg.path("id").asText() + "/original";
        Path out = tmp.resolve("curl-out.bin");
        Daemon.Run whole = Daemon.Run.of(List.of("curl", "-sS", "--fail", "--cacert", caFile.toString(),
                "-H", "Authorization: Bearer " + clerk, "-D", tmp.resolve("curl-head.txt").toString(), "-o", out.toString(), url),
                CLI_TIMEOUT);
        assertThat(whole.exit()).as(whole.stderr()).isZero();
        assertThat(TestFiles.sha256Hex(out)).isEqualTo(seg.path("sha256").asText());
        assertThat(Files.readString(tmp.resolve("curl-head.txt")).toLowerCase()).contains("strict-transport-security: max-age=");
        Daemon.Run range = Daemon.Run.of(List.of("curl", "-sS", "--fail", "--cacert", caFile.toString(),
                "-H", "Authorization: Bearer " + clerk, "-r", "1000-1999", "-o", tmp.resolve("range.bin").toString(), url),
                CLI_TIMEOUT);
        assertThat(range.exit()).as(range.stderr()).isZero();
        byte[] all = Files.readAllBytes(out);
        assertThat(Files.readAllBytes(tmp.resolve("range.bin"))).isEqualTo(java.util.Arrays.copyOfRange(all, 1000, 2000));
        Daemon.Run review = Daemon.Run.of(List.of("curl", "-sS", "--fail", "--cacert", caFile.toString(), "-I",
                daemon.base() + "/review/"), CLI_TIMEOUT);
        assertThat(review.stdout().toLowerCase()).contains("strict-transport-security");
        Daemon.Run untrusted = Daemon.Run.of(List.of("curl", "-sS", daemon.base() + "/healthz"), CLI_TIMEOUT);
        assertThat(untrusted.exit()).as("curl without the CA refuses the daemon").isNotZero();
    }

    @Test
    void tusJsClientUploadsOverHttpsTrustingTheTestCa() throws Exception {
        Node.jsDir();
        TestFiles.Source src = TestFiles.generate(tmp.resolve("js-tls.mp4"), 32L << 20, 0x2103L);
        Node.Result r = Node.upload(Map.of("NODE_EXTRA_CA_CERTS", caFile.toString()), dock, CLI_TIMEOUT,
                "--endpoint", daemon.filesEndpoint().toString(), "--file", src.path().toString(),
                "--metadata", Api.JSON.writeValueAsString(Api.metadata(OFFICER, "TLSJS01", "js-tls.mp4", src.sha256())));
        assertThat(r.ok()).as(r.describe()).isTrue();
        Stored.assertStored(api, clerk, daemon.dataDir(), OFFICER, src);
    }

    @Test
    void theAuditRecordsTheClientATrustedProxyNamesAndThePeerSeparately() throws Exception {
        String id = uploadWithTusJava("proxy.mp4", 1 << 20, 0x2104L).path("id").asText();
        String request = "GET /api/v1/segments/" + id + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + clerk
                + "\r\nX-Forwarded-For: 198.51.100.23\r\nConnection: close\r\n\r\n";
        assertThat(rawHttp(InetAddress.getByName("127.0.0.2"), true, request)).startsWith("HTTP/1.1 200");
        assertThat(rawHttp(InetAddress.getByName("127.0.0.1"), true, request)).startsWith("HTTP/1.1 200");
        List<JsonNode> views = auditEvents().stream()
                .filter(e -> e.path("action").asText().equals("segment.view")
                        && e.path("subject").asText().equals("segment:" + id)).toList();
        assertThat(views).hasSizeGreaterThanOrEqualTo(2);
        views = views.subList(views.size() - 2, views.size()); // before them: the view that checked the upload
        assertThat(views.get(0).path("details").path("client_address").asText()).isEqualTo("198.51.100.23");
        assertThat(views.get(0).path("details").path("peer_address").asText()).isEqualTo("127.0.0.2");
        assertThat(views.get(1).path("details").path("client_address").asText())
                .as("X-Forwarded-For from a peer that is no trusted proxy is ignored").isEqualTo("127.0.0.1");
        assertThat(views.get(1).path("details").path("peer_address").asText()).isEqualTo("127.0.0.1");
        JsonNode commit = auditEvents().stream().filter(e -> e.path("action").asText().equals("segment.commit")
                && e.path("subject").asText().equals("segment:" + id)).findFirst().orElseThrow();
        assertThat(commit.path("details").path("peer_address").asText()).as("the commit's audit, written by a writer thread")
                .isEqualTo("127.0.0.1");
    }

    @Test
    void aDockWithItsDeviceCertificateUploadsOverMutualTlsAndTheAuditNamesTheCertificate() throws Exception {
        TestPki.Issued cert = deviceCa.client("dock A7");
        TestPki.Files2 files = cert.write(pki, "dock-a7");
        Path mount = Files.createDirectories(tmp.resolve("mount-mtls"));
        TestFiles.Source src = TestFiles.generate(mount.resolve("A7MTLS1_210001_20261120080000.mp4"), 4L << 20, 0x2105L);
        CliRun run = cli(Map.of(), "dock", "--server", daemon.base().toString(), "--token", dock, "--ca", caFile.toString(),
                "--client-cert", files.cert().toString(), "--client-key", files.key().toString(),
                "--serial", "A7MTLS1", "--badge", OFFICER, "--unit", "110105000000",
                "--state", tmp.resolve("dock-state").toString(), "--receipts", tmp.resolve("receipts").toString(),
                mount.toString());
        assertThat(run.exit()).as(run.describe()).isZero();
        JsonNode seg = Stored.assertStored(api, clerk, daemon.dataDir(), OFFICER, src);
        JsonNode commit = auditEvents().stream().filter(e -> e.path("action").asText().equals("segment.commit")
                && e.path("subject").asText().equals("segment:" + seg.path("id").asText())).findFirst().orElseThrow();
        assertThat(commit.path("details").path("client_cert_sha256").asText())
                .isEqualTo(ClientCertificates.sha256(cert.cert()));
    }

    @Test
    void aTokenBoundToACertificateIsAcceptedOnlyWithThatCertificate() throws Exception {
        String me = daemon.base() + "/api/v1/me";
        Daemon.Run with = Daemon.Run.of(List.of("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "--cacert",
                caFile.toString(), "--cert", boundFiles.cert().toString(), "--key", boundFiles.key().toString(),
                "-H", "Authorization: Bearer " + bound, me), CLI_TIMEOUT);
        assertThat(with.stdout()).as(with.stderr()).isEqualTo("200");
        // the token alone (stolen from the workstation), over TLS without a client certificate
        Daemon.Run stolen = Daemon.Run.of(List.of("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "--cacert",
                caFile.toString(), "-H", "Authorization: Bearer " + bound, me), CLI_TIMEOUT);
        assertThat(stolen.stdout()).as(stolen.stderr()).isEqualTo("403");
        // with another device's valid certificate
        TestPki.Files2 other = deviceCa.client("another desk").write(pki, "desk-4");
        Daemon.Run wrong = Daemon.Run.of(List.of("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "--cacert",
                caFile.toString(), "--cert", other.cert().toString(), "--key", other.key().toString(),
                "-H", "Authorization: Bearer " + bound, me), CLI_TIMEOUT);
        assertThat(wrong.stdout()).as(wrong.stderr()).isEqualTo("403");
        List<String> reasons = auditEvents().stream().filter(e -> e.path("outcome").asText().equalsIgnoreCase("denied")
                && e.path("details").path("reason").asText().contains("client certificate")).map(e ->
                e.path("details").path("reason").asText()).toList();
        assertThat(reasons).contains("no client certificate: this principal is bound to one",
                "client certificate does not match this principal's binding");
    }

    @Test
    void aClientCertificateFromAnotherCaIsRefusedAndAudited() throws Exception {
        // curl sends the certificate it is given whatever CA the server names (a JDK client would hold it back)
        TestPki.Files2 foreign = serverCa.client("not a device").write(pki, "foreign"); // signed, but not by the device CA
        long before = refusals().size();
        Daemon.Run run = Daemon.Run.of(List.of("curl", "-sS", "--cacert", caFile.toString(), "--cert",
                foreign.cert().toString(), "--key", foreign.key().toString(), daemon.base() + "/healthz"), CLI_TIMEOUT);
        assertThat(run.exit()).as("the handshake is refused: " + run.stdout()).isNotZero();
        List<JsonNode> refusals = refusals();
        assertThat(refusals).hasSizeGreaterThan((int) before);
        JsonNode last = refusals.get(refusals.size() - 1);
        assertThat(last.path("outcome").asText()).isEqualToIgnoringCase("denied");
        assertThat(last.path("actor").asText()).isEqualTo("anonymous");
        assertThat(last.path("details").path("peer_address").asText()).isEqualTo("127.0.0.1");
    }

    @Test
    void aDockWithAnExpiredDeviceCertificateIsToldSoAndStops() throws Exception {
        TestPki.Files2 expired = deviceCa.expiredClient("dock B2").write(pki, "dock-b2");
        Path mount = Files.createDirectories(tmp.resolve("mount-expired"));
        TestFiles.generate(mount.resolve("B2EXPIR_210001_20261120080000.mp4"), 1 << 20, 0x2106L);
        long before = refusals().size();
        CliRun run = cli(Map.of(), "dock", "--server", daemon.base().toString(), "--token", dock, "--ca", caFile.toString(),
                "--client-cert", expired.cert().toString(), "--client-key", expired.key().toString(),
                "--serial", "B2EXPIR", "--badge", OFFICER, "--unit", "110105000000",
                "--state", tmp.resolve("dock-state-expired").toString(), "--receipts", tmp.resolve("receipts-expired").toString(),
                mount.toString());
        assertThat(run.exit()).as(run.describe()).isEqualTo(3);
        assertThat(run.stdout()).contains("refused this machine's client certificate");
        assertThat(refusals()).hasSizeGreaterThan((int) before);
    }

    static List<JsonNode> refusals() {
        return auditEvents().stream().filter(e -> e.path("action").asText().equals("tls.client_certificate")).toList();
    }

    @Test
    void theCliNamesAnUntrustedCaInChineseAndEnglish() {
        CliRun en = cli(Map.of(), "search", "--server", daemon.base().toString(), "--token", clerk, "--officer", OFFICER);
        assertThat(en.exit()).isEqualTo(3);
        assertThat(en.stderr()).contains("does not trust").contains("--ca");
        CliRun zh = cliJvm(List.of("-Dcamvault.lang=zh"), Map.of(), "search", "--server",
                daemon.base().toString(), "--token", clerk, "--officer", OFFICER);
        assertThat(zh.stderr()).contains("不信任").contains("--ca");
        CliRun host = cli(Map.of(), "search", "--server", "https://localhost:" + daemon.port(), "--token", clerk,
                "--ca", caFile.toString(), "--officer", OFFICER);
        assertThat(host.stderr()).contains("not issued for that host name");
        CliRun ok = cli(Map.of(), "search", "--server", daemon.base().toString(), "--token", clerk, "--ca", caFile.toString(),
                "--officer", OFFICER);
        assertThat(ok.exit()).as(ok.describe()).isZero();
    }

    @Test
    void aCertificateRotatedWhileAnUploadStreamsLetsTheUploadFinishAndNewConnectionsGetTheNewOne() throws Exception {
        assertThat(servedSubject()).contains("camvault daemon 1");
        TestFiles.Source src = TestFiles.generate(tmp.resolve("rotate.mp4"), 96L << 20, 0x2107L);
        TusUpload upload = new TusUpload(src.path().toFile());
        upload.setMetadata(Api.metadata(OFFICER, "ROTATE1", "rotate.mp4", src.sha256()));
        TusUploader uploader = tusClient().createUpload(upload);
        uploader.setChunkSize(1 << 20);
        uploader.setRequestPayloadSize((int) src.size()); // one PATCH: one connection across the rotation
        TusJava.uploadUntil(uploader, src.size() / 3);

        TestPki.Files2 rotated = serverCa.server("camvault daemon 2")
                .write(Files.createDirectories(tmp.resolve("rotated")), "server");
        // replace key then certificate, each atomically, as a renewal tool would; the reload must wait for a matching pair
        Files.move(rotated.key(), serverFiles.key(), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Files.move(rotated.cert(), serverFiles.cert(), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!servedSubject().contains("camvault daemon 2") && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(servedSubject()).as("a new connection gets the new certificate").contains("camvault daemon 2");

        TusJava.uploadAll(uploader);
        assertThat(uploader.getOffset()).isEqualTo(src.size());
        Stored.assertStored(api, clerk, daemon.dataDir(), OFFICER, src);
        assertThat(daemon.log()).contains("tls.reloaded");
    }

    // ---- helpers ----------------------------------------------------------------------------------

    record CliRun(int exit, String stdout, String stderr) {
        String describe() {
            return "exit " + exit + "\nstdout: " + stdout + "\nstderr: " + stderr;
        }
    }

    static CliRun cli(Map<String, String> env, String... args) {
        return cliJvm(List.of(), env, args);
    }

    static CliRun cliJvm(List<String> jvm, Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Daemon.javaBin(), Daemon.NO_PERF_FILE));
        cmd.addAll(jvm);
        cmd.addAll(List.of("-jar", Daemon.jar().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("CAMVAULT_URL");
        pb.environment().remove("CAMVAULT_TOKEN");
        pb.environment().remove("LC_ALL");
        pb.environment().remove("LC_MESSAGES");
        pb.environment().put("LANG", "C.UTF-8");
        pb.environment().put("CAMVAULT_CLIENT_CONFIG", tmp.resolve("no-client.properties").toString());
        pb.environment().putAll(env);
        Daemon.Run r = Daemon.Run.of(pb, CLI_TIMEOUT);
        return new CliRun(r.exit(), r.stdout(), r.stderr());
    }

    static TusClient tusClient() {
        TusClient c = new TusClient() {
            @Override
            public void prepareConnection(HttpURLConnection connection) {
                super.prepareConnection(connection);
                if (connection instanceof HttpsURLConnection https) {
                    https.setSSLSocketFactory(trust.getSocketFactory());
                }
            }
        };
        try {
            c.setUploadCreationURL(daemon.filesEndpoint().toURL());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        c.setHeaders(Map.of("Authorization", "Bearer " + dock));
        return c;
    }

    /** Uploads a generated file with tus-java-client over HTTPS and returns its stored segment. */
    static JsonNode uploadWithTusJava(String name, long size, long seed) throws Exception {
        TestFiles.Source src = TestFiles.generate(tmp.resolve(name), size, seed);
        TusUpload upload = new TusUpload(src.path().toFile());
        upload.setMetadata(Api.metadata(OFFICER, "TLSJAVA", name, src.sha256()));
        TusUploader uploader = tusClient().createUpload(upload);
        uploader.setChunkSize(1 << 20);
        TusJava.uploadAll(uploader);
        return Stored.assertStored(api, clerk, daemon.dataDir(), OFFICER, src);
    }

    static List<JsonNode> auditEvents() {
        HttpResponse<String> r = api.get("/api/v1/audit?from=1&limit=10000", auditor);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return StreamSupport.stream(Api.read(r.body()).path("items").spliterator(), false).toList();
    }

    /** The subject of the certificate a new connection is shown. */
    static String servedSubject() throws IOException {
        try (SSLSocket s = (SSLSocket) trust.getSocketFactory().createSocket("127.0.0.1", daemon.port())) {
            s.startHandshake();
            return ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
        }
    }

    /** One request written by hand, from {@code local} (127.0.0.2 is loopback too), over TLS or not; the whole answer. */
    static String rawHttp(InetAddress local, boolean tls, String request) throws IOException {
        Socket plain = new Socket(InetAddress.getLoopbackAddress(), daemon.port(), local, 0);
        try (Socket s = tls ? trust.getSocketFactory().createSocket(plain, "127.0.0.1", daemon.port(), true) : plain) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    answer.write(buf, 0, n);
                    if (!request.contains("Connection: close") && complete(answer.toString(StandardCharsets.ISO_8859_1))) {
                        break;
                    }
                }
            } catch (java.net.SocketTimeoutException e) {
                // keep-alive answer fully read
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static boolean complete(String answer) {
        int end = answer.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(answer);
        return m.find() && answer.length() - end - 4 >= Integer.parseInt(m.group(1));
    }

}
