package io.camvault.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camvault.vault.testsupport.CephCluster;
import io.tus.java.client.TusClient;
import io.tus.java.client.TusURLMemoryStore;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon on the s3 store (store.kind=s3) against a real one-node Ceph (.ci/ceph-cluster). RGW is
 * SIGKILLed while several files upload, later the OSD (RGW then hangs rather than refuses). While the
 * cluster is away the uploads are received, their final PATCH is answered 503 with Retry-After,
 * /readyz says store_unavailable and /metrics shows the backlog. After the daemon is restarted: every
 * upload acknowledged before is intact in the cluster with its SHA-256 (read back with awscli, an
 * independent client), the unacknowledged ones resume and commit exactly once, the backlog drains.
 */
@ExtendWith(CephCluster.Required.class)
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class CephOutageIT {
    static final String OFFICER = "400017";
    /** Above the 16 MiB part size: each commit is a multipart upload. */
    static final long SIZE = 20L << 20;
    static final int IN_FLIGHT = 3;

    @TempDir
    Path tmp;
    Daemon daemon;
    final CephCluster cluster = CephCluster.shared();
    final String bucket = CephCluster.uniqueBucket("daemon");
    String dock;
    String clerk;
    long seed = 0x17_0000L;

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void rgwAndThenTheOsdKilledMidUploadLoseNothingAcknowledgedAndTheRestCommitsOnce() throws Exception {
        Path creds = tmp.resolve("s3.env");
        Files.writeString(creds, "AWS_ACCESS_KEY_ID=" + cluster.accessKey() + "\nAWS_SECRET_ACCESS_KEY="
                + cluster.secretKey() + "\n");
        daemon = Daemon.create(tmp).serveArgs("--set", "store.kind=s3",
                "--set", "store.s3.endpoint=" + cluster.endpoint(), "--set", "store.s3.bucket=" + bucket,
                "--set", "store.s3.credentials=" + creds,
                "--set", "store.s3.attempt-timeout=10s", "--set", "store.s3.call-timeout=20s",
                "--set", "gateway.overload-retry-after=2s");
        dock = daemon.createToken("dock", "dock-ceph-it");
        clerk = daemon.createToken("clerk", "clerk-ceph-it");
        daemon.start();
        Path src = Files.createDirectories(tmp.resolve("src"));

        List<TestFiles.Source> acknowledged = new ArrayList<>();
        Set<String> known = new HashSet<>();
        for (String daemonName : List.of("rgw", "osd")) {
            TestFiles.Source before = TestFiles.generate(src.resolve(daemonName + "-before.mp4"), SIZE, seed++);
            upload(before, new TusURLMemoryStore());
            acknowledged.add(before);
            known.add(before.sha256());

            Outage outage = outageMidUpload(src, daemonName);
            outage.sources.forEach(s -> known.add(s.sha256()));
            acknowledged.addAll(outage.acknowledged);
            System.out.printf("ceph-outage: %s killed mid-upload: %d of %d uploads acknowledged before, %d waiting%n",
                    daemonName, outage.acknowledged.size(), outage.sources.size(), outage.waiting.size());

            // every acknowledged upload (this phase's and the earlier ones) is in the cluster, intact
            for (TestFiles.Source s : acknowledged) {
                assertInCluster(s);
            }
            // the rest resume, as a dock does from its stored upload URL, and commit exactly once
            for (TestFiles.Source s : outage.waiting) {
                resume(s, outage.urls);
                assertInCluster(s);
                acknowledged.add(s);
            }
            await(() -> metric("camvault_store_backlog_uploads") == 0, 60, "the backlog drained");
            assertThat(readyz().statusCode()).isEqualTo(200);
        }

        Api api = new Api(daemon.base());
        List<JsonNode> segments = api.segmentsOfOfficer(clerk, OFFICER);
        assertThat(segments).as("one segment per file, nothing twice").hasSize(known.size());
        for (JsonNode s : segments) {
            assertThat(known).contains(s.path("sha256").asText().toLowerCase());
        }
        assertThat(metric("camvault_store_failures_total")).as("commits that found the store away").isPositive();
        JsonNode versions = Api.read(cluster.aws("s3api", "list-object-versions", "--bucket", bucket,
                "--prefix", "originals/").output());
        assertThat(versions.path("Versions")).as("one version per original").hasSize(known.size());
        assertThat(Api.read(cluster.aws("s3api", "list-multipart-uploads", "--bucket", bucket).output())
                .path("Uploads")).as("no multipart upload left open").isEmpty();
    }

    private record Outage(List<TestFiles.Source> sources, List<TestFiles.Source> acknowledged,
                          List<TestFiles.Source> waiting, TusURLMemoryStore urls) {
    }

    /** Starts {@link #IN_FLIGHT} uploads, kills {@code name} once bytes flow, lets them end, restarts it. */
    private Outage outageMidUpload(Path src, String name) throws Exception {
        List<TestFiles.Source> sources = new ArrayList<>();
        for (int i = 0; i < IN_FLIGHT; i++) {
            sources.add(TestFiles.generate(src.resolve(name + "-" + i + ".mp4"), SIZE, seed++));
        }
        TusURLMemoryStore urls = new TusURLMemoryStore();
        long received = metric("camvault_bytes_received_total");
        ExecutorService pool = Executors.newFixedThreadPool(IN_FLIGHT);
        List<TestFiles.Source> acknowledged = new ArrayList<>();
        List<TestFiles.Source> waiting = new ArrayList<>();
        try {
            List<Future<Boolean>> done = new ArrayList<>();
            for (TestFiles.Source s : sources) {
                done.add(pool.submit(() -> {
                    try {
                        upload(s, urls);
                        return true;
                    } catch (Exception | AssertionError e) {
                        System.out.printf("ceph-outage: %s not acknowledged: %s%n", s.path().getFileName(),
                                e.getMessage());
                        return false;
                    }
                }));
            }
            await(() -> metric("camvault_bytes_received_total") > received + (8L << 20), 120, "bytes flowing");
            cluster.kill(name);
            try {
                for (int i = 0; i < sources.size(); i++) {
                    (done.get(i).get(5, TimeUnit.MINUTES) ? acknowledged : waiting).add(sources.get(i));
                }
                if (!waiting.isEmpty()) {
                    HttpResponse<String> ready = readyz();
                    assertThat(ready.statusCode()).as("/readyz while %s is down", name).isEqualTo(503);
                    assertThat(ready.body()).contains("store_unavailable");
                    assertThat(metric("camvault_store_backlog_uploads")).as("uploads holding all their bytes")
                            .isEqualTo(waiting.size());
                    assertThat(metric("camvault_store_backlog_bytes")).isEqualTo(waiting.size() * SIZE);
                }
            } finally {
                cluster.restart(name);
            }
        } finally {
            pool.shutdownNow();
        }
        return new Outage(sources, acknowledged, waiting, urls);
    }

    private void upload(TestFiles.Source s, TusURLMemoryStore urls) throws Exception {
        TusUpload up = new TusUpload(s.path().toFile());
        up.setFingerprint(s.sha256());
        up.setMetadata(Api.metadata(OFFICER, "CEPH017", s.path().getFileName().toString(), s.sha256()));
        TusUploader u = client(urls).resumeOrCreateUpload(up);
        u.setChunkSize(1 << 20);
        TusJava.uploadAll(u); // returns only after the final 204
    }

    /** Resumes from the stored URL until the daemon answers the upload committed (the store may need a moment). */
    private void resume(TestFiles.Source s, TusURLMemoryStore urls) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (true) {
            try {
                TusUpload up = new TusUpload(s.path().toFile());
                up.setFingerprint(s.sha256());
                up.setMetadata(Api.metadata(OFFICER, "CEPH017", s.path().getFileName().toString(), s.sha256()));
                TusUploader u = client(urls).resumeUpload(up);
                assertThat(u.getOffset()).as("every byte of %s was kept", s.path().getFileName()).isEqualTo(SIZE);
                TusJava.uploadAll(u);
                return;
            } catch (Exception | AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not resume " + s.path().getFileName() + ":\n" + daemon.logTail(), e);
                }
                Daemon.sleep(2000);
            }
        }
    }

    private TusClient client(TusURLMemoryStore urls) {
        TusClient c = new TusClient();
        try {
            c.setUploadCreationURL(daemon.filesEndpoint().toURL());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        c.setHeaders(Map.of("Authorization", "Bearer " + dock));
        c.enableResuming(urls);
        return c;
    }

    /**
     * The segment is listed, and awscli reads the original from the bucket: its bytes and metadata hash
     * right. (Its lock is S3CustodyIT's subject.)
     */
    private void assertInCluster(TestFiles.Source s) throws IOException {
        Api api = new Api(daemon.base());
        assertThat(api.segmentWithHash(clerk, OFFICER, s.sha256())).as("segment of %s", s.path().getFileName())
                .isPresent();
        String hex = s.sha256();
        String key = "originals/sha256/" + hex.substring(0, 2) + "/" + hex.substring(2, 4) + "/" + hex;
        Path out = tmp.resolve("read-back-" + hex);
        CephCluster.AwsResult get = cluster.aws("s3api", "get-object", "--bucket", bucket, "--key", key, out.toString());
        assertThat(get.ok()).as("aws s3api get-object %s: %s", key, get.output()).isTrue();
        JsonNode head = Api.read(get.output());
        assertThat(head.path("Metadata").path("sha256").asText()).isEqualTo(hex);
        assertThat(Files.size(out)).isEqualTo(s.size());
        assertThat(TestFiles.sha256Hex(out)).as("SHA-256 of the bytes in the cluster").isEqualTo(hex);
        Files.delete(out);
    }

    private HttpResponse<String> readyz() {
        return new Api(daemon.base()).get("/readyz", null);
    }

    private long metric(String name) {
        String text = new Api(daemon.base()).get("/metrics", null).body();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\d+)").matcher(text);
        if (!m.find()) {
            throw new AssertionError("no " + name + " on /metrics:\n" + text);
        }
        return Long.parseLong(m.group(1));
    }

    private static void await(java.util.function.BooleanSupplier condition, int seconds, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + seconds + " s: " + what);
            }
            Daemon.sleep(200);
        }
    }
}
