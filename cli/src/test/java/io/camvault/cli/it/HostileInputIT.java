package io.camvault.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.camvault.cli.it.HostileRequests.HttpProbe;
import io.camvault.cli.it.HostileRequests.Probe;
import io.camvault.cli.it.HostileRequests.RawProbe;
import io.camvault.cli.it.HostileRequests.Victim;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of seeded malformed requests (headers, metadata, offsets, lengths, bodies, paths,
 * tokens, framing, garbage) against the daemon as a separate process. Every answer must be a
 * 4xx without internal text; bytes that are not HTTP may instead get the connection closed. At
 * the end the daemon is healthy and nothing was committed. Same seed every run (override with
 * {@code -Dhostile.seed=N}, count with {@code -Dhostile.count=N}).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class HostileInputIT {
    static final long DEFAULT_SEED = 0xCA11_0003L;
    static final String OFFICER = "900001";
    static final String RECORDER_SERIAL = "RECH001";
    static final int CLOSED = -1;
    static final int TIMED_OUT = -2;

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
    void malformedRequestsAreRefusedAndNothingIsCommitted() throws Exception {
        long seed = Long.getLong("hostile.seed", DEFAULT_SEED);
        int count = Integer.getInteger("hostile.count", 3000);
        System.out.printf("hostile: seed=%d (0x%X) count=%d%n", seed, seed, count);

        daemon = Daemon.create(tmp);
        String dock = daemon.createToken("dock", "dock-hostile-it");
        String otherDock = daemon.createToken("dock", "dock-hostile-other");
        String clerk = daemon.createToken("clerk", "clerk-hostile-it");
        String recorder = daemon.createToken("recorder", "recorder-hostile-it", "--recorder", RECORDER_SERIAL);
        daemon.start();
        Api api = new Api(daemon.base());
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();

        // Unfinished uploads to aim at (valid requests: setup, not probes).
        byte[] declared = TestFiles.randomBytes(4096, seed);
        String declaredSha = TestFiles.sha256Hex(declared);
        List<Victim> victims = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            String path = create(api, dock, declaredSha, "VICT" + (100 + i));
            long offset = 0;
            if (i < 5) {
                offset = 1000;
                HttpResponse<String> r = api.send(HttpRequest.newBuilder(daemon.base().resolve(path))
                        .header("Tus-Resumable", "1.0.0").header("Authorization", "Bearer " + dock)
                        .header("Upload-Offset", "0").header("Content-Type", "application/offset+octet-stream")
                        .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(java.util.Arrays.copyOf(declared, 1000)))
                        .build());
                assertThat(r.statusCode()).as("setup PATCH: %s", r.body()).isEqualTo(204);
            }
            victims.add(new Victim(path, offset, 4096));
        }
        List<Victim> checksumVictims = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            checksumVictims.add(new Victim(create(api, dock, declaredSha, "VICS" + (100 + i)), 0, 4096));
        }
        HttpResponse<String> partial = api.send(HttpRequest.newBuilder(daemon.filesEndpoint())
                .header("Tus-Resumable", "1.0.0").header("Authorization", "Bearer " + dock)
                .header("Upload-Concat", "partial").header("Upload-Length", "4096")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(partial.statusCode()).as("setup partial: %s", partial.body()).isEqualTo(201);
        String partialPath = api.base().resolve(partial.headers().firstValue("Location").orElseThrow()).getPath();

        HostileRequests gen = new HostileRequests(seed, new HostileRequests.Targets(daemon.base(), dock, otherDock, clerk,
                recorder, RECORDER_SERIAL, victims, checksumVictims, partialPath, OFFICER));
        List<Probe> probes = gen.generate(count);

        Map<String, Map<String, Integer>> tally = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < probes.size(); i++) {
            Probe p = probes.get(i);
            int status;
            String body = "";
            if (p instanceof HttpProbe hp) {
                try {
                    HttpResponse<String> r = http.send(hp.request(), HttpResponse.BodyHandlers.ofString());
                    status = r.statusCode();
                    body = r.body() == null ? "" : r.body();
                } catch (IOException e) {
                    status = e instanceof java.net.http.HttpTimeoutException ? TIMED_OUT : CLOSED;
                    body = String.valueOf(e);
                }
            } else {
                status = sendRaw(daemon.port(), (RawProbe) p);
            }
            String outcome = status == CLOSED ? "closed" : status == TIMED_OUT ? "timeout" : Integer.toString(status);
            tally.computeIfAbsent(p.category(), k -> new TreeMap<>()).merge(outcome, 1, Integer::sum);
            boolean closeOk = p instanceof RawProbe rp && rp.closeAllowed() && status == CLOSED;
            boolean fourXx = status >= 400 && status < 500;
            if (!(fourXx || closeOk)) {
                failures.add("#" + i + " " + p.category() + " [" + p.description() + "] -> " + outcome
                        + (body.isEmpty() ? "" : " " + HostileRequests.abbreviate(body)));
            } else if (leaksInternals(body)) {
                failures.add("#" + i + " " + p.category() + " [" + p.description() + "] leaks internals: "
                        + HostileRequests.abbreviate(body));
            }
            if (!daemon.isAlive()) {
                failures.add("daemon died after #" + i + " " + p.description());
                break;
            }
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        System.out.printf("hostile: %d requests in %d ms; outcomes by category: %s%n", probes.size(), ms, tally);
        failures.stream().limit(40).forEach(f -> System.out.println("hostile: FAIL " + f));

        // The daemon is up, and nothing was committed.
        assertThat(daemon.isAlive()).as("daemon alive").isTrue();
        assertThat(api.get("/healthz", null).statusCode()).isEqualTo(200);
        assertThat(api.segmentsOfOfficer(clerk, OFFICER)).as("segments").isEmpty();
        for (Victim v : victims) {
            assertThat(api.head(daemon.base().resolve(v.path()), dock).offset()).as("offset of %s", v.path())
                    .isEqualTo(v.offset());
        }
        assertThat(Stored.objectFiles(daemon.dataDir())).as("committed objects").isZero();
        assertThat(failures).as("requests not refused with a 4xx (seed %d); first: %s", seed,
                failures.stream().limit(10).toList()).isEmpty();
    }

    /** A valid creation (setup, not a probe); returns the upload's path. */
    private static String create(Api api, String dock, String sha256, String recorder) {
        HttpResponse<String> r = api.send(HttpRequest.newBuilder(api.base().resolve("/files/"))
                .header("Tus-Resumable", "1.0.0").header("Authorization", "Bearer " + dock)
                .header("Upload-Length", "4096")
                .header("Upload-Metadata", Api.encodeMetadata(Api.metadata(OFFICER, recorder, "victim.mp4", sha256)))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(r.statusCode()).as("setup creation: %s", r.body()).isEqualTo(201);
        return api.base().resolve(r.headers().firstValue("Location").orElseThrow()).getPath();
    }

    private static boolean leaksInternals(String body) {
        return body.contains("Exception") || body.contains("\tat ") || body.contains("io.netty")
                || body.contains("org.rocksdb") || body.contains("java.");
    }

    /** Sends raw bytes on a new connection; returns the final status, {@link #CLOSED} or {@link #TIMED_OUT}. */
    static int sendRaw(int port, RawProbe p) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(p.bytes());
                out.flush();
                if (p.shutdownOutput()) {
                    s.shutdownOutput();
                }
            } catch (IOException e) {
                // the server may refuse before reading it all; its answer may still be readable
            }
            InputStream in = s.getInputStream();
            while (true) {
                String line = readLine(in);
                if (line == null) {
                    return CLOSED;
                }
                if (!line.startsWith("HTTP/1.") || line.length() < 12) {
                    return 999; // not an HTTP answer: counted as a failure
                }
                int status = Integer.parseInt(line.substring(9, 12));
                // skip headers
                String h;
                do {
                    h = readLine(in);
                } while (h != null && !h.isEmpty());
                if (status >= 200) {
                    return status;
                }
                if (p.afterContinue() != null) {
                    out.write(p.afterContinue());
                    out.flush();
                }
            }
        } catch (SocketTimeoutException e) {
            return TIMED_OUT;
        } catch (IOException e) {
            return CLOSED; // reset
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String s = line.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            line.write(b);
            if (line.size() > 65_536) {
                return line.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
