package io.camvault.vault.store.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camvault.vault.Vault;
import io.camvault.vault.model.CaseRecord;
import io.camvault.vault.model.Description;
import io.camvault.vault.model.Hold;
import io.camvault.vault.model.Segment;
import io.camvault.vault.retention.RetentionPolicy;
import io.camvault.vault.store.ObjectPurger;
import io.camvault.vault.store.Protection;
import io.camvault.vault.store.PurgeOutcome;
import io.camvault.vault.store.StoredObject;
import io.camvault.vault.store.staging.StagingArea;
import io.camvault.vault.testsupport.CephCluster;
import io.camvault.vault.testsupport.CephCluster.AwsResult;
import io.camvault.vault.testsupport.VaultFixture;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the cluster itself enforces, seen through an independent S3 client (awscli), not through
 * camvault's own code: a committed original cannot be deleted by version id nor its retention
 * shortened (403 from RGW); a case link extends its retention; its legal hold follows a case hold;
 * a purge after expiry removes the version.
 */
@ExtendWith(CephCluster.Required.class)
class S3CustodyIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Description DESC = new Description("officer stops a vehicle", "stop", "driver", "road 7",
            "noon");

    @TempDir
    Path dir;

    private final CephCluster cluster = CephCluster.shared();
    private final String bucket = CephCluster.uniqueBucket("custody");

    private S3ObjectStore openStore(Path staging) {
        return S3ObjectStore.open(S3ObjectStoreContractIT.settings(cluster, bucket), new StagingArea(staging, false),
                Clock.systemUTC());
    }

    @Test
    void theClusterRefusesToDeleteOrShortenACommittedOriginalAndFollowsTheCaseRetentionAndHold() throws IOException {
        try (VaultFixture f = VaultFixture.with(RetentionPolicy.defaults(), clock -> openStore(dir.resolve("uploads")))) {
            f.clock.set(Instant.now());
            Vault v = f.vault;
            Segment s = f.ingest(Duration.ofDays(1));
            String key = S3ObjectStore.keyOf(s.sha256());
            String version = onlyVersion(key);

            Instant locked = retainUntil(key, version);
            assertThat(locked).as("COMPLIANCE until the routine retain-until").isAfterOrEqualTo(s.retainUntil())
                    .isBefore(s.retainUntil().plusSeconds(2));
            assertThat(mode(key, version)).isEqualTo("COMPLIANCE");

            AwsResult delete = cluster.aws("s3api", "delete-object", "--bucket", bucket, "--key", key, "--version-id",
                    version);
            assertThat(delete.ok()).as(delete.output()).isFalse();
            assertThat(delete.output()).contains("AccessDenied");
            AwsResult bypass = cluster.aws("s3api", "delete-object", "--bucket", bucket, "--key", key, "--version-id",
                    version, "--bypass-governance-retention");
            assertThat(bypass.output()).contains("AccessDenied");
            AwsResult shorten = cluster.aws("s3api", "put-object-retention", "--bucket", bucket, "--key", key,
                    "--version-id", version, "--retention",
                    "{\"Mode\":\"COMPLIANCE\",\"RetainUntilDate\":\"" + locked.minus(Duration.ofDays(1)) + "\"}");
            assertThat(shorten.ok()).as(shorten.output()).isFalse();
            assertThat(shorten.output()).contains("AccessDenied");
            assertThat(retainUntil(key, version)).isEqualTo(locked);

            CaseRecord c = v.createCase("clerk-1", "2026-0017", "assault", "U0001", false);
            v.linkSegment(c.id(), s.id(), DESC, "clerk-1");
            assertThat(retainUntil(key, version)).as("evidence is permanent: a far retain-until")
                    .isAfter(Instant.now().plus(Duration.ofDays(49 * 365)));
            assertThat(legalHold(key, version)).as("linked to an open case").isEqualTo("ON");

            Hold h = v.holdCase(c.id(), "appeal", "clerk-1");
            v.closeCase(c.id(), "judgment", "clerk-1");
            assertThat(legalHold(key, version)).as("the case hold keeps the legal hold after the close").isEqualTo("ON");
            v.releaseCase(c.id(), h.id(), "appeal decided", "clerk-1");
            assertThat(legalHold(key, version)).as("released with the case hold").isEqualTo("OFF");
            assertThat(cluster.aws("s3api", "delete-object", "--bucket", bucket, "--key", key, "--version-id",
                    version).output()).as("still locked by retention").contains("AccessDenied");
            assertThat(onlyVersion(key)).isEqualTo(version);
        }
    }

    @Test
    void aPurgeIsRefusedWhileLockedAndRemovesTheVersionAfterExpiry() throws Exception {
        try (S3ObjectStore store = openStore(dir)) {
            Instant until = Instant.now().plusSeconds(4);
            StoredObject o = store.put(new ByteArrayInputStream("short-lived".getBytes()), new Protection(until, false));
            String key = S3ObjectStore.keyOf(o.sha256());
            ObjectPurger purger = store.purger().orElseThrow();

            assertThat(purger.purge(o.sha256()).result()).isEqualTo(PurgeOutcome.Result.REFUSED);
            assertThat(onlyVersion(key)).isEqualTo(o.version());

            Thread.sleep(Math.max(0, Duration.between(Instant.now(), until).toMillis()) + 1_500);
            assertThat(purger.purge(o.sha256())).isEqualTo(PurgeOutcome.REMOVED);
            JsonNode versions = json(cluster.aws("s3api", "list-object-versions", "--bucket", bucket, "--prefix", key));
            assertThat(versions.path("Versions").size()).as(versions.toString()).isZero();
            assertThat(versions.path("DeleteMarkers").size()).isZero();
        }
    }

    @Test
    void aLegalHoldBlocksThePurgeUntilReleased() throws Exception {
        try (S3ObjectStore store = openStore(dir)) {
            StoredObject o = store.put(new ByteArrayInputStream("held".getBytes()), new Protection(Instant.EPOCH, true));
            String key = S3ObjectStore.keyOf(o.sha256());
            assertThat(legalHold(key, o.version())).isEqualTo("ON");
            assertThat(store.purge(o.sha256()).result()).isEqualTo(PurgeOutcome.Result.REFUSED);

            store.releaseHold(o.sha256());
            assertThat(legalHold(key, o.version())).isEqualTo("OFF");
            assertThat(store.purge(o.sha256())).isEqualTo(PurgeOutcome.REMOVED);
        }
    }

    @Test
    void aBucketWithoutObjectLockIsRefused() {
        AwsResult made = cluster.aws("s3api", "create-bucket", "--bucket", bucket);
        assertThat(made.ok()).as(made.output()).isTrue();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> openStore(dir))
                .isInstanceOfSatisfying(io.camvault.vault.VaultException.class, e -> {
                    assertThat(e.kind()).isEqualTo(io.camvault.vault.VaultException.Kind.FORBIDDEN);
                    assertThat(e.getMessage()).contains("refusing bucket " + bucket);
                });
    }

    private String onlyVersion(String key) throws IOException {
        JsonNode versions = json(cluster.aws("s3api", "list-object-versions", "--bucket", bucket, "--prefix", key))
                .path("Versions");
        assertThat(versions.size()).as("versions of " + key).isEqualTo(1);
        return versions.get(0).path("VersionId").asText();
    }

    private Instant retainUntil(String key, String version) throws IOException {
        return java.time.OffsetDateTime.parse(retention(key, version).path("RetainUntilDate").asText()).toInstant();
    }

    private String mode(String key, String version) throws IOException {
        return retention(key, version).path("Mode").asText();
    }

    private JsonNode retention(String key, String version) throws IOException {
        return json(cluster.aws("s3api", "get-object-retention", "--bucket", bucket, "--key", key, "--version-id",
                version)).path("Retention");
    }

    private String legalHold(String key, String version) throws IOException {
        return json(cluster.aws("s3api", "get-object-legal-hold", "--bucket", bucket, "--key", key, "--version-id",
                version)).path("LegalHold").path("Status").asText();
    }

    private static JsonNode json(AwsResult r) throws IOException {
        assertThat(r.ok()).as(r.output()).isTrue();
        return JSON.readTree(r.output());
    }
}
