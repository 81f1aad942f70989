package io.camvault.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A fresh daemon's first minute against its warm rate (issue 22). Starts {@code camvault serve}
 * through the given launcher command on a new data directory and, from the moment the process is
 * launched, keeps {@code --clients} uploaders sending {@code --kib} KiB recordings (tus
 * creation-with-upload, SHA-256 declared, distinct bytes) for {@code --seconds}; bytes are
 * counted per second since launch when the daemon acknowledges them. Prints one JSON line: time to
 * the first acknowledged upload, MB/s over the first 60 s since launch, MB/s over the last 60 s
 * (warm), and their ratio. The launcher (with or without a class cache) is the variable; run it
 * alternately, as bench/first-minute-bench.sh does.
 *
 * <p>Usage: {@code FirstMinuteBench --launcher /path/camvault --data DIR --token T --port P
 * [--clients 8] [--kib 1024] [--seconds 180]}
 */
public final class FirstMinuteBench {
    public static void main(String[] args) throws Exception {
        Map<String, String> a = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i], args[i + 1]);
        }
        String launcher = a.get("--launcher");
        Path data = Path.of(a.get("--data"));
        String token = a.get("--token");
        int port = Integer.parseInt(a.get("--port"));
        int clients = Integer.parseInt(a.getOrDefault("--clients", "8"));
        int kib = Integer.parseInt(a.getOrDefault("--kib", "1024"));
        int seconds = Integer.parseInt(a.getOrDefault("--seconds", "180"));
        Path log = data.resolveSibling(data.getFileName() + ".log");

        AtomicLongArray perSecond = new AtomicLongArray(seconds + 1);
        AtomicLong firstAck = new AtomicLong(-1);
        long launched = System.nanoTime();
        Process daemon = new ProcessBuilder(launcher, "serve", "--data", data.toString(), "--host", "127.0.0.1",
                "--port", Integer.toString(port)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        URI files = URI.create("http://127.0.0.1:" + port + "/files/");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long deadline = launched + TimeUnit.SECONDS.toNanos(seconds);
        for (int c = 0; c < clients; c++) {
            int client = c;
            pool.submit(() -> {
                byte[] body = new byte[kib << 10];
                for (int n = 0; System.nanoTime() < deadline; n++) {
                    fill(body, client, n);
                    try {
                        HttpResponse<Void> r = http.send(request(files, token, body, client, n), HttpResponse.BodyHandlers.discarding());
                        long now = System.nanoTime();
                        if (r.statusCode() == 201 && now < deadline) {
                            int second = (int) TimeUnit.NANOSECONDS.toSeconds(now - launched);
                            perSecond.addAndGet(second, body.length);
                            firstAck.compareAndSet(-1, now - launched);
                        }
                    } catch (IOException e) {
                        sleep(50); // not listening yet
                    } catch (InterruptedException e) {
                        return null;
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 120L, TimeUnit.SECONDS);
        daemon.destroy();
        daemon.waitFor(60, TimeUnit.SECONDS);
        long first = sum(perSecond, 0, 60);
        long warm = sum(perSecond, seconds - 60, seconds);
        List<String> series = new ArrayList<>();
        for (int s = 0; s < seconds; s++) {
            series.add(String.format("%.1f", perSecond.get(s) / 1e6));
        }
        System.out.printf("{\"firstAckSeconds\":%.2f,\"firstMinuteMBps\":%.1f,\"warmMBps\":%.1f,\"ratio\":%.3f,\"perSecondMB\":[%s]}%n",
                firstAck.get() / 1e9, first / 60e6, warm / 60e6, warm == 0 ? 0 : (double) first / warm, String.join(",", series));
    }

    private static long sum(AtomicLongArray a, int from, int to) {
        long s = 0;
        for (int i = Math.max(0, from); i < Math.min(to, a.length()); i++) {
            s += a.get(i);
        }
        return s;
    }

    private static void fill(byte[] body, int client, int n) {
        long x = 0x9E3779B97F4A7C15L * (client * 1_000_003L + n + 1);
        for (int i = 0; i < body.length; i += 8) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            for (int k = 0; k < 8 && i + k < body.length; k++) {
                body[i + k] = (byte) (x >>> (8 * k));
            }
        }
    }

    private static HttpRequest request(URI files, String token, byte[] body, int client, int n) throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        String serial = String.format("F%06d", client);
        Map<String, String> m = Map.of("filename", serial + "_100001_" + (20260101000000L + n) + ".mp4",
                "recorder", serial, "officer", "100001", "unit", "330100000000",
                "recordedStart", "2026-01-01T00:00:00Z", "recordedEnd", "2026-01-01T00:10:00Z",
                "trigger", "scheduled", "sha256", sha);
        StringBuilder meta = new StringBuilder();
        m.forEach((k, v) -> meta.append(meta.length() == 0 ? "" : ",").append(k).append(' ')
                .append(Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        return HttpRequest.newBuilder(files).timeout(Duration.ofSeconds(60))
                .header("Tus-Resumable", "1.0.0").header("Authorization", "Bearer " + token)
                .header("Upload-Length", Integer.toString(body.length)).header("Upload-Metadata", meta.toString())
                .header("Content-Type", "application/offset+octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private FirstMinuteBench() {
    }

}
