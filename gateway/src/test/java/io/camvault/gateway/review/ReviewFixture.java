package io.camvault.gateway.review;

import io.camvault.gateway.GatewayConfig;
import io.camvault.gateway.GatewayServer;
import io.camvault.vault.IngestResult;
import io.camvault.vault.Vault;
import io.camvault.vault.VaultConfig;
import io.camvault.vault.auth.IssuedToken;
import io.camvault.vault.media.MediaWorker;
import io.camvault.vault.media.ffmpeg.FfmpegMediaTool;
import io.camvault.vault.model.Role;
import io.camvault.vault.model.SegmentDraft;
import io.camvault.vault.model.Sha256;
import io.camvault.vault.model.Trigger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** A real vault, media worker and gateway on loopback, with one token per role. */
final class ReviewFixture implements AutoCloseable {
    static final Path MEDIA = locate();
    static final String H264 = "A123456_100234_20261120083000.mp4";
    static final String HEVC = "A123456_100234_20261120091500.mp4";

    final Vault vault;
    final MediaWorker media;
    final GatewayServer server;

    ReviewFixture(Path dir) {
        this(dir, null);
    }

    /** Over HTTPS when {@code tls} is given. */
    ReviewFixture(Path dir, io.camvault.gateway.tls.TlsConfig tls) {
        vault = Vault.open(VaultConfig.defaults(dir.resolve("data")), Clock.systemUTC());
        media = MediaWorker.start(vault, new FfmpegMediaTool(),
                new MediaWorker.Settings(1, Duration.ofMillis(100), MediaWorker.Settings.DEFAULT.proxy()));
        server = GatewayServer.start(GatewayConfig.builder().port(0).host("127.0.0.1").diskReserve(0).tls(tls).build(),
                vault, media);
    }

    String token(Role role) {
        IssuedToken[] issued = new IssuedToken[1];
        vault.commit(b -> issued[0] = vault.principals().create(b, role.wireName() + "-" + System.nanoTime(),
                Set.of(role), null, vault.clock().instant()), List.of());
        return issued[0].token();
    }

    String base() {
        return (server.config().tls() == null ? "http" : "https") + "://127.0.0.1:" + server.port();
    }

    IngestResult ingest(String sample, String officer, Instant start, Trigger trigger) throws Exception {
        return ingest(sample, officer, null, start, trigger);
    }

    /** Ingests a sample recorded by {@code officer} (a badge) whose name the dock read as {@code officerName}. */
    IngestResult ingest(String sample, String officer, String officerName, Instant start, Trigger trigger)
            throws Exception {
        Path src = MEDIA.resolve(sample);
        SegmentDraft d = new SegmentDraft(null, sample, "A123456", officer, "110105000000", start,
                start.plusSeconds(5), 0, "hall-1", trigger, "p_dock", officerName,
                officerName == null ? null : "南京市公安局玄武分局");
        try (java.io.InputStream in = Files.newInputStream(src)) {
            return vault.ingest(in, d);
        }
    }

    void awaitMedia() throws InterruptedException {
        media.wake();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!media.idle() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        if (!media.idle()) {
            throw new AssertionError("media queue not drained in 60 s");
        }
    }

    @Override
    public void close() {
        server.close();
        media.close();
        vault.close();
    }

    static void deleteTree(Path dir) throws java.io.IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                p.toFile().setWritable(true);
                Files.deleteIfExists(p);
            }
        }
    }

    static Path locate() {
        Path p = Path.of("").toAbsolutePath();
        for (int i = 0; i < 3 && p != null; i++, p = p.getParent()) {
            if (Files.isDirectory(p.resolve("test-media"))) {
                return p.resolve("test-media");
            }
        }
        throw new IllegalStateException("test-media/ not found");
    }
}
