package io.camvault.bench;

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
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Review under ingest: 8 viewers seek through segments (random 256 KiB Range requests on the
 * stream URLs, each one audited like any view) first with no uploads, then while 16 tus uploads
 * stream into the same gateway. Prints seek latency p50/p99 of both phases and their ratio.
 *
 * <pre>bench/review-bench.sh [--uploads 16] [--viewers 8] [--upload-mib 256] [--seconds 15]</pre>
 */
public final class ReviewBench {
    private static final int SEEK_BYTES = 256 * 1024;

    public static void main(String[] args) throws Exception {
        int uploads = intArg(args, "--uploads", 16);
        int viewers = intArg(args, "--viewers", 8);
        long uploadBytes = intArg(args, "--upload-mib", 256) * 1024L * 1024L;
        int seconds = intArg(args, "--seconds", 15);
        Path video = Path.of(strArg(args, "--video", null));
        Path dir = Files.createTempDirectory(Path.of(strArg(args, "--tmp", System.getProperty("java.io.tmpdir"))),
                "camvault-review-bench-");
        System.out.printf("review bench: %d uploads of %d MiB, %d viewers, %d s per phase, data %s%n",
                uploads, uploadBytes >> 20, viewers, seconds, dir);
        try (Vault vault = Vault.open(VaultConfig.defaults(dir.resolve("data")), Clock.systemUTC());
             MediaWorker media = MediaWorker.start(vault, new FfmpegMediaTool(), MediaWorker.Settings.DEFAULT);
             GatewayServer server = GatewayServer.start(GatewayConfig.builder().port(0).host("127.0.0.1")
                     .diskReserve(0).build(), vault, media)) {
            String reviewer = token(vault, Role.SUPERVISOR);
            String dock = token(vault, Role.DOCK);
            List<String> streams = new ArrayList<>();
            List<Long> sizes = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Path variant = dir.resolve("variant-" + i + ".mp4");
                run("ffmpeg", "-v", "error", "-y", "-i", video.toString(), "-c", "copy", "-metadata",
                        "comment=variant " + i, variant.toString());
                IngestResult r = commit(vault, variant, i);
                streams.add("http://127.0.0.1:" + server.port() + "/api/v1/segments/" + r.segment().id() + "/stream");
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!media.idle() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            for (String s : streams) {
                HttpResponse<Void> h = http.send(get(s, reviewer, "bytes=0-0"), HttpResponse.BodyHandlers.discarding());
                String range = h.headers().firstValue("Content-Range").orElseThrow(
                        () -> new IllegalStateException("no rendition for " + s + ": HTTP " + h.statusCode()));
                sizes.add(Long.parseLong(range.substring(range.indexOf('/') + 1)));
            }
            System.out.printf("segments: %d renditions of %s (%d bytes each)%n", streams.size(), video.getFileName(),
                    sizes.get(0));

            Latencies warm = seek(http, streams, sizes, reviewer, viewers, 3, new AtomicBoolean(false));
            Latencies idle = seek(http, streams, sizes, reviewer, viewers, seconds, new AtomicBoolean(false));
            System.out.println("warm-up: " + warm.summary());
            System.out.println("idle:    " + idle.summary());

            AtomicBoolean anyUploadDone = new AtomicBoolean(false);
            AtomicLong uploaded = new AtomicLong();
            CountDownLatch done = new CountDownLatch(uploads);
            List<Thread> uploaders = new ArrayList<>();
            String files = "http://127.0.0.1:" + server.port() + "/files/";
            long t0 = System.nanoTime();
            for (int i = 0; i < uploads; i++) {
                int n = i;
                Thread t = started("upload-" + i, () -> {
                    try {
                        upload(http, files, dock, n, uploadBytes);
                        uploaded.addAndGet(uploadBytes);
                    } catch (Exception e) {
                        System.out.println("upload " + n + " failed: " + e);
                    } finally {
                        anyUploadDone.set(true);
                        done.countDown();
                    }
                });
                uploaders.add(t);
            }
            Thread.sleep(500); // let all 16 streams get going
            Latencies loaded = seek(http, streams, sizes, reviewer, viewers, seconds, anyUploadDone);
            boolean cutShort = anyUploadDone.get();
            done.await();
            double uploadSecs = (System.nanoTime() - t0) / 1e9;
            System.out.println("loaded:  " + loaded.summary() + (cutShort ? " (window ended when the first upload finished)" : ""));
            System.out.printf("uploads: %d x %d MiB in %.1f s = %.1f MB/s%n", uploads, uploadBytes >> 20, uploadSecs,
                    uploaded.get() / 1e6 / uploadSecs);
            System.out.printf("ratio loaded/idle: p50 %.2f, p99 %.2f%n", loaded.micros(0.5) / idle.micros(0.5),
                    loaded.micros(0.99) / idle.micros(0.99));
        } finally {
            deleteTree(dir);
        }
    }

