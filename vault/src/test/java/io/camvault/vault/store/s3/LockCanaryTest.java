package io.camvault.vault.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camvault.vault.VaultException;
import io.camvault.vault.store.staging.StagingArea;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** camvault refuses a store that accepts Object Lock settings but does not enforce them (a fake S3 endpoint). */
class LockCanaryTest {
    @TempDir
    Path dir;

    private S3ObjectStore open(FakeS3 fake) {
        S3Settings settings = new S3Settings(fake.endpoint(), "us-east-1", "evidence", true,
                new S3Settings.Credentials("AKIDEXAMPLE", "secret"), S3Settings.DEFAULT_PART_SIZE);
        return S3ObjectStore.open(settings, new StagingArea(dir, false), Clock.systemUTC());
    }

    @Test
    void aStoreThatDeletesALockedVersionIsRefused() throws Exception {
        try (FakeS3 fake = new FakeS3()) {
            assertThatThrownBy(() -> open(fake)).isInstanceOfSatisfying(VaultException.class, e -> {
                assertThat(e.kind()).isEqualTo(VaultException.Kind.FORBIDDEN);
                assertThat(e.getMessage()).contains("does not enforce Object Lock", "deleted a COMPLIANCE-locked version");
            });
            assertThat(fake.requests).anyMatch(r -> r.startsWith("DELETE /evidence/canary/") && r.contains("versionId=v1"));
        }
    }

    @Test
    void aStoreThatShortensALockIsRefused() throws Exception {
        try (FakeS3 fake = new FakeS3()) {
            fake.deletesLockedVersions = false;
            assertThatThrownBy(() -> open(fake)).isInstanceOfSatisfying(VaultException.class, e -> {
                assertThat(e.kind()).isEqualTo(VaultException.Kind.FORBIDDEN);
                assertThat(e.getMessage()).contains("shortened a COMPLIANCE retention");
            });
        }
    }

    @Test
    void aStoreThatRefusesBothIsAccepted() throws Exception {
        try (FakeS3 fake = new FakeS3()) {
            fake.deletesLockedVersions = false;
            fake.shortensRetention = false;
            open(fake).close();
            assertThat(fake.requests).anyMatch(r -> r.startsWith("PUT /evidence/canary/"));
        }
    }

    @Test
    void aBucketWithoutObjectLockIsRefused() throws Exception {
        try (FakeS3 fake = new FakeS3()) {
            fake.lockConfigured = false;
            assertThatThrownBy(() -> open(fake)).isInstanceOfSatisfying(VaultException.class, e -> {
                assertThat(e.kind()).isEqualTo(VaultException.Kind.FORBIDDEN);
                assertThat(e.getMessage()).contains("refusing bucket evidence", "no Object Lock");
            });
            assertThat(fake.requests).noneMatch(r -> r.contains("canary"));
        }
    }
}
