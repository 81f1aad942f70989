package io.camvault.bench;

import io.camvault.gateway.GatewayConfig;
import io.camvault.gateway.GatewayServer;
import io.camvault.gateway.tls.TlsConfig;
import io.camvault.vault.Vault;
import io.camvault.vault.VaultConfig;
import io.camvault.vault.auth.IssuedToken;
import io.camvault.vault.model.Role;
import java.io.InputStream;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * What TLS costs the gateway: the same work over plain HTTP and over HTTPS against one vault, in
 * alternating order, several rounds. Per transport: ingest (concurrent tus uploads, creation then
 * one streamed PATCH each), download of the originals just stored (sendfile on plain HTTP, chunked
 * through the cipher under TLS), and seek latency (random 256 KiB Range requests). Prints medians
 * and the TLS/plain ratios, and the gateway's CPU seconds per GB moved (every thread of this JVM but
 * the HTTP client's and the bench's own).
 *
 * <pre>bench/tls-bench.sh [--rounds 3] [--uploads 4] [--upload-mib 256] [--seeks 200]</pre>
 */
public final class TlsBench {
    private static final int SEEK_BYTES = 256 * 1024;

    record Figures(double ingestMBs, double downloadMBs, double seekP50ms, double seekP99ms, double cpuPerGbIngest,
            double cpuPerGbDownload) {
    }