    /** Viewers seek at random until {@code seconds} pass or {@code stop} turns true. */
    private static Latencies seek(HttpClient http, List<String> streams, List<Long> sizes, String token, int viewers,
            int seconds, AtomicBoolean stop) throws InterruptedException {
        Latencies all = new Latencies(10_000);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> threads = new ArrayList<>();
        // a probe without index access or audit write (a static page file): separates network and CPU
        // contention from the cost of the audited lookup
        String probe = streams.get(0).substring(0, streams.get(0).indexOf("/api/")) + "/review/app.css";
        Latencies probes = new Latencies(1000);
        threads.add(started("probe", () -> {
            while (System.nanoTime() < end && !stop.get()) {
                long t = System.nanoTime();
                try {
                    http.send(HttpRequest.newBuilder(URI.create(probe)).GET().build(),
                            HttpResponse.BodyHandlers.discarding());
                    probes.add(System.nanoTime() - t);
                    Thread.sleep(20);
                } catch (Exception e) {
                    return;
                }
            }
        }));
        for (int v = 0; v < viewers; v++) {
            threads.add(started("viewer-" + v, () -> {
                Latencies mine = new Latencies(1000);
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                byte[] sink = new byte[64 * 1024];
                while (System.nanoTime() < end && !stop.get()) {
                    int i = rnd.nextInt(streams.size());
                    long from = rnd.nextLong(Math.max(1, sizes.get(i) - SEEK_BYTES));
                    long t = System.nanoTime();
                    try {
                        HttpResponse<InputStream> r = http.send(get(streams.get(i), token,
                                "bytes=" + from + "-" + (from + SEEK_BYTES - 1)), HttpResponse.BodyHandlers.ofInputStream());
                        try (InputStream in = r.body()) {
                            while (in.read(sink) >= 0) {
                                // drain
                            }
                        }
                        if (r.statusCode() != 206) {
                            throw new IllegalStateException("HTTP " + r.statusCode());
                        }
                    } catch (Exception e) {
                        System.out.println("seek failed: " + e);
                        continue;
                    }
                    mine.add(System.nanoTime() - t);
                }
                synchronized (all) {
                    for (int k = 0; k < mine.count(); k++) {
                        all.add(mine.sample(k));
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        System.out.println("  unaudited static probe: " + probes.summary());
        return all;
    }

    private static void upload(HttpClient http, String files, String token, int n, long length) throws Exception {
        Instant start = Instant.parse("2026-11-20T08:00:00Z").plusSeconds(n * 600L);
        Map<String, String> meta = Map.of("filename", "BENCH" + n + ".mp4", "recorder", "B" + (1000000 + n),
                "officer", Integer.toString(300000 + n), "unit", "110105000000", "recordedStart", start.toString(),
                "recordedEnd", start.plusSeconds(300).toString(), "trigger", "scheduled");
        StringBuilder header = new StringBuilder();
        for (Map.Entry<String, String> e : meta.entrySet()) {
            if (header.length() > 0) {
                header.append(',');
            }
            header.append(e.getKey()).append(' ')
                    .append(Base64.getEncoder().encodeToString(e.getValue().getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<Void> created = http.send(HttpRequest.newBuilder(URI.create(files))
                .header("Authorization", "Bearer " + token).header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", Long.toString(length)).header("Upload-Metadata", header.toString())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("create: HTTP " + created.statusCode());
        }
        URI location = URI.create(files).resolve(created.headers().firstValue("Location").orElseThrow());
        HttpResponse<Void> patched = http.send(HttpRequest.newBuilder(location)
                .header("Authorization", "Bearer " + token).header("Tus-Resumable", "1.0.0")
                .header("Upload-Offset", "0").header("Content-Type", "application/offset+octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> new Generated(n, length)), length))
                .build(), HttpResponse.BodyHandlers.discarding());
        if (patched.statusCode() != 204) {
            throw new IllegalStateException("patch: HTTP " + patched.statusCode());
        }
    }

    /**
     * Incompressible bytes, different per upload, generated on the fly with no client disk I/O and
     * almost no client CPU (the client shares the two cores with the server): one random 1 MiB
     * block per upload, with the block number stamped into its first 8 bytes each time round.
     */
    private static final class Generated extends InputStream {
        private final byte[] block = new byte[1 << 20];
        private long left;
        private int pos = block.length;
        private long blocks;

        Generated(int seed, long length) {
            this.left = length;
            new Random(seed).nextBytes(block);
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                return -1;
            }
            if (pos == block.length) {
                long stamp = blocks++;
                for (int i = 0; i < 8; i++) {
                    block[i] = (byte) (stamp >>> (8 * i));
                }
                pos = 0;
            }
            int n = (int) Math.min(Math.min(len, block.length - pos), left);
            System.arraycopy(block, pos, b, off, n);
            pos += n;
            left -= n;
            return n;
        }
    }

    private static HttpRequest get(String url, String token, String range) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Range", range).GET().build();
    }

    private static IngestResult commit(Vault vault, Path file, int i) throws Exception {
        Instant start = Instant.parse("2026-11-20T08:00:00Z").plusSeconds(i * 60L);
        SegmentDraft d = new SegmentDraft(null, file.getFileName().toString(), "A123456", "100234", "110105000000",
                start, start.plusSeconds(20), 0, "hall-1", Trigger.SCHEDULED, "p_bench");
        try (java.io.InputStream in = Files.newInputStream(file)) {
            return vault.ingest(in, d);
        }
    }

    private static String token(Vault vault, Role role) {
        IssuedToken[] issued = new IssuedToken[1];
        vault.commit(b -> issued[0] = vault.principals().create(b, "bench-" + role.wireName(), Set.of(role), null,
                vault.clock().instant()), List.of());
        return issued[0].token();
    }

    private static Thread started(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.start();
        return t;
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed");
        }
    }

    private static int intArg(String[] args, String name, int dflt) {
        String v = strArg(args, name, null);
        return v == null ? dflt : Integer.parseInt(v);
    }

    private static String strArg(String[] args, String name, String dflt) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return dflt;
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                p.toFile().setWritable(true);
                Files.deleteIfExists(p);
            }
        }
    }
}
