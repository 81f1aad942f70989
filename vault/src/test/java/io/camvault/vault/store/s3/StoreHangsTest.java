package io.camvault.vault.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camvault.vault.VaultException;
import io.camvault.vault.model.Sha256;
import io.camvault.vault.store.ObjectCommit;
import io.camvault.vault.store.ObjectWriter;
import io.camvault.vault.store.Protection;
import io.camvault.vault.store.staging.StagingArea;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An RGW whose OSD is down does not refuse requests, it holds them. A commit then used to wait for
 * the SDK's 60 s socket timeout on each of its three attempts; now it answers UNAVAILABLE within
 * {@code store.s3.call-timeout}, keeps its staged bytes, the next commits answer at once, and the
 * store's health (for /readyz) says so until a probe finds the store answering again.
 */
class StoreHangsTest {
    @TempDir
    Path dir;

    @Test
    void aHangingStoreIsBoundedByTheCallTimeoutAndReportedUntilItAnswersAgain() throws Exception {
        try (FakeS3 fake = new FakeS3()) {
            fake.deletesLockedVersions = false;
            fake.shortensRetention = false;
            S3Settings settings = new S3Settings(fake.endpoint(), "us-east-1", "evidence", true,
                    new S3Settings.Credentials("AKIDEXAMPLE", "secret"), S3Settings.DEFAULT_PART_SIZE)
                    .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2));
            StagingArea staging = new StagingArea(dir, false);
            try (S3ObjectStore store = S3ObjectStore.open(settings, staging, Clock.systemUTC())) {
                assertThat(store.unreachable()).isEmpty();
                byte[] bytes = "footage".getBytes(StandardCharsets.UTF_8);
                ObjectWriter w = store.writer("hang-1");
                w.open();
                w.append(ByteBuffer.wrap(bytes));
                w.sync();
                ObjectCommit c = new ObjectCommit(Sha256.of(java.security.MessageDigest.getInstance("SHA-256").digest(bytes)), bytes.length, null, Protection.NONE, null);
                fake.hangs = true;

                long t0 = System.nanoTime();
                assertThatThrownBy(() -> w.commit(c)).isInstanceOfSatisfying(VaultException.class,
                        e -> assertThat(e.kind()).isEqualTo(VaultException.Kind.UNAVAILABLE));
                long millis = (System.nanoTime() - t0) / 1_000_000;
                assertThat(millis).as("bounded by store.s3.call-timeout (2 s), not 3 x 60 s").isLessThan(8_000);
                assertThat(w.staged()).as("every staged byte kept for the retry").hasValue(bytes.length);
                assertThat(store.unreachable()).hasValueSatisfying(why -> assertThat(why).contains("cannot be reached"));

                int asked = fake.requests.size();
                long t1 = System.nanoTime();
                assertThatThrownBy(() -> w.commit(c)).isInstanceOfSatisfying(VaultException.class, e -> {
                    assertThat(e.kind()).isEqualTo(VaultException.Kind.UNAVAILABLE);
                    assertThat(e.getMessage()).contains("not tried");
                });
                assertThat((System.nanoTime() - t1) / 1_000_000).as("answered at once while just seen down")
                        .isLessThan(1_000);
                fake.hangs = false;
                for (int i = 0; i < 400 && store.unreachable().isPresent(); i++) {
                    Thread.sleep(25);
                }
                assertThat(store.unreachable()).as("a probe found it answering again").isEmpty();
                assertThat(fake.requests.subList(asked, fake.requests.size())).as("the refused commit sent nothing; "
                        + "only probes went out").allMatch(r -> r.equals("HEAD /evidence/" + S3Health.PROBE_KEY));

                Thread.sleep(S3Health.STALE.toMillis() + 200);
                int before = fake.requests.size();
                for (int i = 0; i < 20; i++) {
                    store.unreachable(); // asking often sends one probe, not one per question
                }
                Thread.sleep(1_000);
                assertThat(fake.requests.subList(before, fake.requests.size()))
                        .containsExactly("HEAD /evidence/" + S3Health.PROBE_KEY);
                assertThat(store.unreachable()).isEmpty();
            }
        }
    }
}
