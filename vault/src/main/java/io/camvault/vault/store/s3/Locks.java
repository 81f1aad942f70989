package io.camvault.vault.store.s3;

import java.time.Instant;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectLockRetention;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;

/** Reads and sets one version's Object Lock retention and legal hold. */
final class Locks {
    private Locks() {
    }

    /** The version's retain-until, or null when it has none. */
    static Instant retainUntil(S3Client s3, String bucket, String key, String versionId) {
        try {
            ObjectLockRetention r = s3.getObjectRetention(b -> b.bucket(bucket).key(key).versionId(versionId)).retention();
            return r == null ? null : r.retainUntilDate();
        } catch (SdkException e) {
            if (S3Errors.status(e, 404)) {
                return null;
            }
            throw e;
        }
    }

    /** Sets COMPLIANCE retention until {@code until}; the store refuses (403) a shorter one. */
    static void setRetention(S3Client s3, String bucket, String key, String versionId, Instant until) {
        s3.putObjectRetention(b -> b.bucket(bucket).key(key).versionId(versionId)
                .retention(r -> r.mode(ObjectLockRetentionMode.COMPLIANCE).retainUntilDate(until)));
    }

    static boolean held(S3Client s3, String bucket, String key, String versionId) {
        try {
            var hold = s3.getObjectLegalHold(b -> b.bucket(bucket).key(key).versionId(versionId)).legalHold();
            return hold != null && hold.status() == ObjectLockLegalHoldStatus.ON;
        } catch (SdkException e) {
            if (S3Errors.status(e, 404)) {
                return false;
            }
            throw e;
        }
    }

    static void setHold(S3Client s3, String bucket, String key, String versionId, ObjectLockLegalHoldStatus status) {
        s3.putObjectLegalHold(b -> b.bucket(bucket).key(key).versionId(versionId).legalHold(h -> h.status(status)));
    }
}
