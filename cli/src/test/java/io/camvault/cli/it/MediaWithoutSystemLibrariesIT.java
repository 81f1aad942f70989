package io.camvault.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tus.java.client.TusClient;
import io.tus.java.client.TusUpload;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon's jar does all media work (probe, rendition, poster, fast and exact clips) needing
 * nothing from the system but what every Debian or Ubuntu machine has: not the sound server
 * (libpulse0), ALSA, X11 or an installed FFmpeg. The machine keeps them; {@link HiddenLibraries}
 * hides them from the daemon. Without root that test is skipped, except under CI, where it fails.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MediaWithoutSystemLibrariesIT {
    static final Duration MEDIA_TIMEOUT = Duration.ofMinutes(3);
    static final String H264 = "A123456_100234_20261120083000.mp4";
    static final String HEVC = "A123456_100234_20261120091500.mp4";

    @TempDir
    Path tmp;
    Daemon daemon;

    @AfterEach
    void stopDaemon() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void mediaWorkNeedsNoSoundServerAndNoInstalledFfmpeg() throws Exception {
        boolean ci = "true".equals(System.getenv("CI"));
        if (!ci) {
            assumeTrue(HiddenLibraries.available(), "cannot make a private mount namespace here (needs root and"
                    + " unshare): media work without the system libraries not checked");
        }
        assertThat(HiddenLibraries.available()).as("unshare --mount works (CI runs as root)").isTrue();
        daemon = Daemon.create(tmp).launcher(HiddenLibraries.launcher());
        String dock = daemon.createToken("dock", "hidden-libs-dock");
        String clerk = daemon.createToken("clerk", "hidden-libs-clerk");
        daemon.start();

        JsonNode h264 = mediaDone(upload(dock, clerk, H264, "300101"), clerk);
        assertThat(h264.path("videoCodec").asText()).isEqualTo("h264");
        assertThat(h264.path("rendition").asBoolean()).as("remuxed rendition").isTrue();
        assertThat(h264.path("thumbnail").asBoolean()).as("poster").isTrue();
        JsonNode hevc = mediaDone(upload(dock, clerk, HEVC, "300102"), clerk);
        assertThat(hevc.path("videoCodec").asText()).isEqualTo("hevc");
        assertThat(hevc.path("rendition").asBoolean()).as("transcoded rendition").isTrue();

        Api api = new Api(daemon.base());
        String id = segmentId(api, clerk, "300101");
        HttpResponse<byte[]> poster = getBytes(api, "/api/v1/segments/" + id + "/thumbnail", clerk);
        assertThat(poster.statusCode()).isEqualTo(200);
        assertThat(poster.body()).startsWith((byte) 0xFF, (byte) 0xD8); // JPEG
        assertThat(getBytes(api, "/api/v1/segments/" + id + "/stream", clerk).statusCode()).isEqualTo(200);
        for (boolean exact : new boolean[] {false, true}) {
            HttpResponse<String> clip = api.send(HttpRequest.newBuilder(daemon.base().resolve("/api/v1/segments/" + id + "/clips"))
                    .header("Authorization", "Bearer " + clerk).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"from\":0.5,\"to\":2.5,\"exact\":" + exact + "}"))
                    .timeout(Duration.ofMinutes(2)).build());
            assertThat(clip.statusCode()).as("clip exact=%s: %s", exact, clip.body()).isEqualTo(201);
            HttpResponse<byte[]> bytes = getBytes(api, Api.read(clip.body()).path("url").asText(), clerk);
            assertThat(bytes.statusCode()).isEqualTo(200);
            assertThat(bytes.body().length).as("clip bytes").isGreaterThan(1000);
        }
        assertThat(daemon.log()).doesNotContain("media.unavailable").doesNotContain("media.failed");
        assertThat(mappedLibraries()).noneMatch(l -> l.contains("libavdevice") || l.contains("libpulse"));
        assertThat(daemon.stop()).isZero();
    }

    /** Where the machine has them all, the daemon still never loads libavdevice or the sound server. */
    @Test
    void theDaemonNeverLoadsLibavdevice() throws Exception {
        daemon = Daemon.create(tmp);
        String dock = daemon.createToken("dock", "avdevice-dock");
        String clerk = daemon.createToken("clerk", "avdevice-clerk");
        daemon.start();
        JsonNode media = mediaDone(upload(dock, clerk, H264, "300103"), clerk);
        assertThat(media.path("thumbnail").asBoolean()).isTrue();
        assertThat(mappedLibraries()).as("libraries the daemon mapped").anyMatch(l -> l.contains("libavcodec"))
                .noneMatch(l -> l.contains("libavdevice") || l.contains("libpulse"));
        assertThat(daemon.stop()).isZero();
    }

    private String upload(String dock, String clerk, String sample, String officer) throws Exception {
        Path file = testMedia().resolve(sample);
        TusUpload upload = new TusUpload(file.toFile());
        upload.setMetadata(Api.metadata(officer, "A123456", sample, TestFiles.sha256Hex(file)));
        TusClient client = new TusClient();
        client.setUploadCreationURL(daemon.filesEndpoint().toURL());
        client.setHeaders(Map.of("Authorization", "Bearer " + dock));
        TusJava.uploadAll(client.createUpload(upload));
        return segmentId(new Api(daemon.base()), clerk, officer);
    }

    private static String segmentId(Api api, String clerk, String officer) {
        List<JsonNode> found = api.segmentsOfOfficer(clerk, officer);
        assertThat(found).as("segments of officer %s", officer).hasSize(1);
        return found.get(0).path("id").asText();
    }

    /** The segment's media facts once its media job is done (the daemon works in the background). */
    private JsonNode mediaDone(String id, String clerk) {
        Api api = new Api(daemon.base());
        long deadline = System.nanoTime() + MEDIA_TIMEOUT.toNanos();
        JsonNode media = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = api.get("/api/v1/segments/" + id, clerk);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            media = Api.read(r.body()).path("media");
            if ("done".equals(media.path("status").asText())) {
                assertThat(media.path("playability").asText()).as(media.toString()).isNotEqualTo("unplayable");
                return media;
            }
            Daemon.sleep(250);
        }
        throw new AssertionError("media work on segment " + id + " not done within " + MEDIA_TIMEOUT + ": " + media
                + "\n" + daemon.logTail());
    }

    private static HttpResponse<byte[]> getBytes(Api api, String path, String token) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(api.base().resolve(path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private List<String> mappedLibraries() throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(daemon.pid()), "maps"), StandardCharsets.UTF_8)
                .stream().filter(l -> l.contains(".so")).map(l -> l.substring(l.lastIndexOf(' ') + 1)).distinct().toList();
    }

    static Path testMedia() {
        Path p = Path.of("").toAbsolutePath();
        for (int i = 0; i < 3 && p != null; i++, p = p.getParent()) {
            if (Files.isDirectory(p.resolve("test-media"))) {
                return p.resolve("test-media");
            }
        }
        throw new IllegalStateException("test-media/ not found above " + Path.of("").toAbsolutePath());
    }
}
