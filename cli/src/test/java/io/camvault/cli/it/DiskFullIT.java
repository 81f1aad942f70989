package io.camvault.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data disk fills up for real while an upload streams: another writer takes every free byte
 * of a small ext4 file system under the daemon, so the kernel answers the next write with ENOSPC.
 * The client gets {@code 507} with {@code Retry-After}, the daemon stays up and says it is not
 * ready, nothing is committed, and once space returns the upload resumes from the offset the
 * daemon reports and ends as an intact segment.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DiskFullIT {
    static final String OFFICER = "400001";
    static final long SIZE = (24L << 20) + 4321;
    static final int SLICE = 1 << 20;

    @TempDir
    Path tmp;
    SmallFileSystem fs;
    Daemon daemon;

    @AfterEach
    void cleanUp() {
        try {
            if (daemon != null) {
                daemon.close();
            }
        } finally {
            if (fs != null) {
                fs.close();
            }
        }
    }

    @Test
    void aDiskThatFillsMidUploadIs507ThenTheUploadResumesIntact() throws Exception {
        fs = SmallFileSystem.mount(tmp, 400L << 20);
        daemon = new Daemon(fs.root().resolve("data"), tmp, java.util.List.of("-Xmx256m"))
                .serveArgs("--set", "gateway.disk-reserve=4MiB");
        String dock = daemon.createToken("dock", "disk-full-dock");
        String clerk = daemon.createToken("clerk", "disk-full-clerk");
        daemon.start();
        Api api = new Api(daemon.base());
        TestFiles.Source src = TestFiles.generate(tmp.resolve("disk-full.mp4"), SIZE, 0x5EED_D15CL);
        byte[] bytes = Files.readAllBytes(src.path());
        assertThat(fs.freeBytes()).as("room for the upload before the disk fills").isGreaterThan(SIZE + (8L << 20));

        String location = create(api, dock, SIZE, Api.metadata(OFFICER, "FULL001", "disk-full.mp4", src.sha256()));
        Path[] filler = new Path[1];
        Answer full = patch(location, dock, 0, bytes, 8 << 20, () -> filler[0] = fs.fill());

        assertThat(full.status()).as("answer to the PATCH that met a full disk: %s", full).isEqualTo(507);
        assertThat(full.headers()).containsKey("retry-after");
        assertThat(Api.read(full.body()).path("error").asText()).isEqualTo("insufficient_storage");
        assertThat(status(api, "/healthz")).as("the daemon lives on").isEqualTo(200);
        assertThat(status(api, "/readyz")).as("not ready while the disk is full").isEqualTo(503);
        Api.Head head = api.head(daemon.base().resolve(location), dock);
        assertThat(head.offset()).as("offset while full").isBetween(0L, SIZE - 1);
        assertThat(createStatus(api, dock)).as("a new upload while the disk is full").isEqualTo(507);
        assertThat(api.get("/api/v1/segments?officer=" + OFFICER, "not-a-token").statusCode())
                .as("a refusal, audited by a synced index write on the full disk").isEqualTo(401);
        Stored.assertNotStored(api, clerk, daemon.dataDir(), OFFICER, src.sha256());

        assertThat(fs.freeBytes()).as("free bytes after the fill").isLessThan(4096);
        fs.empty(filler[0]);
        awaitReady(api);
        long offset = api.head(daemon.base().resolve(location), dock).offset();
        assertThat(offset).as("the offset does not move while nothing is sent").isEqualTo(head.offset());
        Answer done = patch(location, dock, offset, bytes, -1, null);

        assertThat(done.status()).as("resumed PATCH: %s", done).isEqualTo(204);
        assertThat(done.headers().get("upload-offset")).isEqualTo(Long.toString(SIZE));
        assertThat(done.headers()).containsKey("camvault-segment");
        JsonNode segment = Stored.assertStored(api, clerk, daemon.dataDir(), OFFICER, src);
        assertThat(segment.path("id").asText()).isEqualTo(done.headers().get("camvault-segment"));
        assertThat(Stored.objectFiles(daemon.dataDir())).as("nothing else was committed").isEqualTo(1);
        var verify = api.get("/api/v1/audit/verify", clerk);
        assertThat(verify.statusCode()).as(verify.body()).isEqualTo(200);
        assertThat(Api.read(verify.body()).path("intact").asBoolean()).as("audit chain intact: %s", verify.body()).isTrue();
        assertThat(daemon.log()).as("a full disk is not an internal error")
                .doesNotContain("tus.failed").doesNotContain("NullPointerException").contains("upload.disk_full");
    }

    private static String create(Api api, String token, long length, Map<String, String> metadata) {
        HttpResponse<String> r = api.send(creation(api, token, length, metadata));
        assertThat(r.statusCode()).as("creation: %s", r.body()).isEqualTo(201);
        return r.headers().firstValue("Location").orElseThrow();
    }

    private static int createStatus(Api api, String token) {
        return api.send(creation(api, token, 1 << 20, Api.metadata(OFFICER, "FULL002", "small.mp4", null))).statusCode();
    }

    private static HttpRequest creation(Api api, String token, long length, Map<String, String> metadata) {
        return HttpRequest.newBuilder(api.base().resolve("/files/")).timeout(Duration.ofSeconds(30))
                .header("Tus-Resumable", "1.0.0").header("Authorization", "Bearer " + token)
                .header("Upload-Length", Long.toString(length)).header("Upload-Metadata", Api.encodeMetadata(metadata))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
    }

    private static int status(Api api, String path) {
        return api.send(HttpRequest.newBuilder(api.base().resolve(path)).timeout(Duration.ofSeconds(30)).GET().build())
                .statusCode();
    }

    private static void awaitReady(Api api) {
        for (int i = 0; i < 100; i++) {
            if (status(api, "/readyz") == 200) {
                return;
            }
            Daemon.sleep(100);
        }
        throw new AssertionError("/readyz did not come back once space returned");
    }

    /** A status line, lower-cased headers and a body. */
    record Answer(int status, Map<String, String> headers, String body) {
    }

    /**
     * One PATCH from {@code offset} to the end of {@code bytes}, written on a plain socket so the
     * answer can be read even when the daemon answers before the body is all sent (and closes).
     * After {@code hookAfter} body bytes, {@code hook} runs once.
     */
    private Answer patch(String location, String token, long offset, byte[] bytes, long hookAfter, Runnable hook)
            throws IOException {
        URI base = daemon.base();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            String head = "PATCH " + location + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                    + "\r\nAuthorization: Bearer " + token + "\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: " + offset
                    + "\r\nContent-Type: application/offset+octet-stream\r\nContent-Length: " + (bytes.length - offset)
                    + "\r\n\r\n";
            try {
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                long sent = 0;
                for (int at = (int) offset; at < bytes.length; at += SLICE) {
                    int n = Math.min(SLICE, bytes.length - at);
                    out.write(bytes, at, n);
                    out.flush();
                    sent += n;
                    if (hook != null && sent >= hookAfter) {
                        hook.run();
                        hook = null;
                        Daemon.sleep(200);
                    }
                }
            } catch (IOException e) {
                // the daemon answered and closed before the whole body was sent: read that answer
            }
            return read(s.getInputStream());
        }
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before an answer; got: " + headBytes);
            }
            headBytes.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String[] lines = headBytes.toString(StandardCharsets.US_ASCII).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        return new Answer(status, headers, new String(in.readNBytes(length), StandardCharsets.UTF_8));
    }
}
