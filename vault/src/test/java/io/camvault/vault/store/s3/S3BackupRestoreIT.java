package io.camvault.vault.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camvault.vault.IngestResult;
import io.camvault.vault.StoreConfig;
import io.camvault.vault.Vault;
import io.camvault.vault.VaultConfig;
import io.camvault.vault.VaultException;
import io.camvault.vault.backup.BackupManifest;
import io.camvault.vault.backup.VaultBackup;
import io.camvault.vault.backup.VaultRestore;
import io.camvault.vault.model.SegmentDraft;
import io.camvault.vault.model.Trigger;
import io.camvault.vault.testsupport.CephCluster;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the originals in a Ceph cluster under Object Lock, a backup holds the index and keys only (the
 * cluster keeps the originals), and a restore looks every segment's original up in the cluster.
 */
@ExtendWith(CephCluster.Required.class)
class S3BackupRestoreIT {
    @TempDir
    Path dir;

    private final CephCluster cluster = CephCluster.shared();

    private StoreConfig store(String bucket) {
        return StoreConfig.s3(false, S3ObjectStoreContractIT.settings(cluster, bucket));
    }

    private static IngestResult ingest(Vault vault, String name, long seed) throws java.io.IOException {
        byte[] bytes = new byte[300_000 + (int) seed];
        new Random(seed).nextBytes(bytes);
        Instant start = Instant.parse("2026-11-20T08:00:00Z").plusSeconds(seed * 600);
        return vault.ingest(new ByteArrayInputStream(bytes), new SegmentDraft(null, name, "A123456", "100234",
                "110105000000", start, start.plusSeconds(60), 0, "hall-1", Trigger.MANUAL, "p_dock"));
    }

    @Test
    void aBackupHoldsTheIndexAndKeysOnlyAndTheRestoreFindsTheOriginalsInTheCluster() throws Exception {
        String bucket = CephCluster.uniqueBucket("backup");
        Path data = dir.resolve("data");
        Path backup = dir.resolve("backup");
        BackupManifest.Summary summary;
        try (Vault vault = Vault.open(VaultConfig.defaults(data).withStore(store(bucket)), Clock.systemUTC())) {
            ingest(vault, "A123456_100234_20261120080000.mp4", 1);
            ingest(vault, "A123456_100234_20261120081000.mp4", 2);
            summary = VaultBackup.write(vault, backup);
        }
        assertThat(summary.objectsIncluded()).isFalse();
        assertThat(summary.segments()).isEqualTo(2);
        assertThat(summary.objectStore()).contains(bucket).contains(cluster.endpoint().toString());
        assertThat(backup.resolve("objects")).doesNotExist();
        assertThat(backup.resolve("index")).isDirectory();
        assertThat(Files.readString(backup.resolve("backup.json"))).contains("\"objectsIncluded\" : false");

        // a restore for the file store would have no originals: refused, naming where they are
        assertThatThrownBy(() -> VaultRestore.restore(backup, dir.resolve("wrong"), StoreConfig.defaults(),
                Clock.systemUTC())).isInstanceOf(VaultException.class).hasMessageContaining(bucket)
                .hasMessageContaining("store.kind=s3");

        VaultRestore.Report report = VaultRestore.restore(backup, dir.resolve("restored"), store(bucket), Clock.systemUTC());
        assertThat(report.segments()).isEqualTo(2);
        assertThat(report.objectsLinked() + report.objectsCopied()).isZero();

        // against a bucket that does not hold them, every original is missing and the restore says so
        assertThatThrownBy(() -> VaultRestore.restore(backup, dir.resolve("elsewhere"),
                store(CephCluster.uniqueBucket("empty")), Clock.systemUTC()))
                .isInstanceOf(VaultException.class).hasMessageContaining("restored originals missing");
    }
}
