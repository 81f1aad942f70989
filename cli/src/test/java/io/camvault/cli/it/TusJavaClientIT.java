package io.camvault.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tus.java.client.TusClient;
import io.tus.java.client.TusURLMemoryStore;
import io.tus.java.client.TusURLStore;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * tus-java-client 0.5.1, a client nobody here wrote, against the real daemon: a plain upload, one
 * paused and resumed by a second client from the stored URL, and a parallel upload assembled by
 * tus concatenation. On JDK 17 this client sends PATCH as {@code POST} with
 * {@code X-HTTP-Method-Override: PATCH} and {@code Expect: 100-continue}.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TusJavaClientIT {
    /** Several hundred MB, deliberately not a multiple of the client's 10 MiB request payload. */
    static final long SIZE = (300L << 20) + 12_345;
    static final String OFFICER = "200001";

    @TempDir
    static Path tmp;
    static Daemon daemon;
    static String dock;
    static String clerk;
    static Api api;

    @BeforeAll
    static void startDaemon() {
        daemon = Daemon.create(tmp);
        dock = daemon.createToken("dock", "dock-java-it");
        clerk = daemon.createToken("clerk", "clerk-java-it");
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
        TestFiles.Source src = TestFiles.generate(tmp.resolve("java-plain.mp4"), SIZE, 0x5EED_0001L);
        TusUpload upload = new TusUpload(src.path().toFile());
        upload.setMetadata(Api.metadata(OFFICER, "JAVA001", "java-plain.mp4", src.sha256()));

        TusUploader uploader = client(null).createUpload(upload);
        uploader.setChunkSize(1 << 20);
        TusJava.uploadAll(uploader);

        assertThat(uploader.getOffset()).isEqualTo(SIZE);
        Stored.assertStored(api, clerk, daemon.dataDir(), OFFICER, src);
        Files.delete(src.path());
    }

    @Test
    void pausedUploadIsResumedByANewClientFromTheStoredUrl() throws Exception {
        TestFiles.Source src = TestFiles.generate(tmp.resolve("java-resume.mp4"), SIZE, 0x5EED_0002L);
        TusURLStore urls = new TusURLMemoryStore(); // stands in for the dock's persistent store
        File file = src.path().toFile();

        TusUpload first = new TusUpload(file);
        first.setMetadata(Api.metadata(OFFICER, "JAVA002", "java-resume.mp4", null));
        TusUploader u1 = client(urls).createUpload(first);
        u1.setChunkSize(1 << 20);
        long stopAt = SIZE * 2 / 5 + 12345; // not on a chunk or request boundary of the server's
        TusJava.uploadUntil(u1, stopAt);
        TusJava.finish(u1); // ends the PATCH; the server answers 204 with the offset it fsynced
        long paused = u1.getOffset();
        assertThat(paused).isLessThan(SIZE);

        Api.Head head = api.head(toUri(u1.getUploadURL()), dock);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.offset()).as("server offset after pause").isEqualTo(paused);
        assertThat(head.length()).isEqualTo(SIZE);
        Stored.assertNotStored(api, clerk, daemon.dataDir(), OFFICER, src.sha256());

        TusUpload again = new TusUpload(file); // same fingerprint, found in the URL store
        again.setMetadata(first.getMetadata());
        TusUploader u2 = client(urls).resumeUpload(again);
        assertThat(u2.getUploadURL()).isEqualTo(u1.getUploadURL());
        assertThat(u2.getOffset()).as("resumed from the server's offset").isEqualTo(paused);
        u2.setChunkSize(1 << 20);
        TusJava.uploadAll(u2);

        Stored.assertStored(api, clerk, daemon.dataDir(), OFFICER, src);
        Files.delete(src.path());
    }

    @Test
    void parallelPartialUploadsAreConcatenatedIntoOneVerifiedObject() throws Exception {
        TestFiles.Source src = TestFiles.generate(tmp.resolve("java-parallel.mp4"), SIZE, 0x5EED_0003L);
        int parts = 4;
        long partSize = (SIZE + parts - 1) / parts;
        List<String> partHashes = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(parts);
        try {
            List<Future<URL>> futures = new ArrayList<>();
            for (int i = 0; i < parts; i++) {
                long start = i * partSize;
                long len = Math.min(partSize, SIZE - start);
                partHashes.add(sliceSha256(src.path(), start, len));
                int n = i;
                futures.add(pool.submit(() -> uploadPartial(src.path(), start, len, "java-parallel-part-" + n)));
            }
            List<String> paths = new ArrayList<>();
            for (Future<URL> f : futures) {
                paths.add(f.get(4, TimeUnit.MINUTES).getPath());
            }

            HttpRequest fin = HttpRequest.newBuilder(daemon.filesEndpoint()).timeout(Duration.ofMinutes(3))
                    .header("Tus-Resumable", "1.0.0")
                    .header("Authorization", "Bearer " + dock)
                    .header("Upload-Concat", "final;" + String.join(" ", paths))
                    .header("Upload-Metadata", Api.encodeMetadata(
                            Api.metadata(OFFICER, "JAVA003", "java-parallel.mp4", src.sha256())))
                    .POST(HttpRequest.BodyPublishers.noBody()).build();
            HttpResponse<String> r = api.send(fin);
            assertThat(r.statusCode()).as("final concatenation: %s", r.body()).isEqualTo(201);
            URI location = daemon.filesEndpoint().resolve(r.headers().firstValue("Location").orElseThrow());
            Api.Head head = api.head(location, dock);
            assertThat(head.offset()).isEqualTo(SIZE);
        } finally {
            pool.shutdownNow();
        }

        Stored.assertStored(api, clerk, daemon.dataDir(), OFFICER, src);
        for (String partHash : partHashes) {
            assertThat(TestFiles.objectPath(daemon.dataDir(), partHash)).as("partial uploads are not originals")
                    .doesNotExist();
        }
        Files.delete(src.path());
    }

    @Test
    void sameBytesUploadedTwiceMapToOneSegment() throws Exception {
        TestFiles.Source src = TestFiles.generate(tmp.resolve("java-twice.mp4"), 5L << 20, 0x5EED_0004L);
        for (int i = 0; i < 2; i++) {
            TusUpload upload = new TusUpload(src.path().toFile());
            upload.setMetadata(Api.metadata(OFFICER, "JAVA004", "java-twice.mp4", src.sha256()));
            TusJava.uploadAll(client(null).createUpload(upload));
        }
        List<JsonNode> same = api.segmentsOfOfficer(clerk, OFFICER).stream()
                .filter(s -> src.sha256().equalsIgnoreCase(s.path("sha256").asText())).collect(Collectors.toList());
        assertThat(same).as("segments with the same bytes").hasSize(1);
        Stored.assertStored(api, clerk, daemon.dataDir(), OFFICER, src);
    }

    /**
     * When the size is a multiple of its request payload (10 MiB), tus-java-client 0.5.1 opens one
     * more, empty PATCH at offset == length after the upload completed. tusd answers 204; so must we,
     * or the dock sees an error for a file that was stored.
     */
    @Test
    void emptyPatchAfterTheLastByteIsAnsweredWith204() throws Exception {
        TestFiles.Source src = TestFiles.generate(tmp.resolve("java-multiple.mp4"), 20L << 20, 0x5EED_0005L);
        TusUpload upload = new TusUpload(src.path().toFile());
        upload.setMetadata(Api.metadata(OFFICER, "JAVA005", "java-multiple.mp4", src.sha256()));
        TusJava.uploadAll(client(null).createUpload(upload));
        Stored.assertStored(api, clerk, daemon.dataDir(), OFFICER, src);
    }

    private static URL uploadPartial(Path file, long start, long len, String fingerprint) throws Exception {
        TusClient creator = client(null);
        creator.setHeaders(Map.of("Authorization", "Bearer " + dock, "Upload-Concat", "partial"));
        TusUpload part = new TusUpload();
        part.setSize(len);
        part.setFingerprint(fingerprint);
        part.setMetadata(Map.of());
        part.setInputStream(slice(file, start, len));
        URL url = creator.createUpload(part).getUploadURL();

        TusUploader uploader = client(null).beginOrResumeUploadFromURL(part, url);
        uploader.setChunkSize(1 << 20);
        TusJava.uploadAll(uploader);
        assertThat(uploader.getOffset()).isEqualTo(len);
        return url;
    }

    static TusClient client(TusURLStore urls) {
        TusClient c = new TusClient();
        try {
            c.setUploadCreationURL(daemon.filesEndpoint().toURL());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        c.setHeaders(Map.of("Authorization", "Bearer " + dock));
        if (urls != null) {
            c.enableResuming(urls);
        }
        return c;
    }

    static URI toUri(URL url) {
        try {
            return url.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static InputStream slice(Path file, long start, long len) throws IOException {
        FileChannel ch = FileChannel.open(file);
        ch.position(start);
        InputStream in = Channels.newInputStream(ch);
        return new InputStream() {
            long left = len;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = in.read();
                if (b >= 0) {
                    left--;
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int n) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int r = in.read(b, off, (int) Math.min(n, left));
                if (r > 0) {
                    left -= r;
                }
                return r;
            }

            @Override
            public void close() throws IOException {
                ch.close();
            }
        };
    }

    static String sliceSha256(Path file, long start, long len) throws IOException {
        MessageDigest md = TestFiles.sha256();
        byte[] buf = new byte[1 << 20];
        try (InputStream in = slice(file, start, len)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
