package io.camvault.vault.store.s3;

import io.camvault.vault.VaultException;
import io.camvault.vault.VaultException.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;

/**
 * Trust, then verify the store: several S3 servers accept COMPLIANCE settings and do not enforce
 * them. The canary is a small object locked for {@link #LOCK} that camvault then tries to destroy
 * as a bug or an intruder with camvault's keys would: delete its version (also with the governance
 * bypass), shorten its retention, suspend the bucket's versioning. Every attempt must be refused;
 * one that succeeds means the store does not enforce Object Lock, and camvault refuses it, naming
 * what the store let through. Canaries whose lock has passed are deleted at the next check.
 */
final class LockCanary {
    private static final Logger LOG = LoggerFactory.getLogger(LockCanary.class);
    static final String PREFIX = "canary/";
    /** Long enough to outlast the checks, short enough that old canaries go at the next start. */
    static final Duration LOCK = Duration.ofMinutes(2);

    private final S3Client s3;
    private final String bucket;
    private final Clock clock;

    LockCanary(S3Client s3, String bucket, Clock clock) {
        this.s3 = s3;
        this.bucket = bucket;
        this.clock = clock;
    }

    void prove() {
        sweepOld();
        Instant until = clock.instant().plus(LOCK).truncatedTo(ChronoUnit.SECONDS);
        String key = PREFIX + until.toString().replace(":", "") + "-" + UUID.randomUUID();
        byte[] body = ("camvault lock canary, locked until " + until + "\n").getBytes(StandardCharsets.UTF_8);
        String version = Uploads.put(s3, bucket, key, body, "text/plain; charset=utf-8", meta(), Optional.of(until), false);
        List<String> failures = new ArrayList<>();
        if (version == null || version.isEmpty() || version.equals("null")) {
            failures.add("it gave the locked object no version id (versioning is not on)");
        } else {
            Instant held = Locks.retainUntil(s3, bucket, key, version);
            if (held == null || held.isBefore(until)) {
                failures.add("it reports the canary's retention as " + held + ", not " + until);
            }
            if (deleted(() -> s3.deleteObject(b -> b.bucket(bucket).key(key).versionId(version)))) {
                failures.add("it deleted a COMPLIANCE-locked version");
            } else if (deleted(() -> s3.deleteObject(b -> b.bucket(bucket).key(key).versionId(version)
                    .bypassGovernanceRetention(true)))) {
                failures.add("it deleted a COMPLIANCE-locked version with the governance bypass");
            } else if (deleted(() -> Locks.setRetention(s3, bucket, key, version, until.minus(LOCK.dividedBy(2))))) {
                failures.add("it shortened a COMPLIANCE retention");
            }
        }
        if (deleted(() -> s3.putBucketVersioning(b -> b.bucket(bucket)
                .versioningConfiguration(v -> v.status(BucketVersioningStatus.SUSPENDED))))) {
            failures.add("it suspended the versioning of a bucket with Object Lock");
            try {
                s3.putBucketVersioning(b -> b.bucket(bucket)
                        .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
            } catch (SdkException e) {
                failures.add("and versioning could not be turned back on: " + e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            LOG.error("objectstore.canary_failed bucket={} failures=\"{}\"", bucket, String.join("; ", failures));
            throw new VaultException(Kind.FORBIDDEN, "the object store does not enforce Object Lock, so it cannot "
                    + "keep evidence write-once: " + String.join("; ", failures) + " (canary " + key + " in bucket "
                    + bucket + "). Use a store that enforces S3 Object Lock in COMPLIANCE mode (Ceph RGW does)");
        }
        LOG.info("objectstore.canary_held bucket={} key={} until={}", bucket, key, until);
    }

    /** Runs a destructive call; true when the store allowed it, false when it refused (any 4xx). */
    private static boolean deleted(Runnable attempt) {
        try {
            attempt.run();
            return true;
        } catch (SdkException e) {
            if (e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException ase
                    && ase.statusCode() >= 400 && ase.statusCode() < 500) {
                return false;
            }
            throw S3Errors.wrap("the Object Lock canary", e);
        }
    }

    /** Deletes earlier canaries whose lock has passed (the store refuses the others; they go next time). */
    private void sweepOld() {
        Instant now = clock.instant();
        try {
            for (ListObjectVersionsResponse page : s3.listObjectVersionsPaginator(b -> b.bucket(bucket).prefix(PREFIX))) {
                page.versions().forEach(v -> expired(v.key(), now).ifPresent(k -> deleteQuietly(k, v.versionId())));
                page.deleteMarkers().forEach(m -> deleteQuietly(m.key(), m.versionId()));
            }
        } catch (SdkException e) {
            LOG.warn("objectstore.canary_sweep_failed bucket={} error=\"{}\"", bucket, e.toString());
        }
    }

    private static Optional<String> expired(String key, Instant now) {
        try {
            String stamp = key.substring(PREFIX.length(), key.indexOf('-', PREFIX.length() + 8));
            Instant until = Instant.parse(stamp.substring(0, 13) + ":" + stamp.substring(13, 15) + ":"
                    + stamp.substring(15));
            return until.isBefore(now) ? Optional.of(key) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private void deleteQuietly(String key, String versionId) {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key).versionId(versionId));
        } catch (SdkException e) {
            LOG.debug("objectstore.canary_kept key={} error=\"{}\"", key, e.toString());
        }
    }

    static Map<String, String> meta() {
        return Map.of("purpose", "camvault-lock-canary");
    }
}