    public static void main(String[] args) throws Exception {
        int rounds = intArg(args, "--rounds", 3);
        int uploads = intArg(args, "--uploads", 4);
        long size = intArg(args, "--upload-mib", 256) * 1024L * 1024L;
        int seeks = intArg(args, "--seeks", 200);
        Path dir = Files.createTempDirectory(Path.of(strArg(args, "--tmp", System.getProperty("java.io.tmpdir"))),
                "camvault-tls-bench-");
        System.out.printf("tls bench: %d rounds, %d uploads x %d MiB per transport, %d seeks, data %s%n", rounds, uploads,
                size >> 20, seeks, dir);
        Path cert = dir.resolve("server.crt");
        Path key = dir.resolve("server.key");
        SSLContext trust = selfSigned(cert, key);
        List<Figures> plain = new ArrayList<>();
        List<Figures> tls = new ArrayList<>();
        int seed = 0;
        try (Vault vault = Vault.open(VaultConfig.defaults(dir.resolve("data")), Clock.systemUTC())) {
            String dock = token(vault, Role.DOCK);
            String reader = token(vault, Role.SUPERVISOR);
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < 2; k++) {
                    boolean useTls = (r + k) % 2 == 1; // plain first in even rounds, TLS first in odd ones
                    GatewayConfig.Builder b = GatewayConfig.builder().port(0).host("127.0.0.1").diskReserve(0);
                    if (useTls) {
                        b.tls(new TlsConfig(cert, key, null));
                    }
                    try (GatewayServer server = GatewayServer.start(b.build(), vault)) {
                        String base = (useTls ? "https" : "http") + "://127.0.0.1:" + server.port();
                        HttpClient.Builder hb = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
                        if (useTls) {
                            hb.sslContext(trust);
                        }
                        Figures f = run(hb.build(), base, dock, reader, uploads, size, seeks, seed);
                        seed += uploads;
                        (useTls ? tls : plain).add(f);
                        System.out.printf("round %d %-5s ingest %7.1f MB/s (%.2f CPU s/GB)  download %7.1f MB/s "
                                        + "(%.2f CPU s/GB)  seek p50 %.1f ms p99 %.1f ms%n", r + 1, useTls ? "https" : "http",
                                f.ingestMBs, f.cpuPerGbIngest, f.downloadMBs, f.cpuPerGbDownload, f.seekP50ms, f.seekP99ms);
                    }
                }
            }
        } finally {
            deleteTree(dir);
        }
        Figures p = median(plain);
        Figures t = median(tls);
        System.out.println();
        System.out.println("| medians of " + rounds + " rounds | http | https | https / http |");
        System.out.println("|---|---|---|---|");
        row("ingest MB/s", p.ingestMBs, t.ingestMBs);
        row("download MB/s", p.downloadMBs, t.downloadMBs);
        row("seek p50 ms", p.seekP50ms, t.seekP50ms);
        row("seek p99 ms", p.seekP99ms, t.seekP99ms);
        row("gateway CPU s per GB ingested", p.cpuPerGbIngest, t.cpuPerGbIngest);
        row("gateway CPU s per GB downloaded", p.cpuPerGbDownload, t.cpuPerGbDownload);
    }

    private static void row(String name, double plain, double tls) {
        System.out.printf("| %s | %.2f | %.2f | %.2f |%n", name, plain, tls, tls / plain);
    }

    private static Figures run(HttpClient http, String base, String dock, String reader, int uploads, long size,
            int seeks, int seed) throws Exception {
        // ingest
        List<String> ids = new ArrayList<>();
        double cpu0 = gatewayCpuSeconds();
        long t0 = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < uploads; i++) {
            int n = seed + i;
            threads.add(started("bench-upload-" + i, () -> {
                try {
                    String id = upload(http, base + "/files/", dock, n, size);
                    synchronized (ids) {
                        ids.add(id);
                    }
                } catch (Exception e) {
                    errors.add(e);
                }
            }));
        }
        join(threads, errors);
        double ingestSecs = (System.nanoTime() - t0) / 1e9;
        double ingestCpu = gatewayCpuSeconds() - cpu0;
        // download
        threads.clear();
        cpu0 = gatewayCpuSeconds();
        t0 = System.nanoTime();
        for (String id : ids) {
            threads.add(started("bench-download", () -> {
                try {
                    HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/segments/"
                            + id + "/original")).header("Authorization", "Bearer " + reader).GET().build(),
                            HttpResponse.BodyHandlers.ofInputStream());
                    long got = drain(r.body());
                    if (r.statusCode() != 200 || got != size) {
                        throw new IllegalStateException("download: HTTP " + r.statusCode() + ", " + got + " bytes");
                    }
                } catch (Exception e) {
                    errors.add(e);
                }
            }));
        }
        join(threads, errors);
        double downloadSecs = (System.nanoTime() - t0) / 1e9;
        double downloadCpu = gatewayCpuSeconds() - cpu0;
        // seeks, one at a time on a kept-alive connection
        Latencies lat = new Latencies(seeks);
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        for (int s = 0; s < seeks; s++) {
            String id = ids.get(rnd.nextInt(ids.size()));
            long from = rnd.nextLong(size - SEEK_BYTES);
            long t = System.nanoTime();
            HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/segments/" + id
                    + "/original")).header("Authorization", "Bearer " + reader)
                    .header("Range", "bytes=" + from + "-" + (from + SEEK_BYTES - 1)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            drain(r.body());
            if (r.statusCode() != 206) {
                throw new IllegalStateException("seek: HTTP " + r.statusCode());
            }
            lat.add(System.nanoTime() - t);
        }
        double gb = uploads * (double) size / 1e9;
        return new Figures(uploads * size / 1e6 / ingestSecs, uploads * size / 1e6 / downloadSecs,
                lat.micros(0.5) / 1000, lat.micros(0.99) / 1000, ingestCpu / gb, downloadCpu / gb);
    }

    /** CPU time of every live thread but the HTTP client's and this bench's: the gateway's and the vault's. */
    private static double gatewayCpuSeconds() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info == null || info.getThreadName().startsWith("HttpClient") || info.getThreadName().startsWith("bench-")
                    || info.getThreadName().equals("main")) {
                continue;
            }
            long t = mx.getThreadCpuTime(info.getThreadId());
            total += Math.max(0, t);
        }
        return total / 1e9;
    }

    private static Figures median(List<Figures> all) {
        return new Figures(med(all, Figures::ingestMBs), med(all, Figures::downloadMBs), med(all, Figures::seekP50ms),
                med(all, Figures::seekP99ms), med(all, Figures::cpuPerGbIngest), med(all, Figures::cpuPerGbDownload));
    }

    private static double med(List<Figures> all, java.util.function.ToDoubleFunction<Figures> f) {
        double[] v = all.stream().mapToDouble(f).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String upload(HttpClient http, String files, String token, int n, long length) throws Exception {
        Instant start = Instant.parse("2026-11-20T08:00:00Z").plusSeconds(n * 600L);
        Map<String, String> meta = Map.of("filename", "TLSBENCH" + n + ".mp4", "recorder", "T" + (1000000 + n),
                "officer", Integer.toString(400000 + n), "unit", "110105000000", "recordedStart", start.toString(),
                "recordedEnd", start.plusSeconds(300).toString(), "trigger", "scheduled");
        StringBuilder header = new StringBuilder();
        for (Map.Entry<String, String> e : meta.entrySet()) {
            header.append(header.length() > 0 ? "," : "").append(e.getKey()).append(' ')
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
        String segment = patched.headers().firstValue("Camvault-Segment").orElse(null);
        if (patched.statusCode() != 204 || segment == null) {
            throw new IllegalStateException("patch: HTTP " + patched.statusCode());
        }
        return segment;
    }

    /** Incompressible bytes, different per upload, made on the fly (one random 1 MiB block, its number stamped in). */
    private static final class Generated extends InputStream {
        private final byte[] block = new byte[1 << 20];
        private long left;
        private int pos = block.length;
        private long blocks;

        Generated(int seed, long length) {
            this.left = length;
            new Random(0x715_0000L + seed).nextBytes(block);
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

    private static long drain(InputStream in) throws java.io.IOException {
        byte[] sink = new byte[64 * 1024];
        long total = 0;
        try (in) {
            for (int n; (n = in.read(sink)) >= 0; ) {
                total += n;
            }
        }
        return total;
    }

    /** A self-signed EC certificate for 127.0.0.1 written as PEM, and a client context that trusts it. */
    private static SSLContext selfSigned(Path certFile, Path keyFile) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair kp = g.generateKeyPair();
        X500Name name = new X500Name("CN=camvault tls bench");
        Instant now = Instant.now();
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minusSeconds(3600)), Date.from(now.plusSeconds(86400)),
                name, kp.getPublic())
                .addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
        StringWriter c = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(c)) {
            w.writeObject(cert);
        }
        StringWriter k = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(k)) {
            w.writeObject(new JcaPKCS8Generator(kp.getPrivate(), null));
        }
        Files.writeString(certFile, c.toString());
        Files.writeString(keyFile, k.toString());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("bench", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    private static String token(Vault vault, Role role) {
        IssuedToken[] issued = new IssuedToken[1];
        vault.commit(b -> issued[0] = vault.principals().create(b, "tls-bench-" + role.wireName(), Set.of(role), null,
                vault.clock().instant()), List.of());
        return issued[0].token();
    }

    private static Thread started(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.start();
        return t;
    }

    private static void join(List<Thread> threads, List<Throwable> errors) throws InterruptedException {
        for (Thread t : threads) {
            t.join();
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException("bench request failed: " + errors.get(0), errors.get(0));
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
