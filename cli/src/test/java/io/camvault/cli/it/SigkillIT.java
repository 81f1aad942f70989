package io.camvault.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tus.java.client.TusClient;
import io.tus.java.client.TusURLMemoryStore;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon as a separate process is SIGKILLed while a large upload streams and small ones come
 * and go, then restarted on the same data directory. Whatever got its final 204 before the kill
 * must be intact; the large upload resumes from the partial file's size, which lies between the
 * last offset acknowledged and the bytes sent; nothing half-done becomes a segment.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class SigkillIT {
    static final String OFFICER = "400001";
    static final long LARGE = 400L << 20;
    static final long KILL_AFTER = 165L << 20; // mid-request: not a multiple of PAYLOAD
    static final int PAYLOAD = 10 << 20; // tus-java-client's default bytes per PATCH request

    @TempDir
    Path tmp;
    Daemon daemon;

    @AfterEach
    void killDaemon() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void sigkillMidUploadLosesNothingAcknowledgedAndTheUploadResumes() throws Exception {
        daemon = Daemon.create(tmp);
        String dock = daemon.createToken("dock", "dock-sigkill-it");
        String clerk = daemon.createToken("clerk", "clerk-sigkill-it");
        daemon.start();
        int port = daemon.port();
        Api api = new Api(daemon.base());
        Path src = Files.createDirectories(tmp.resolve("src"));

        // Uploads that complete before the kill.
        List<TestFiles.Source> acknowledged = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 2; i++) {
            TestFiles.Source s = TestFiles.generate(src.resolve("done-" + i + ".mp4"), 48L << 20, 0xD0_0000L + i);
            upload(dock, s, "KILL00" + i, null);
            acknowledged.add(s);
        }

        // Small uploads keep coming and going until the kill.
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<TestFiles.Source> inFlightSmall = new AtomicReference<>();
        Thread smalls = new Thread(() -> {
            for (int i = 0; !stop.get() && i < 10_000; i++) {
                TestFiles.Source s = TestFiles.generate(src.resolve("small-" + i + ".mp4"), 2L << 20, 0x5A_0000L + i);
                inFlightSmall.set(s);
                try {
                    upload(dock, s, "KILLSML", null);
                } catch (Exception | AssertionError e) {
                    return; // the daemon died under this one: not acknowledged
                }
                acknowledged.add(s);
                inFlightSmall.set(null);
            }
        }, "small-uploads");
        smalls.start();

        // The large one, killed mid-PATCH.
        TestFiles.Source large = TestFiles.generate(src.resolve("large.mp4"), LARGE, 0x1A_0000L);
        TusURLMemoryStore urls = new TusURLMemoryStore();
        TusUpload up = new TusUpload(large.path().toFile());
        up.setMetadata(Api.metadata(OFFICER, "KILLBIG", "large.mp4", large.sha256()));
        TusUploader uploader = client(dock, urls).createUpload(up);
        uploader.setChunkSize(1 << 20);
        uploader.setRequestPayloadSize(PAYLOAD);
        URI largeUrl = uploader.getUploadURL().toURI();
        TusJava.uploadUntil(uploader, KILL_AFTER);
        long sent = uploader.getOffset();
        long acked = sent - sent % PAYLOAD; // each PATCH's 204 is read when its payload is full

        daemon.kill();
        stop.set(true);
        smalls.join(TimeUnit.SECONDS.toMillis(60));
        assertThat(smalls.isAlive()).isFalse();
        System.out.printf("sigkill: killed with %d bytes of the large upload sent, %d acknowledged; %d uploads acknowledged%n",
                sent, acked, acknowledged.size());
        assertThat(TestFiles.objectPath(daemon.dataDir(), large.sha256())).doesNotExist();

        restart(port);
        api = new Api(daemon.base());

        // The interrupted upload: offset from the partial file, within [acked, sent], not committed.
        String id = lastSegment(largeUrl);
        Api.Head head = api.head(largeUrl, dock);
        assertThat(head.status()).as("HEAD after restart").isEqualTo(200);
        assertThat(head.length()).isEqualTo(LARGE);
        assertThat(head.offset()).as("offset after restart").isBetween(acked, sent);
        Path part = partFile(daemon.dataDir(), id);
        assertThat(Files.size(part)).as("offset is the size of %s", part).isEqualTo(head.offset());
        Stored.assertNotStored(api, clerk, daemon.dataDir(), OFFICER, large.sha256());

        // Every acknowledged upload is intact; nothing else was committed (bar the small one
        // whose 204 the kill may have swallowed).
        for (TestFiles.Source s : acknowledged) {
            Stored.assertStored(api, clerk, daemon.dataDir(), OFFICER, s);
        }
        Set<String> known = acknowledged.stream().map(TestFiles.Source::sha256).collect(Collectors.toCollection(HashSet::new));
        TestFiles.Source maybe = inFlightSmall.get();
        if (maybe != null) {
            known.add(maybe.sha256());
        }
        List<JsonNode> segments = api.segmentsOfOfficer(clerk, OFFICER);
        for (JsonNode s : segments) {
            assertThat(known).as("segment %s", s).contains(s.path("sha256").asText().toLowerCase());
        }
        if (maybe != null && segments.stream().anyMatch(s -> maybe.sha256().equalsIgnoreCase(s.path("sha256").asText()))) {
            Stored.assertStored(api, clerk, daemon.dataDir(), OFFICER, maybe);
        }

        // Resume with a new client from the stored URL, as a dock would after the gateway comes back.
        TusUpload again = new TusUpload(large.path().toFile());
        again.setMetadata(up.getMetadata());
        TusUploader resumed = client(dock, urls).resumeUpload(again);
        assertThat(resumed.getOffset()).isEqualTo(head.offset());
        resumed.setChunkSize(1 << 20);
        TusJava.uploadAll(resumed);
        Stored.assertStored(api, clerk, daemon.dataDir(), OFFICER, large);
    }

    private void upload(String token, TestFiles.Source s, String recorder, TusURLMemoryStore urls) throws Exception {
        TusUpload up = new TusUpload(s.path().toFile());
        up.setMetadata(Api.metadata(OFFICER, recorder, s.path().getFileName().toString(), s.sha256()));
        TusUploader u = client(token, urls).createUpload(up);
        u.setChunkSize(1 << 20);
        TusJava.uploadAll(u); // returns only after the final 204
    }

    private TusClient client(String token, TusURLMemoryStore urls) {
        TusClient c = new TusClient();
        try {
            c.setUploadCreationURL(daemon.filesEndpoint().toURL());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        c.setHeaders(Map.of("Authorization", "Bearer " + token));
        if (urls != null) {
            c.enableResuming(urls);
        }
        return c;
    }

    /** Restart on the same port (stored upload URLs name it); the old socket may linger a moment. */
    private void restart(int port) {
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            try {
                daemon.start(port);
                return;
            } catch (IllegalStateException e) {
                last = e;
                daemon.close();
                Daemon.sleep(1000);
            }
        }
        throw last;
    }

    private static String lastSegment(URI url) {
        String p = url.getPath();
        return p.substring(p.lastIndexOf('/') + 1);
    }

    /** The partial file of an upload in the data directory: its name holds the id and ends in {@code .part}. */
    private static Path partFile(Path dataDir, String id) throws IOException {
        List<Path> named;
        try (Stream<Path> s = Files.walk(dataDir)) {
            named = s.filter(Files::isRegularFile).filter(p -> p.toString().contains(id)).collect(Collectors.toList());
        }
        List<Path> parts = new ArrayList<>(named.stream().filter(p -> p.getFileName().toString().endsWith(".part")).toList());
        assertThat(parts).as("the .part file of upload %s among %s", id, named).hasSize(1);
        return parts.get(0);
    }
}
