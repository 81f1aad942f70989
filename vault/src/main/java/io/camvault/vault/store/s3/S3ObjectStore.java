package io.camvault.vault.store.s3;

import io.camvault.vault.VaultException;
import io.camvault.vault.VaultException.Kind;
import io.camvault.vault.model.Sha256;
import io.camvault.vault.store.ObjectCommit;
import io.camvault.vault.store.ObjectPurger;
import io.camvault.vault.store.ObjectReader;
import io.camvault.vault.store.ObjectStore;
import io.camvault.vault.store.ObjectWriter;
import io.camvault.vault.store.Protection;
import io.camvault.vault.store.PurgeOutcome;
import io.camvault.vault.store.RetentionControl;
import io.camvault.vault.store.StoredObject;
import io.camvault.vault.store.staging.StagedFile;
import io.camvault.vault.store.staging.StagingArea;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectVersion;

/**
 * Originals in an S3 bucket with Object Lock (Ceph RGW), so write-once is enforced by the cluster.
 *
 * <h2>Layout</h2>
 * {@code originals/sha256/<ab>/<cd>/<64 hex>} (the file store's layout under a prefix), each a
 * versioned object with user metadata {@code sha256} (and {@code sm3} when computed);
 * {@code manifests/<segment id>/manifest.json}, the segment's description, locked like its original;
 * {@code canary/…}, the start-up proof that locks hold ({@link LockCanary}).
 *
 * <h2>Writes</h2>
 * A writer stages the upload's bytes in a local file ({@link StagingArea}, the gateway's uploads
 * directory): that is what a restart resumes from. The commit streams the staged bytes to the bucket
 * (one PUT up to {@code store.s3.part-size}, a multipart upload above it), every PUT and part with its
 * Content-MD5, which the cluster checks; it re-hashes the bytes as it sends them and aborts the upload,
 * publishing nothing, when they do not hash to the declared SHA-256. COMPLIANCE retention and the legal
 * hold are set in the same request that creates the object, so no unlocked version ever exists. The
 * staged file is deleted only after the cluster has answered; the commit answers only then. An object
 * already stored under the hash is answered (and protected at least as asked) after the staged bytes are
 * verified, without a second version. Commits of one hash in this process run one at a time.
 *
 * <h2>Retention</h2>
 * See {@link LockPlan}: what camvault never takes back becomes COMPLIANCE retention (only ever
 * extended); a legal hold becomes the object's legal hold. A purge deletes every version by id, which
 * the cluster refuses while any is locked or held: the refusal is reported, not overridden.
 */
public final class S3ObjectStore implements ObjectStore, RetentionControl, ObjectPurger {
    private static final Logger LOG = LoggerFactory.getLogger(S3ObjectStore.class);
    static final String ORIGINALS = "originals/sha256/";
    static final String MANIFESTS = "manifests/";

    private final S3Settings settings;
    private final S3Client s3;
    private final StagingArea staging;
    private final Clock clock;
    private final ConcurrentMap<Sha256, CompletableFuture<Void>> committing = new ConcurrentHashMap<>();
    private final Uploads uploads;
    private final S3Health health;

    S3ObjectStore(S3Settings settings, S3Client s3, StagingArea staging, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.staging = Objects.requireNonNull(staging, "staging");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.uploads = new Uploads(s3, settings);
        this.health = new S3Health(s3, settings.bucket());
    }

