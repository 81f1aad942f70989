package io.camvault.vault.store.s3;

import io.camvault.vault.store.ObjectStore;
import io.camvault.vault.store.ObjectStoreContract;
import io.camvault.vault.store.staging.StagingArea;
import io.camvault.vault.testsupport.CephCluster;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.extension.ExtendWith;

/** The object store contract against a real Ceph RGW, a fresh Object Lock bucket per test. */
@ExtendWith(CephCluster.Required.class)
class S3ObjectStoreContractIT extends ObjectStoreContract {

    @Override
    protected ObjectStore open(Path dir) {
        return S3ObjectStore.open(settings(CephCluster.shared(), CephCluster.uniqueBucket("contract")),
                new StagingArea(dir.resolve("uploads"), false), Clock.systemUTC());
    }

    static S3Settings settings(CephCluster c, String bucket) {
        return new S3Settings(c.endpoint(), c.region(), bucket, true,
                new S3Settings.Credentials(c.accessKey(), c.secretKey()), S3Settings.MIN_PART_SIZE);
    }
}
