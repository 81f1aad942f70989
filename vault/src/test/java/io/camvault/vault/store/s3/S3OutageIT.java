package io.camvault.vault.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camvault.vault.VaultException;
import io.camvault.vault.model.Sha256;
import io.camvault.vault.store.Digests;
import io.camvault.vault.store.ObjectCommit;
import io.camvault.vault.store.ObjectReader;
import io.camvault.vault.store.ObjectWriter;
import io.camvault.vault.store.Protection;
import io.camvault.vault.store.StoredObject;
import io.camvault.vault.store.staging.StagingArea;
import io.camvault.vault.testsupport.CephCluster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * RGW killed with SIGKILL before and during a commit: nothing is acknowledged that is not in the
 * cluster, the staged bytes survive every failed commit, and the retry after RGW is back publishes
 * exactly one verified version (no half object, no multipart upload left behind).
 */
@ExtendWith(CephCluster.Required.class)
class S3OutageIT {
    private static final Protection ROUTINE = new Protection(Instant.parse("2030-01-01T00:00:00Z"), false);

    @TempDir
    Path dir;

    private final CephCluster cluster = CephCluster.shared();
    private final String bucket = CephCluster.uniqueBucket("outage");

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private ObjectWriter stage(S3ObjectStore store, byte[] bytes) throws IOException {
        ObjectWriter w = store.writer("outage-" + System.nanoTime());
        w.create();
        w.append(ByteBuffer.wrap(bytes));
        w.sync();
        return w;
    }

    @Test
    void aCommitWhileRgwIsDownFailsAsUnavailableKeepsTheBytesAndTheRetryPublishesThem() throws Exception {
        try (S3ObjectStore store = S3ObjectStore.open(S3ObjectStoreContractIT.settings(cluster, bucket),
                new StagingArea(dir, false), Clock.systemUTC())) {
            byte[] bytes = random(12 << 20, 1);
            Sha256 sha = Digests.sha256(bytes);
            ObjectWriter w = stage(store, bytes);

            cluster.kill("rgw");
            try {
                assertThatThrownBy(() -> w.commit(new ObjectCommit(sha, bytes.length, null, ROUTINE, null)))
                        .isInstanceOfSatisfying(VaultException.class,
                                e -> assertThat(e.kind()).isEqualTo(VaultException.Kind.UNAVAILABLE));
                assertThat(w.staged()).as("every received byte is kept").hasValue(bytes.length);
            } finally {
                cluster.restart("rgw");
            }

            StoredObject o = w.commit(new ObjectCommit(sha, bytes.length, null, ROUTINE, null));
            assertThat(o.sha256()).isEqualTo(sha);
            assertThat(w.staged()).isEmpty();
            assertIntact(store, sha, bytes);
        }
    }

    @Test
    void rgwKilledDuringAMultipartCommitLeavesEitherTheWholeObjectOrAResumableWrite() throws Exception {
        try (S3ObjectStore store = S3ObjectStore.open(S3ObjectStoreContractIT.settings(cluster, bucket),
                new StagingArea(dir, false), Clock.systemUTC())) {
            byte[] bytes = random(48 << 20, 2);
            Sha256 sha = Digests.sha256(bytes);
            ObjectWriter w = stage(store, bytes);
            ObjectCommit commit = new ObjectCommit(sha, bytes.length, null, ROUTINE, null);

            CompletableFuture<StoredObject> first = CompletableFuture.supplyAsync(() -> w.commit(commit));
            Thread.sleep(150);
            cluster.kill("rgw");
            boolean acknowledged;
            try {
                first.get(5, TimeUnit.MINUTES);
                acknowledged = true;
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(VaultException.class);
                acknowledged = false;
            } finally {
                cluster.restart("rgw");
            }
            if (acknowledged) {
                assertIntact(store, sha, bytes);
                return;
            }
            assertThat(w.staged()).as("not acknowledged: every byte still staged").hasValue(bytes.length);
            assertThat(store.stat(sha)).as("no partial object is visible").isEmpty();

            w.commit(commit);
            assertIntact(store, sha, bytes);
        }
    }

    private void assertIntact(S3ObjectStore store, Sha256 sha, byte[] bytes) throws IOException {
        try (ObjectReader r = store.open(sha); InputStream in = r.stream()) {
            assertThat(Digests.sha256(in.readAllBytes())).isEqualTo(sha);
        }
        String key = S3ObjectStore.keyOf(sha);
        var versions = new ObjectMapper().readTree(cluster.aws("s3api", "list-object-versions", "--bucket", bucket,
                "--prefix", key).output()).path("Versions");
        assertThat(versions.size()).as("exactly one version of " + key).isEqualTo(1);
        assertThat(versions.get(0).path("Size").asLong()).isEqualTo(bytes.length);
        var head = new ObjectMapper().readTree(cluster.aws("s3api", "head-object", "--bucket", bucket, "--key", key)
                .output());
        assertThat(head.path("Metadata").path("sha256").asText()).isEqualTo(sha.hex());
        String uploads = cluster.aws("s3api", "list-multipart-uploads", "--bucket", bucket).output();
        assertThat(uploads).as("no unfinished multipart upload left").doesNotContain("UploadId");
    }
}
