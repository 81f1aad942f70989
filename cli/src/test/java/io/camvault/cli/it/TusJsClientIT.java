package io.camvault.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * tus-js-client 4.x, run by node as a separate process, against the real daemon: a plain upload,
 * one aborted mid-request (the socket is torn down) and resumed by a second process that finds
 * the upload by its fingerprint, and a parallel upload ({@code parallelUploads: 4}, tus
 * concatenation). tus-js-client sends each upload as one streamed PATCH.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TusJsClientIT {
    static final long SIZE = 300L << 20;
    static final String OFFICER = "300001";
    static final Duration NODE_TIMEOUT = Duration.ofMinutes(4);

    @TempDir
    static Path tmp;
    static Daemon daemon;
    static String dock;
    static String clerk;
    static Api api;

    @BeforeAll
    static void startDaemon() {
        Node.jsDir(); // fail fast when npm ci did not run
        daemon = Daemon.create(tmp);
        dock = daemon.createToken("dock", "dock-js-it");
        clerk = daemon.createToken("clerk", "clerk-js-it");
        daemon.start();
        api = new Api(daemon.base());
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
    void plainUploadWithDeclaredSha256IsStoredIntact() throws Exception {
        TestFiles.Source src = TestFiles.generate(tmp.resolve("js-plain.mp4"), SIZE, 0x15_0001L);
        Node.Result r = Node.upload(dock, NODE_TIMEOUT, "--endpoint", daemon.filesEndpoint().toString(),
                "--file", src.path().toString(),
                "--metadata", json(Api.metadata(OFFICER, "JSCL001", "js-plain.mp4", src.sha256())));
        assertThat(r.ok()).as(r.describe()).isTrue();
        Stored.assertStored(api, clerk, daemon.dataDir(), OFFICER, src);
        Files.delete(src.path());
    }

    @Test
    void abortedUploadIsResumedByFingerprintFromANewProcess() throws Exception {
        TestFiles.Source src = TestFiles.generate(tmp.resolve("js-resume.mp4"), SIZE, 0x15_0002L);
        Path urlStorage = tmp.resolve("js-resume-urls.json");
        String metadata = json(Api.metadata(OFFICER, "JSCL002", "js-resume.mp4", null));

        Node.Result aborted = Node.upload(dock, NODE_TIMEOUT, "--endpoint", daemon.filesEndpoint().toString(),
                "--file", src.path().toString(), "--metadata", metadata,
                "--url-storage", urlStorage.toString(), "--abort-at", "0.4");
        assertThat(aborted.json().path("aborted").asBoolean()).as(aborted.describe()).isTrue();
        long bytesSent = aborted.json().path("bytesSent").asLong();
        URI url = URI.create(aborted.json().path("url").asText());

        // The PATCH was cut mid-body; give the server a moment to notice the closed connection.
        Api.Head head = awaitStableOffset(url);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.offset()).as("bytes kept from the aborted PATCH (sent %d)", bytesSent)
                .isPositive().isLessThanOrEqualTo(bytesSent);
        Stored.assertNotStored(api, clerk, daemon.dataDir(), OFFICER, src.sha256());

        Node.Result resumed = Node.upload(dock, NODE_TIMEOUT, "--endpoint", daemon.filesEndpoint().toString(),
                "--file", src.path().toString(), "--metadata", metadata,
                "--url-storage", urlStorage.toString(), "--retries", "3");
        assertThat(resumed.ok()).as(resumed.describe()).isTrue();
        assertThat(resumed.json().path("url").asText()).as("same upload resumed").isEqualTo(url.toString());
        // from the server's offset, never from 0: on a loaded machine the daemon may still have been
        // writing bytes of the cut request when the offset looked stable, so it can only have grown
        assertThat(resumed.json().path("resumedFromOffset").asLong()).as("resumed from the server's offset")
                .isGreaterThanOrEqualTo(head.offset()).isLessThanOrEqualTo(bytesSent);
        Stored.assertStored(api, clerk, daemon.dataDir(), OFFICER, src);
        Files.delete(src.path());
    }

    @Test
    void parallelUploadIsConcatenatedIntoOneVerifiedObject() throws Exception {
        TestFiles.Source src = TestFiles.generate(tmp.resolve("js-parallel.mp4"), SIZE, 0x15_0003L);
        Node.Result r = Node.upload(dock, NODE_TIMEOUT, "--endpoint", daemon.filesEndpoint().toString(),
                "--file", src.path().toString(), "--parallel", "4",
                "--metadata", json(Api.metadata(OFFICER, "JSCL003", "js-parallel.mp4", src.sha256())));
        assertThat(r.ok()).as(r.describe()).isTrue();
        Stored.assertStored(api, clerk, daemon.dataDir(), OFFICER, src);
        Files.delete(src.path());
    }

    /**
     * Every byte of an upload arrived, but its request never ended (a chunked PATCH whose last
     * chunk never came: the dock lost power), so nothing committed it. tus-js-client, resuming,
     * sends one HEAD and, seeing {@code Upload-Offset == Upload-Length}, reports success without
     * another request. The daemon must therefore commit before that HEAD says so; before it did,
     * the client reported success for an upload that was never stored and later expired.
     */
    @Test
    void anUploadWhoseBytesAllArrivedButWhoseRequestNeverEndedIsStoredWhenTheClientResumes() throws Exception {
        TestFiles.Source src = TestFiles.generate(tmp.resolve("js-unended.mp4"), (4L << 20) + 99, 0x15_0004L);
        Map<String, String> metadata = Api.metadata(OFFICER, "JSCL004", "js-unended.mp4", src.sha256());
        HttpResponse<String> created = api.send(HttpRequest.newBuilder(daemon.filesEndpoint())
                .header("Tus-Resumable", "1.0.0").header("Authorization", "Bearer " + dock)
                .header("Upload-Length", Long.toString(src.size()))
                .header("Upload-Metadata", Api.encodeMetadata(metadata))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(created.statusCode()).isEqualTo(201);
        URI url = daemon.base().resolve(created.headers().firstValue("Location").orElseThrow());
        Path part = daemon.dataDir().resolve("uploads").resolve(url.getPath().substring("/files/".length()) + ".part");

        try (Socket s = new Socket(url.getHost(), url.getPort())) {
            OutputStream out = s.getOutputStream();
            out.write(("PATCH " + url.getPath() + " HTTP/1.1\r\nHost: " + url.getAuthority()
                    + "\r\nAuthorization: Bearer " + dock + "\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 0"
                    + "\r\nContent-Type: application/offset+octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] bytes = Files.readAllBytes(src.path());
            for (int at = 0; at < bytes.length; at += 1 << 20) {
                int n = Math.min(1 << 20, bytes.length - at);
                out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(bytes, at, n);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
            Daemon.sleep(500); // every byte sent, the final chunk never: then the connection drops
        }
        for (int i = 0; i < 100 && (!Files.exists(part) || Files.size(part) < src.size()); i++) {
            Daemon.sleep(50); // the daemon syncs what the broken request brought
        }
        assertThat(part).hasSize(src.size());
        Stored.assertNotStored(api, clerk, daemon.dataDir(), OFFICER, src.sha256());

        Node.Result resumed = Node.upload(dock, NODE_TIMEOUT, "--resume-url", url.toString(),
                "--file", src.path().toString(), "--metadata", json(metadata), "--retries", "3");

        assertThat(resumed.ok()).as(resumed.describe()).isTrue();
        assertThat(resumed.json().path("resumedFromOffset").asLong()).as("nothing left to send").isEqualTo(src.size());
        Stored.assertStored(api, clerk, daemon.dataDir(), OFFICER, src);
    }

    /** HEAD until the offset stops moving (the server may still be flushing what it read before the abort). */
    private static Api.Head awaitStableOffset(URI url) {
        Api.Head last = api.head(url, dock);
        for (int i = 0; i < 50; i++) {
            Daemon.sleep(100);
            Api.Head now = api.head(url, dock);
            if (now.status() == last.status() && now.offset() == last.offset()) {
                return now;
            }
            last = now;
        }
        return last;
    }

    static String json(Object value) {
        try {
            return Api.JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