    /**
     * Connects, creates the bucket with Object Lock when it does not exist, refuses one without it,
     * and proves with a canary that the store enforces COMPLIANCE locks.
     *
     * @throws VaultException FORBIDDEN naming what the store failed to enforce, UNAVAILABLE when it cannot be reached
     */
    public static S3ObjectStore open(S3Settings settings, StagingArea staging, Clock clock) {
        S3Client client = S3Clients.build(settings);
        try {
            S3ObjectStore store = new S3ObjectStore(settings, client, staging, clock);
            BucketCheck.ensureLockedBucket(client, settings.bucket());
            new LockCanary(client, settings.bucket(), clock).prove();
            LOG.info("objectstore.opened kind=s3 endpoint={} bucket={} partSize={} staging={}", settings.endpoint(),
                    settings.bucket(), settings.partSize(), staging.dir());
            return store;
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** Runs the canary again (the daily check): throws FORBIDDEN when the store no longer enforces locks. */
    public void proveLocksHold() {
        new LockCanary(s3, settings.bucket(), clock).prove();
    }

    @Override
    public String describe() {
        return "s3 store bucket=" + settings.bucket() + " at " + settings.endpoint();
    }

    static String keyOf(Sha256 sha256) {
        String hex = sha256.hex();
        return ORIGINALS + hex.substring(0, 2) + "/" + hex.substring(2, 4) + "/" + hex;
    }

    @Override
    public ObjectWriter writer(String writeId) {
        return new S3ObjectWriter(this, new StagedFile(staging, writeId));
    }

    @Override
    public int removeAbandonedWrites(Instant cutoff, Predicate<String> keep) {
        return staging.removeAbandoned(cutoff, keep);
    }

    @Override
    public Optional<StoredObject> stat(Sha256 sha256) {
        return currentVersion(sha256).map(h -> new StoredObject(sha256, h.contentLength(), h.versionId()));
    }

    @Override
    public ObjectReader open(Sha256 sha256) {
        HeadObjectResponse head = currentVersion(sha256).orElseThrow(() -> new VaultException(Kind.NOT_FOUND,
                "no object sha256=" + sha256.hex() + " in " + describe()));
        return new S3ObjectReader(s3, settings.bucket(), keyOf(sha256), head.versionId(), head.contentLength());
    }

    @Override
    public Optional<String> unreachable() {
        return health.problem();
    }

    @Override
    public Optional<RetentionControl> retentionControl() {
        return Optional.of(this);
    }

    @Override
    public Optional<ObjectPurger> purger() {
        return Optional.of(this);
    }

    // --- commit -------------------------------------------------------------------------------------------------

    StoredObject commit(StagedFile staged, ObjectCommit c) {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        for (CompletableFuture<Void> other; (other = committing.putIfAbsent(c.sha256(), mine)) != null; ) {
            other.join(); // one commit of a hash at a time in this process: the next finds the object
        }
        try {
            Optional<String> down = health.recentProblem();
            if (down.isPresent()) {
                // the store did not answer moments ago: say so now rather than hold a writer thread for
                // store.s3.call-timeout; the staged bytes stay, the retry commits them. Not a new word on
                // health (that would keep the old one fresh forever and no probe would ever look again).
                throw new NotTried("commit of sha256=" + c.sha256().hex() + " not tried: " + down.get());
            }
            StoredObject stored = commitAlone(staged, c);
            health.answered();
            return stored;
        } catch (VaultException e) {
            if (e.kind() == Kind.UNAVAILABLE && !(e instanceof NotTried)) {
                health.failed(e.getMessage(), S3Health.hangs(e));
            }
            throw e;
        } finally {
            committing.remove(c.sha256(), mine);
            mine.complete(null);
        }
    }

    /** A commit refused at once because the store did not answer moments ago. */
    private static final class NotTried extends VaultException {
        NotTried(String message) {
            super(Kind.UNAVAILABLE, message);
        }
    }

    private StoredObject commitAlone(StagedFile staged, ObjectCommit c) {
        long started = System.nanoTime();
        Sha256 sha = c.sha256();
        long have;
        try {
            staged.close();
            have = staged.staged().orElse(-1);
        } catch (java.io.IOException e) {
            throw new VaultException(Kind.IO, "cannot read staged write " + staged.id() + ": " + e.getMessage(), e);
        }
        Optional<StoredObject> existing = stat(sha);
        if (have < 0) {
            // a commit retried after the hand-over: answered from the store
            StoredObject o = existing.orElseThrow(() -> new VaultException(Kind.NOT_FOUND,
                    "nothing staged for write " + staged.id() + " and no object sha256=" + sha.hex() + " is stored"));
            requireSize(o, c.size());
            protect(sha, c.protection());
            putManifest(c);
            return o;
        }
        if (have != c.size()) {
            throw new VaultException(Kind.INTEGRITY, "size mismatch for sha256=" + sha.hex() + ": declared " + c.size()
                    + " bytes, staged " + have + "; nothing was stored");
        }
        StoredObject stored;
        if (existing.isPresent()) {
            Uploads.verifyStaged(staging.part(staged.id()), sha);
            requireSize(existing.get(), c.size());
            protect(sha, c.protection());
            stored = existing.get();
            LOG.info("object.exists sha256={} bytes={} version={}", sha.hex(), c.size(), stored.version());
        } else {
            String version = uploads.upload(staging.part(staged.id()), keyOf(sha), c,
                    LockPlan.retainUntil(c.protection(), clock.instant()));
            stored = new StoredObject(sha, c.size(), version);
            LOG.info("object.committed kind=s3 sha256={} bytes={} version={} millis={}", sha.hex(), c.size(), version,
                    (System.nanoTime() - started) / 1_000_000);
        }
        if (c.size() > settings.partSize()) {
            uploads.abortLeftovers(keyOf(sha));
        }
        putManifest(c);
        try {
            staged.delete();
        } catch (java.io.IOException e) {
            // the object is in the cluster; a leftover staged file is only swept later
            LOG.warn("objectstore.staging.delete-failed write={} error=\"{}\"", staged.id(), e.toString());
        }
        return stored;
    }

    private static void requireSize(StoredObject o, long size) {
        if (o.size() != size) {
            throw new VaultException(Kind.INTEGRITY, "object sha256=" + o.sha256().hex() + " is stored with "
                    + o.size() + " bytes, not the declared " + size + "; nothing was changed");
        }
    }

    private void putManifest(ObjectCommit c) {
        if (c.manifest() == null) {
            return;
        }
        String key = MANIFESTS + c.manifest().segmentId() + "/manifest.json";
        uploads.putSmall(key, c.manifest().json(), "application/json", java.util.Map.of("sha256", c.sha256().hex()),
                LockPlan.retainUntil(c.protection(), clock.instant()), false);
    }

    // --- retention ----------------------------------------------------------------------------------------------

    @Override
    public void protect(Sha256 sha256, Protection p) {
        String key = keyOf(sha256);
        List<ObjectVersion> versions = versionsOf(key);
        if (versions.isEmpty()) {
            throw new VaultException(Kind.NOT_FOUND, "no object sha256=" + sha256.hex() + " to protect in " + describe());
        }
        Optional<Instant> until = LockPlan.retainUntil(p, clock.instant());
        for (ObjectVersion v : versions) {
            if (until.isPresent()) {
                Instant current = call("read the retention of " + key, () -> Locks.retainUntil(s3, settings.bucket(),
                        key, v.versionId()));
                if (LockPlan.needsExtension(current, until.get())) {
                    call("extend the retention of " + key, () -> Locks.setRetention(s3, settings.bucket(), key,
                            v.versionId(), until.get()));
                    Instant now = call("read the retention of " + key, () -> Locks.retainUntil(s3, settings.bucket(),
                            key, v.versionId()));
                    if (LockPlan.needsExtension(now, until.get())) {
                        throw new VaultException(Kind.IO, "the store accepted retention until " + until.get() + " for "
                                + key + " version " + v.versionId() + " but holds " + now);
                    }
                    LOG.info("object.retention_extended sha256={} version={} until={}", sha256.hex(), v.versionId(),
                            until.get());
                }
            }
            if (p.legalHold()) {
                call("set the legal hold of " + key, () -> Locks.setHold(s3, settings.bucket(), key, v.versionId(),
                        ObjectLockLegalHoldStatus.ON));
            }
        }
    }

    @Override
    public void releaseHold(Sha256 sha256) {
        String key = keyOf(sha256);
        for (ObjectVersion v : versionsOf(key)) {
            if (call("read the legal hold of " + key, () -> Locks.held(s3, settings.bucket(), key, v.versionId()))) {
                call("release the legal hold of " + key, () -> Locks.setHold(s3, settings.bucket(), key, v.versionId(),
                        ObjectLockLegalHoldStatus.OFF));
                LOG.info("object.hold_released sha256={} version={}", sha256.hex(), v.versionId());
            }
        }
    }

    @Override
    public Protection protection(Sha256 sha256) {
        String key = keyOf(sha256);
        List<ObjectVersion> versions = versionsOf(key);
        if (versions.isEmpty()) {
            throw new VaultException(Kind.NOT_FOUND, "no object sha256=" + sha256.hex() + " in " + describe());
        }
        Instant earliest = null;
        boolean held = false;
        for (ObjectVersion v : versions) {
            Instant until = call("read the retention of " + key, () -> Locks.retainUntil(s3, settings.bucket(), key,
                    v.versionId()));
            Instant u = until == null ? Instant.EPOCH : until;
            earliest = earliest == null || u.isBefore(earliest) ? u : earliest;
            held |= call("read the legal hold of " + key, () -> Locks.held(s3, settings.bucket(), key, v.versionId()));
        }
        return new Protection(earliest, held);
    }

    // --- purge --------------------------------------------------------------------------------------------------

    @Override
    public PurgeOutcome purge(Sha256 sha256) {
        String key = keyOf(sha256);
        List<Versions.Entry> entries = call("list the versions of " + key, () -> Versions.all(s3, settings.bucket(), key));
        if (entries.stream().noneMatch(e -> !e.deleteMarker())) {
            entries.forEach(e -> deleteQuietly(key, e.versionId()));
            return PurgeOutcome.ABSENT;
        }
        List<String> refused = new ArrayList<>();
        for (Versions.Entry e : entries) {
            try {
                s3.deleteObject(b -> b.bucket(settings.bucket()).key(key).versionId(e.versionId()));
            } catch (SdkException ex) {
                if (S3Errors.status(ex, 403)) {
                    refused.add(e.versionId() + ": " + ex.getMessage().lines().findFirst().orElse(""));
                    continue;
                }
                throw S3Errors.wrap("purge of " + key + " version " + e.versionId(), ex);
            }
        }
        if (!refused.isEmpty()) {
            LOG.info("object.purge_refused sha256={} versions={}", sha256.hex(), refused.size());
            return PurgeOutcome.refused("the store keeps it (Object Lock): " + String.join("; ", refused));
        }
        LOG.info("object.purged kind=s3 sha256={} versions={}", sha256.hex(), entries.size());
        return PurgeOutcome.REMOVED;
    }

    private void deleteQuietly(String key, String versionId) {
        try {
            s3.deleteObject(b -> b.bucket(settings.bucket()).key(key).versionId(versionId));
        } catch (SdkException e) {
            LOG.warn("object.delete_marker_left key={} error=\"{}\"", key, e.toString());
        }
    }

    @Override
    public void close() {
        health.close();
        s3.close();
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    /** The newest version that is not a delete marker (a plain DELETE by someone else only hides it). */
    private Optional<HeadObjectResponse> currentVersion(Sha256 sha256) {
        String key = keyOf(sha256);
        try {
            return Optional.of(s3.headObject(b -> b.bucket(settings.bucket()).key(key)));
        } catch (SdkException e) {
            if (!S3Errors.status(e, 404)) {
                throw S3Errors.wrap("stat of " + key, e);
            }
        }
        List<ObjectVersion> versions = versionsOf(key);
        if (versions.isEmpty()) {
            return Optional.empty();
        }
        String version = versions.get(0).versionId();
        return Optional.of(call("stat of " + key, () -> s3.headObject(b -> b.bucket(settings.bucket()).key(key)
                .versionId(version))));
    }

    private List<ObjectVersion> versionsOf(String key) {
        return call("list the versions of " + key, () -> Versions.objects(s3, settings.bucket(), key));
    }

    private static <T> T call(String what, Supplier<T> action) {
        try {
            return action.get();
        } catch (SdkException e) {
            throw S3Errors.wrap(what, e);
        }
    }

    private static void call(String what, Runnable action) {
        try {
            action.run();
        } catch (SdkException e) {
            throw S3Errors.wrap(what, e);
        }
    }

}
