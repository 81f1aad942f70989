package io.camvault.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup taken through the running daemon while 67 recorders keep uploading (the hall of the
 * design notes at shift end), restored into a new directory, then checked four ways: the restore's
 * own checks, {@code audit verify --data}, a fixity pass of our own over every restored original,
 * and a search comparison between the source daemon and a daemon on the restored directory: every
 * upload acknowledged before the backup started is found in the restored one, with the same id,
 * hash and size, and the restored one has nothing the source lacks.
 */
class BackupRestoreIT {
    private static final int RECORDERS = 67;
    private static final int BEFORE_EACH = 2;

    @TempDir
    Path dir;

    @Test
    void aBackupDuringA67RecorderIngestRestoresWithEverythingAcknowledgedBeforeIt() throws Exception {
        Daemon source = Daemon.create(dir.resolve("source"));
        String token = source.createToken("admin,dock", "backup-it");
        source.start();
        Api api = new Api(source.base());
        ExecutorService recorders = Executors.newFixedThreadPool(RECORDERS);
        Map<String, String> ackedBefore = new ConcurrentHashMap<>(); // sha256 -> segment id
        AtomicInteger ackedDuring = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        Path backup = dir.resolve("backup");
        Path restored = dir.resolve("restored");
        try {
            // every recorder docks a first batch: all acknowledged before the backup starts
            List<Future<?>> first = new ArrayList<>();
            for (int r = 0; r < RECORDERS; r++) {
                int rec = r;
                first.add(recorders.submit(() -> {
                    for (int i = 0; i < BEFORE_EACH; i++) {
                        Upload u = upload(api, source, token, rec, i);
                        ackedBefore.put(u.sha256, u.segment);
                    }
                    return null;
                }));
            }
            for (Future<?> f : first) {
                f.get(10, TimeUnit.MINUTES);
            }
            // ... and keeps uploading while the backup runs
            List<Future<?>> during = new ArrayList<>();
            for (int r = 0; r < RECORDERS; r++) {
                int rec = r;
                during.add(recorders.submit(() -> {
                    for (int i = BEFORE_EACH; !stop.get() && i < 1000; i++) {
                        upload(api, source, token, rec, i);
                        ackedDuring.incrementAndGet();
                    }
                    return null;
                }));
            }
            Thread.sleep(1000);
            int duringAtStart = ackedDuring.get();
            Daemon.Run backupRun = cli(Duration.ofMinutes(10), "admin", "backup", "--to", backup.toString(),
                    "--server", source.base().toString(), "--token", token);
            int duringAtEnd = ackedDuring.get();
            stop.set(true);
            for (Future<?> f : during) {
                f.get(5, TimeUnit.MINUTES);
            }
            assertThat(backupRun.exit()).as("backup: %s %s", backupRun.stdout(), backupRun.stderr()).isZero();
            assertThat(duringAtEnd).as("ingest went on while the backup ran").isGreaterThan(duringAtStart);
            assertThat(backup.resolve("manifest-sha256.txt")).isRegularFile();

            Daemon.Run restore = cli(Duration.ofMinutes(10), "admin", "restore", "--from", backup.toString(),
                    "--data", restored.toString());
            assertThat(restore.exit()).as("restore: %s %s", restore.stdout(), restore.stderr()).isZero();
            Daemon.Run verify = cli(Duration.ofMinutes(5), "audit", "verify", "--data", restored.toString());
            assertThat(verify.exit()).as("audit verify: %s %s", verify.stdout(), verify.stderr()).isZero();
            assertThat(verify.stdout()).contains("signed checkpoints");

            Set<String> restoredObjects = fixity(restored.resolve("objects/sha256"));
            assertThat(restoredObjects).containsAll(ackedBefore.keySet());

            Daemon copy = new Daemon(restored, dir.resolve("restored-logs"), List.of("-Xmx256m"));
            Files.createDirectories(dir.resolve("restored-logs"));
            copy.start();
            try {
                Api restoredApi = new Api(copy.base());
                Map<String, String> sourceSegments = new TreeMap<>();
                Map<String, String> restoredSegments = new TreeMap<>();
                for (int r = 0; r < RECORDERS; r++) {
                    String officer = officer(r);
                    api.segmentsOfOfficer(token, officer).forEach(s -> sourceSegments.put(s.path("id").asText(), key(s)));
                    restoredApi.segmentsOfOfficer(token, officer).forEach(s -> restoredSegments.put(s.path("id").asText(), key(s)));
                }
                for (Map.Entry<String, String> acked : ackedBefore.entrySet()) {
                    assertThat(restoredSegments).as("acknowledged before the backup").containsKey(acked.getValue());
                    assertThat(restoredSegments.get(acked.getValue())).startsWith(acked.getKey());
                }
                assertThat(sourceSegments).containsAllEntriesOf(restoredSegments);
                assertThat(restoredSegments.size()).isGreaterThanOrEqualTo(RECORDERS * BEFORE_EACH);
            } finally {
                copy.stop();
            }
        } finally {
            stop.set(true);
            recorders.shutdownNow();
            recorders.awaitTermination(1, TimeUnit.MINUTES);
            source.stop();
        }
    }

    private record Upload(String sha256, String segment) {
    }

    private static String officer(int recorder) {
        return String.format("8%05d", recorder);
    }

    private static String key(JsonNode s) {
        return s.path("sha256").asText() + " " + s.path("size").asLong() + " " + s.path("originalName").asText();
    }

    /** One recording (64-192 KiB) uploaded with tus creation-with-upload, hash declared; returns what the daemon acknowledged. */
    private static Upload upload(Api api, Daemon daemon, String token, int recorder, int i) throws Exception {
        String serial = String.format("R%06d", recorder);
        byte[] body = new byte[(64 << 10) + (recorder * 977 + i * 3571) % (128 << 10)];
        byte[] stamp = (serial + "/" + i + "/").getBytes(StandardCharsets.UTF_8);
        for (int k = 0; k < body.length; k++) {
            body[k] = stamp[k % stamp.length];
        }
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        String name = serial + "_" + officer(recorder) + "_" + (20261120080000L + i) + ".mp4";
        HttpRequest req = HttpRequest.newBuilder(daemon.filesEndpoint()).timeout(Duration.ofSeconds(120))
                .header("Tus-Resumable", "1.0.0").header("Authorization", "Bearer " + token)
                .header("Upload-Length", Integer.toString(body.length))
                .header("Upload-Metadata", Api.encodeMetadata(Api.metadata(officer(recorder), serial, name, sha)))
                .header("Content-Type", "application/offset+octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> r = api.send(req);
        if (r.statusCode() != 201) {
            throw new AssertionError("upload " + name + " answered " + r.statusCode() + " " + r.body());
        }
        return new Upload(sha, r.headers().firstValue("Camvault-Segment").orElseThrow());
    }

    /** Every original re-hashed: its SHA-256 must be its name. Returns the names. */
    private static Set<String> fixity(Path objects) throws Exception {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(objects)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                String got = HexFormat.of().formatHex(md.digest(Files.readAllBytes(f)));
                assertThat(got).as("fixity of %s", f).isEqualTo(f.getFileName().toString());
                names.add(got);
            }
        }
        return names;
    }

    private static Daemon.Run cli(Duration timeout, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Daemon.javaBin(), Daemon.NO_PERF_FILE, "-jar", Daemon.jar().toString()));
        cmd.addAll(List.of(args));
        return Daemon.Run.of(cmd, timeout);
    }

}
