package io.camvault.vault.store.s3;

import io.camvault.vault.VaultException;
import io.camvault.vault.VaultException.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ObjectLockConfiguration;
import software.amazon.awssdk.services.s3.model.ObjectLockEnabled;

/** The bucket must exist with Object Lock (and so versioning); camvault creates it so when absent. */
final class BucketCheck {
    private static final Logger LOG = LoggerFactory.getLogger(BucketCheck.class);

    private BucketCheck() {
    }

    static void ensureLockedBucket(S3Client s3, String bucket) {
        boolean exists;
        try {
            s3.headBucket(b -> b.bucket(bucket));
            exists = true;
        } catch (SdkException e) {
            if (!S3Errors.status(e, 404)) {
                throw S3Errors.wrap("bucket " + bucket, e);
            }
            exists = false;
        }
        if (!exists) {
            try {
                s3.createBucket(b -> b.bucket(bucket).objectLockEnabledForBucket(true));
                LOG.info("objectstore.bucket_created bucket={} objectLock=true", bucket);
            } catch (SdkException e) {
                if (!S3Errors.codeOf(e).equals("BucketAlreadyOwnedByYou")) {
                    throw S3Errors.wrap("creation of bucket " + bucket + " with Object Lock", e);
                }
            }
        }
        ObjectLockConfiguration lock;
        try {
            lock = s3.getObjectLockConfiguration(b -> b.bucket(bucket)).objectLockConfiguration();
        } catch (SdkException e) {
            if (S3Errors.status(e, 404)) {
                throw refuse(bucket, "it has no Object Lock configuration (" + S3Errors.codeOf(e) + ")");
            }
            throw S3Errors.wrap("Object Lock configuration of bucket " + bucket, e);
        }
        if (lock == null || lock.objectLockEnabled() != ObjectLockEnabled.ENABLED) {
            throw refuse(bucket, "Object Lock is not enabled on it");
        }
        BucketVersioningStatus versioning;
        try {
            versioning = s3.getBucketVersioning(b -> b.bucket(bucket)).status();
        } catch (SdkException e) {
            throw S3Errors.wrap("versioning of bucket " + bucket, e);
        }
        if (versioning != BucketVersioningStatus.ENABLED) {
            throw refuse(bucket, "its versioning is " + (versioning == null ? "off" : versioning));
        }
    }

    static VaultException refuse(String bucket, String why) {
        return new VaultException(Kind.FORBIDDEN, "refusing bucket " + bucket + ": " + why + ". camvault keeps "
                + "originals only in a bucket created with Object Lock (versioning on, never suspended); create one "
                + "with `aws s3api create-bucket --bucket NAME --object-lock-enabled-for-bucket` or let camvault "
                + "create it by naming a bucket that does not exist");
    }
}
