package io.camvault.gateway.tus;

import static org.assertj.core.api.Assertions.assertThat;

import io.camvault.gateway.GatewayConfig;
import io.camvault.gateway.GatewayServer;
import io.camvault.gateway.backend.InMemoryBackend;
import io.camvault.gateway.protocol.UploadMetadata;
import io.camvault.vault.model.Role;
import io.camvault.vault.model.Segment;
import io.tus.java.client.ProtocolException;
import io.tus.java.client.TusClient;
import io.tus.java.client.TusURLMemoryStore;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tus endpoints over an in-memory vault, driven by tus-java-client and by raw requests. */
public class TusServerTest {
    static final String DOCK = "dock-token";
    @TempDir
    Path dir;
    InMemoryBackend backend;
    GatewayServer server;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        backend = new InMemoryBackend(dir, Clock.systemUTC());
        backend.addToken(DOCK, "dock-7", Role.DOCK, null);
        backend.addToken("recorder-token", "rec-A1", Role.RECORDER, "A1");
        backend.addToken("clerk-token", "clerk-1", Role.CLERK, null);
        server = GatewayServer.start(GatewayConfig.builder().port(0).host("127.0.0.1").diskReserve(0).build(),
                backend, () -> Long.MAX_VALUE / 4);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    public static Map<String, String> metadata(String sha256) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("filename", "A1_000001_20250101.mp4");
        m.put("recorder", "A1");
        m.put("officer", "000001");
        m.put("unit", "110101000000");
        m.put("recordedStart", "2025-01-01T08:00:00+08:00");
        m.put("recordedEnd", "2025-01-01T08:10:00+08:00");
        m.put("trigger", "scheduled");
        m.put("station", "dock-7");
        if (sha256 != null) {
            m.put("sha256", sha256);
        }
        return m;
    }

    Path file(int size, long seed) throws Exception {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        Path p = dir.resolve("src-" + seed);
        Files.write(p, b);
        return p;
    }

    static String sha256(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }

    TusClient client() throws Exception {
        TusClient c = new TusClient();
        c.setUploadCreationURL(new URL("http://127.0.0.1:" + server.port() + "/files/"));
        c.setHeaders(Map.of("Authorization", "Bearer " + DOCK));
        c.enableResuming(new TusURLMemoryStore());
        return c;
    }

    TusUpload upload(Path p, Map<String, String> md) throws Exception {
        TusUpload u = new TusUpload(p.toFile());
        u.setMetadata(md);
        u.setFingerprint(p.toString());
        return u;
    }

    @Test
    void tusJavaClientUploadsAFileThatIsCommittedWithItsDigest() throws Exception {
        Path src = file(3 * 1024 * 1024 + 17, 1);
        TusClient c = client();
        TusUploader up = c.resumeOrCreateUpload(upload(src, metadata(sha256(src))));
        up.setChunkSize(256 * 1024);
        up.setRequestPayloadSize(1024 * 1024);
        while (up.uploadChunk() > -1) {
            // keep going
        }
        up.finish();
        assertThat(backend.segments()).hasSize(1);
        Segment s = backend.segments().get(0);
        assertThat(s.sha256().hex()).isEqualTo(sha256(src));
        assertThat(s.size()).isEqualTo(Files.size(src));
        assertThat(s.recorderSerial()).isEqualTo("A1");
        assertThat(Files.readAllBytes(backend.objectFile(s.sha256()))).isEqualTo(Files.readAllBytes(src));
        assertThat(server.metrics().render()).contains("camvault_bytes_received_total " + Files.size(src));
    }

    @Test
    void interruptedUploadResumesFromTheBytesOnDisk() throws Exception {
        Path src = file(2 * 1024 * 1024, 2);
        TusClient c = client();
        TusUpload u = upload(src, metadata(sha256(src)));
        TusUploader first = c.resumeOrCreateUpload(u);
        first.setChunkSize(64 * 1024);
        first.setRequestPayloadSize(512 * 1024);
        first.uploadChunk();
        first.finish(false);
        assertThat(backend.segments()).isEmpty();
        TusUploader second = c.resumeOrCreateUpload(u);
        assertThat(second.getOffset()).isEqualTo(64 * 1024);
        second.setChunkSize(256 * 1024);
        while (second.uploadChunk() > -1) {
            // keep going
        }
        second.finish();
        assertThat(backend.segments()).singleElement().satisfies(s -> assertThat(s.sha256().hex()).isEqualTo(sha256(src)));
    }

    @Test
    void sameBytesTwiceNameTheSameSegment() throws Exception {
        Path src = file(100_000, 3);
        String first = rawUpload(src, metadata(null));
        String second = rawUpload(src, metadata(null));
        assertThat(first).isNotNull().isEqualTo(second);
        assertThat(backend.segments()).hasSize(1);
    }

    @Test
    void declaredSha256MismatchIs460AndCommitsNothing() throws Exception {
        Path src = file(50_000, 4);
        TusClient c = client();
        TusUploader up = c.resumeOrCreateUpload(upload(src, metadata("00".repeat(32))));
        try {
            while (up.uploadChunk() > -1) {
                // keep going
            }
            up.finish();
            throw new AssertionError("expected a 460");
        } catch (ProtocolException e) {
            assertThat(e.getCausingConnection().getResponseCode()).isEqualTo(460);
        }
        assertThat(backend.segments()).isEmpty();
        assertThat(backend.uploadRecords()).isZero();
        assertThat(server.metrics().checksumFailuresTotal()).isEqualTo(1);
    }

    @Test
    void segmentsApiSearchForReadersAndDetailForTheUploader() throws Exception {
        Path src = file(10_000, 5);
        String segment = rawUpload(src, metadata(null));
        backend.addToken("other-dock", "dock-8", Role.DOCK, null);
        HttpResponse<String> search = send(HttpRequest.newBuilder(uri("/api/v1/segments?officer=000001&limit=10"))
                .header("Authorization", "Bearer clerk-token"));
        assertThat(search.statusCode()).isEqualTo(200);
        assertThat(search.body()).contains("\"id\":\"" + segment + "\"", "\"sha256\":\"" + sha256(src) + "\"",
                "\"next\":null", "\"trigger\":\"scheduled\"", "\"retentionClass\":\"routine\"");
        assertThat(send(HttpRequest.newBuilder(uri("/api/v1/segments/" + segment))
                .header("Authorization", "Bearer " + DOCK)).statusCode()).isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(uri("/api/v1/segments/" + segment))
                .header("Authorization", "Bearer other-dock")).statusCode()).isEqualTo(403);
        assertThat(send(HttpRequest.newBuilder(uri("/api/v1/segments?officer=000001"))
                .header("Authorization", "Bearer " + DOCK)).statusCode()).isEqualTo(403);
        assertThat(send(HttpRequest.newBuilder(uri("/api/v1/segments/" + java.util.UUID.randomUUID()))
                .header("Authorization", "Bearer clerk-token")).statusCode()).isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(uri("/api/v1/segments?from=yesterday"))
                .header("Authorization", "Bearer clerk-token")).statusCode()).isEqualTo(400);
        assertThat(send(HttpRequest.newBuilder(uri("/api/v1/segments"))).statusCode()).isEqualTo(401);
    }

    /**
     * A creation has no body, so answering it before reading the (empty) rest of the request must
     * not cost the client its connection: creation, PATCH and HEAD go over one socket, as a dock's
     * keep-alive client sends them. A request answered with body bytes unread still closes.
     */
    @Test
    void bodylessRequestsKeepTheConnectionAndAnEarlyAnswerToABodyClosesIt() throws Exception {
        String md = UploadMetadata.render(metadata(null));
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            var in = new java.io.BufferedInputStream(socket.getInputStream());
            var out = socket.getOutputStream();
            out.write(("POST /files/ HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + DOCK
                    + "\r\nTus-Resumable: 1.0.0\r\nUpload-Length: 3\r\nUpload-Metadata: " + md + "\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            String created = readHead(in);
            assertThat(created).startsWith("HTTP/1.1 201").doesNotContainIgnoringCase("connection: close");
            String location = created.lines().filter(l -> l.toLowerCase().startsWith("location:"))
                    .findFirst().orElseThrow().substring("location:".length()).trim();

            out.write(("PATCH " + location + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + DOCK
                    + "\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\nContent-Type: application/offset+octet-stream"
                    + "\r\nContent-Length: 3\r\n\r\nabc").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readHead(in)).startsWith("HTTP/1.1 204").doesNotContainIgnoringCase("connection: close");

            out.write(("HEAD " + location + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer nobody"
                    + "\r\nTus-Resumable: 1.0.0\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            String refused = readHead(in);
            assertThat(refused).startsWith("HTTP/1.1 401").doesNotContainIgnoringCase("connection: close");

            out.write(("PATCH " + location + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer nobody"
                    + "\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 3\r\nContent-Type: application/offset+octet-stream"
                    + "\r\nContent-Length: 100000\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readHead(in)).as("refused with its body unread").startsWith("HTTP/1.1 401")
                    .containsIgnoringCase("connection: close");
        }
        assertThat(backend.segments()).hasSize(1);
    }

    private static String readHead(java.io.InputStream in) throws java.io.IOException {
        StringBuilder sb = new StringBuilder();
        while (!sb.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new java.io.EOFException("connection closed after: " + sb);
            }
            sb.append((char) b);
        }
        return sb.toString();
    }

    /** Creates and uploads in one PATCH with java.net.http; returns the Camvault-Segment header. */
    String rawUpload(Path src, Map<String, String> md) throws Exception {
        HttpResponse<String> created = send(HttpRequest.newBuilder(uri("/files/"))
                .header("Tus-Resumable", "1.0.0").header("Authorization", "Bearer " + DOCK)
                .header("Upload-Length", Long.toString(Files.size(src)))
                .header("Upload-Metadata", UploadMetadata.render(md))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(created.statusCode()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> patched = send(HttpRequest.newBuilder(uri(location))
                .header("Tus-Resumable", "1.0.0").header("Authorization", "Bearer " + DOCK)
                .header("Upload-Offset", "0").header("Content-Type", "application/offset+octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofFile(src)));
        assertThat(patched.statusCode()).isEqualTo(204);
        assertThat(patched.headers().firstValue("Upload-Offset")).hasValue(Long.toString(Files.size(src)));
        return patched.headers().firstValue("Camvault-Segment").orElse(null);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
