package io.camvault.vault.media.ffmpeg;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The committed samples under test-media/ and an ffprobe runner to check our facts against. */
final class Samples {

    static final Path DIR = locate();
    static final String H264 = "A123456_100234_20261120083000.mp4";
    static final String HEVC = "A123456_100234_20261120091500.mp4";
    static final String MJPEG_AVI = "B765432_100235_20261120100000.avi";
    static final String AAC = "C222333_100236_20261120103000.m4a";
    static final String WAV = "C222333_100236_20261120104500.wav";
    static final String PHOTO = "A123456_100234_20261120110000.jpg";
    static final String TRUNCATED = "A123456_100234_20261120113000.mp4";

    static final List<String> READABLE = List.of(H264, HEVC, MJPEG_AVI, AAC, WAV, PHOTO);
    static final List<String> STREAMABLE = List.of(H264, HEVC, MJPEG_AVI, AAC, WAV);

    private Samples() {
    }

    static Path path(String name) {
        return DIR.resolve(name);
    }

    static Stream<String> readable() {
        return READABLE.stream();
    }

    static Stream<String> streamable() {
        return STREAMABLE.stream();
    }

    private static Path locate() {
        Path p = Path.of("").toAbsolutePath();
        for (int i = 0; i < 3 && p != null; i++, p = p.getParent()) {
            if (Files.isDirectory(p.resolve("test-media"))) {
                return p.resolve("test-media");
            }
        }
        throw new IllegalStateException("test-media/ not found above " + Path.of("").toAbsolutePath());
    }

    static boolean hasCli(String tool) {
        try {
            Process p = new ProcessBuilder(tool, "-version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static JsonNode ffprobe(Path file) throws IOException, InterruptedException {
        // An independent program (the system's ffmpeg package, which .ci/test installs); the ffprobe
        // inside FFmpeg's natives jar would need libavdevice and with it the sound server.
        if (!"true".equals(System.getenv("CI"))) {
            assumeTrue(hasCli("ffprobe"), "ffprobe CLI not installed: probe cross-check skipped");
        }
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-show_format", "-show_streams",
                "-of", "json", file.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String json = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("ffprobe failed on " + file);
        }
        return new ObjectMapper().readTree(json);
    }

    /** The first stream of a type, skipping cover art as our probe does. */
    static JsonNode stream(JsonNode probe, String type) {
        for (JsonNode s : probe.path("streams")) {
            if (type.equals(s.path("codec_type").asText())
                    && s.path("disposition").path("attached_pic").asInt(0) == 0) {
                return s;
            }
        }
        return null;
    }
}
