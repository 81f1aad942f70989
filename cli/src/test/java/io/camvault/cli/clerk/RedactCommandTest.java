package io.camvault.cli.clerk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camvault.cli.CamvaultMain;
import io.camvault.cli.ExitCodes;
import io.camvault.gateway.GatewayConfig;
import io.camvault.gateway.GatewayServer;
import io.camvault.vault.Vault;
import io.camvault.vault.VaultConfig;
import io.camvault.vault.auth.IssuedToken;
import io.camvault.vault.media.MediaWorker;
import io.camvault.vault.media.ffmpeg.FfmpegMediaTool;
import io.camvault.vault.model.Role;
import io.camvault.vault.model.Segment;
import io.camvault.vault.model.SegmentDraft;
import io.camvault.vault.model.Trigger;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code camvault redact} against an in-process daemon with media work: make, list, show, download. */
class RedactCommandTest {
    @TempDir
    Path dir;
    Vault vault;
    MediaWorker media;
    GatewayServer server;
    String clerk;
    Segment seg;

    record Run(int code, String out, String err) {
    }

    @BeforeEach
    void start() throws Exception {
        vault = Vault.open(VaultConfig.defaults(dir.resolve("data")), Clock.systemUTC());
        media = MediaWorker.start(vault, new FfmpegMediaTool(),
                new MediaWorker.Settings(1, Duration.ofMillis(100), MediaWorker.Settings.DEFAULT.proxy()));
        server = GatewayServer.start(GatewayConfig.builder().port(0).host("127.0.0.1").diskReserve(0).build(),
                vault, media);
        IssuedToken[] t = new IssuedToken[1];
        vault.commit(b -> t[0] = vault.principals().create(b, "clerk-r", Set.of(Role.CLERK), null,
                vault.clock().instant()), List.of());
        clerk = t[0].token();
        Instant start = Instant.parse("2026-11-20T08:30:00Z");
        SegmentDraft d = new SegmentDraft(null, "A123456_100234_20261120083000.mp4", "A123456", "100234",
                "110105000000", start, start.plusSeconds(4), 0, "hall-1", Trigger.MANUAL, "p_dock", null, null);
        try (InputStream in = Files.newInputStream(media().resolve("A123456_100234_20261120083000.mp4"))) {
            seg = vault.ingest(in, d).segment();
        }
    }

    @AfterEach
    void stop() {
        server.close();
        media.close();
        vault.close();
    }

    static Path media() {
        Path p = Path.of("").toAbsolutePath();
        for (int i = 0; i < 3 && p != null; i++, p = p.getParent()) {
            if (Files.isDirectory(p.resolve("test-media"))) {
                return p.resolve("test-media");
            }
        }
        throw new IllegalStateException("test-media/ not found");
    }

    Run as(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--server");
        all.add("http://127.0.0.1:" + server.port());
        all.add("--token");
        all.add(clerk);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CamvaultMain.run(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void redactMakesACopyThatListShowAndDownloadAgreeOn() throws Exception {
        String[] spec = {"--box", "1180,660,520,290@1-3", "--mute", "1-2", "--method", "blur"};
        Run printed = as(concat(new String[] {"redact", seg.id().toString(), "--print-spec"}, spec));
        assertThat(printed.code()).as(printed.err()).isZero();
        String specHash = printed.out().lines().filter(l -> l.startsWith("sha256 ")).findFirst().orElseThrow().substring(7);

        Run made = as(concat(new String[] {"redact", seg.id().toString()}, spec));
        assertThat(made.code()).as(made.err()).isZero();
        Matcher m = Pattern.compile("redaction (\\S+) done: ([0-9a-f]{64})").matcher(made.out());
        assertThat(m.find()).as(made.out()).isTrue();
        String id = m.group(1);
        String copyHash = m.group(2);
        assertThat(made.out()).contains("spec " + specHash);

        Run list = as("redact", "list", seg.id().toString());
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains(id).contains(copyHash);

        Run show = as("redact", "show", id);
        JsonNode shown = new ObjectMapper().readTree(show.out());
        assertThat(shown.path("sourceSha256").asText()).isEqualTo(seg.sha256().hex());
        assertThat(shown.path("specSha256").asText()).isEqualTo(specHash);
        assertThat(shown.path("spec").path("method").asText()).isEqualTo("blur");

        Path file = dir.resolve("public.mp4");
        Run got = as("redact", "download", id, "--out", file.toString());
        assertThat(got.code()).as(got.err()).isZero();
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))))
                .isEqualTo(copyHash);
    }

    @Test
    void mistakesAreUsageErrorsWithTheReason() {
        Run bad = as("redact", seg.id().toString(), "--box", "1,2,3@1-2");
        assertThat(bad.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("x,y,w,h@from-to");
        Run nothing = as("redact", seg.id().toString());
        assertThat(nothing.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(nothing.err()).contains("nothing to hide");
        Run method = as("redact", seg.id().toString(), "--mute", "0-1", "--method", "smudge");
        assertThat(method.code()).isEqualTo(ExitCodes.USAGE);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
