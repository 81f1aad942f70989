package io.camvault.vault.store;

import io.camvault.vault.VaultException;
import io.camvault.vault.VaultException.Kind;
import io.camvault.vault.model.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import io.camvault.vault.store.staging.StagedFile;
import io.camvault.vault.store.staging.StagingArea;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: read-only files in a directory tree {@code root/sha256/ab/cd/<64 hex>},
 * where {@code ab} and {@code cd} are the first two bytes of the hash (so no directory grows past
 * a few hundred entries for millions of objects), and a staging directory {@code root/staging} on
 * the same file system so that committing is one atomic rename.
 *
 * <h2>Commit protocol</h2>
 * <ol>
 *   <li>fdatasync the staged file, so the bytes (and the size) are on disk before any name points
 *       at them;</li>
 *   <li>verify: the size always; the SHA-256 only with {@code verifyOnCommit} (see below);</li>
 *   <li>under a per-hash lock: if the object already exists, compare sizes, delete the staged file
 *       and answer the existing object (idempotent by hash). Otherwise</li>
 *   <li>make the staged file read-only <em>before</em> it gets its address, so no writable file is
 *       ever visible there;</li>
 *   <li>create the missing {@code ab/cd} directories;</li>
 *   <li>rename atomically into place: the address holds the whole file or nothing;</li>
 *   <li>fsync the object's directory and the parent of each directory created in step 5, all at
 *       once ({@link DirectorySync}), so the whole path and the rename survive a power loss.</li>
 * </ol>
 * The directory fsyncs come after the rename, together, not one after each {@code mkdir}: each
 * only has to make its entries durable before the object is acknowledged, and fsyncs that start
 * together share one journal commit on ext4 or XFS. In a fresh store nearly every commit creates a
 * directory; one journal commit instead of two or three per object is what a small upload waits
 * for when big streams keep the disk busy.
 * A crash at any point therefore leaves either no file at the address or a complete, fsynced,
 * verified, read-only one. Only {@link #purge} removes a committed object; nothing overwrites one.
 *
 * <h2>verifyOnCommit</h2>
 * {@link #commit} takes a digest the caller computed over the exact bytes it wrote. Re-hashing the
 * file at commit catches a caller bug or a corruption between write and commit, at the price of one
 * more full read and hash of every original on the ingest path (gigabytes per recorder at shift
 * end). The fixity audit re-hashes every object later anyway, so the daemon default is
 * {@code false}: trust the caller's digest, check the size. Tests that exercise verification turn
 * it on. {@link #put} never re-hashes: the store computed the digest itself while writing.
 *
 * <h2>Failures</h2>
 * I/O errors surface as {@link VaultException} kind {@code IO} (or {@code NO_SPACE}) naming the
 * protocol step. A size or digest mismatch is {@code INTEGRITY}; nothing is stored and the staged
 * file is left untouched where the caller put it: the caller owns it and decides whether to discard
 * it (the gateway answers 460) or keep it. After an I/O failure the staged file is either still at
 * its path (a retry with the same arguments is safe) or already committed; a retried commit whose
 * staged file is gone is answered from the store when the object exists with the declared size.
 *
 * <p>Only this process writes the tree (the daemon owns its data directory, as RocksDB's lock
 * enforces); the per-hash lock makes the existence check and the rename one step, since an
 * atomic rename would otherwise replace an object committed concurrently under the same name.
 */
public final class FileObjectStore implements ObjectStore, ObjectPurger, LocalFiles {
    private static final Logger LOG = LoggerFactory.getLogger(FileObjectStore.class);

    /** Staging files of {@link #put}: the only staging files the store itself deletes on open. */
    static final String PUT_PREFIX = "put-";
    static final String PUT_SUFFIX = ".tmp";
    /** One lock per first hash byte: matches the {@code ab} directories, so they are never created concurrently. */
    private static final int STRIPES = 256;

    private final Path root;
    private final Path objectsDir;
    private final Path stagingDir;
    /** Where writers stage upload bytes; on the same file system, so a commit is one rename. */
    private final StagingArea writes;
    private final boolean verifyOnCommit;
    private final FileOps ops;
    private final Object[] stripes = new Object[STRIPES];
    private final DirectorySync dirSync;
    private volatile boolean closed;

    /** The daemon's store: {@code verifyOnCommit} off, real file system, writers staged in {@code writes}. */
    public FileObjectStore(Path root, StagingArea writes) {
        this(root, writes, false, FileOps.real());
    }

    /** Writers staged in {@code root/staging}, buffered. */
    public FileObjectStore(Path root) {
        this(root, false, FileOps.real());
    }

    public FileObjectStore(Path root, boolean verifyOnCommit) {
        this(root, verifyOnCommit, FileOps.real());
    }

    public FileObjectStore(Path root, boolean verifyOnCommit, FileOps ops) {
        this(root, null, verifyOnCommit, ops);
    }

    /**
     * Opens (creating if needed) the store under {@code root} and deletes staging files left by
     * interrupted {@link #put} calls. Files other callers placed in the staging directory are kept.
     * {@code writes} must be on the same file system as {@code root}; null stages writers in
     * {@code root/staging}.
     */
    public FileObjectStore(Path root, StagingArea writes, boolean verifyOnCommit, FileOps ops) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath();
        this.objectsDir = this.root.resolve("sha256");
        this.stagingDir = this.root.resolve("staging");
        this.verifyOnCommit = verifyOnCommit;
        this.ops = Objects.requireNonNull(ops, "ops");
        this.dirSync = new DirectorySync(ops);
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
        try {
            for (Path dir : List.of(objectsDir, stagingDir)) {
                for (Path parent : dirSync.createMissing(dir)) {
                    ops.fsyncDir(parent);
                }
            }
            PutStaging.clean(ops, stagingDir);
        } catch (IOException e) {
            throw new VaultException(kindOf(e), "cannot open object store at " + this.root + ": " + e.getMessage(), e);
        }
        this.writes = writes != null ? writes : new StagingArea(stagingDir, false);
        LOG.info("objectstore.opened kind=file root={} staging={} verifyOnCommit={}", this.root, this.writes.dir(),
                verifyOnCommit);
    }

    public Path root() {
        return root;
    }

    public boolean verifyOnCommit() {
        return verifyOnCommit;
    }

    /** Where {@link #commit(Path, Sha256, long)} callers may stage files; a rename from here is atomic. */
    public Path stagingDir() {
        return stagingDir;
    }

    /** Where writers stage their bytes. */
    public StagingArea writes() {
        return writes;
    }

    @Override
    public String describe() {
        return "file store at " + root;
    }

    @Override
    public ObjectWriter writer(String writeId) {
        requireOpen();
        return new FileObjectWriter(this, new StagedFile(writes, writeId));
    }

    @Override
    public int removeAbandonedWrites(Instant cutoff, Predicate<String> keep) {
        return writes.removeAbandoned(cutoff, keep);
    }

    @Override
    public Optional<LocalFiles> localFiles() {
        return Optional.of(this);
    }

    @Override
    public Optional<ObjectPurger> purger() {
        return Optional.of(this);
    }

    /** Where the object with this digest lives, whether or not it exists. */
    Path addressOf(Sha256 sha256) {
        String hex = sha256.hex();
        return objectsDir.resolve(hex.substring(0, 2)).resolve(hex.substring(2, 4)).resolve(hex);
    }

    /**
     * Commits a fully written staging file whose bytes the caller hashed while writing them, by
     * the protocol above. If the object already exists the staging file is removed and the
     * existing object returned. On {@code INTEGRITY} nothing is stored and the staging file is left
     * untouched; on {@code IO} calling again is safe: a commit whose staging file is gone is
     * answered with the stored object when it exists with this size ({@code NOT_FOUND} otherwise).
     */
    public StoredObject commit(Path staged, Sha256 digest, long size) {
        requireOpen();
        Objects.requireNonNull(staged, "staged");
        Objects.requireNonNull(digest, "digest");
        if (size < 0) {
            throw new VaultException(Kind.INVALID, "object size must not be negative, got " + size);
        }
        if (!Files.exists(staged, LinkOption.NOFOLLOW_LINKS)) {
            return answerRetriedCommit(staged, digest, size);
        }
        return runProtocol(staged, digest, size, verifyOnCommit);
    }

    /** The file store protects nothing beyond write-once files: {@code protection} has no effect. */
    @Override
    public StoredObject put(InputStream in, Protection protection) {
        return put(in);
    }

    /**
     * Writes a stream into the store, hashing as it goes, and commits it. On failure the store
     * removes its own staging file; one left by a crash is removed when the store is next opened.
     */
    public StoredObject put(InputStream in) {
        requireOpen();
        Objects.requireNonNull(in, "in");
        Path temp;
        try {
            temp = Files.createTempFile(stagingDir, PUT_PREFIX, PUT_SUFFIX);
        } catch (IOException e) {
            throw new VaultException(kindOf(e), "cannot create a staging file in " + stagingDir + ": " + e.getMessage(), e);
        }
        try {
            MessageDigest md = Digests.newSha256();
            long size = PutStaging.writeHashing(in, temp, md);
            // The digest is ours, computed over the bytes as written: re-hashing would read the same
            // page-cache bytes back, so only the size is verified.
            return runProtocol(temp, Sha256.of(md.digest()), size, false);
        } catch (IOException e) {
            VaultException failure = new VaultException(kindOf(e),
                    "put failed while writing staging file " + temp + ": " + e.getMessage(), e);
            PutStaging.discard(ops, temp, failure);
            throw failure;
        } catch (RuntimeException | Error e) {
            PutStaging.discard(ops, temp, e);
            throw e;
        }
    }

    @Override
    public Optional<StoredObject> stat(Sha256 sha256) {
        requireOpen();
        try {
            return statAt(addressOf(sha256), sha256);
        } catch (IOException e) {
            throw new VaultException(kindOf(e), "cannot stat object sha256=" + sha256.hex() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ObjectReader open(Sha256 sha256) {
        requireOpen();
        try {
            return new FileObjectReader(FileChannel.open(addressOf(sha256), StandardOpenOption.READ));
        } catch (NoSuchFileException e) {
            throw new VaultException(Kind.NOT_FOUND, "no object sha256=" + sha256.hex(), e);
        } catch (IOException e) {
            throw new VaultException(kindOf(e), "cannot open object sha256=" + sha256.hex() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Path> localFile(Sha256 sha256) {
        requireOpen();
        Path path = addressOf(sha256);
        return Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) ? Optional.of(path) : Optional.empty();
    }

    @Override
    public PurgeOutcome purge(Sha256 sha256) {
        requireOpen();
        Path path = addressOf(sha256);
        synchronized (stripeOf(sha256)) {
            try {
                Optional<StoredObject> existing = statAt(path, sha256);
                if (existing.isEmpty() || !ops.deleteIfExists(path)) {
                    return PurgeOutcome.ABSENT;
                }
                ops.fsyncDir(path.getParent());
                LOG.info("object.purged sha256={} bytes={}", sha256.hex(), existing.get().size());
                return PurgeOutcome.REMOVED;
            } catch (IOException e) {
                throw new VaultException(kindOf(e), "purge of object sha256=" + sha256.hex() + " failed: " + e.getMessage(), e);
            }
        }
    }

    /** Nothing to release: every file handle is closed by the call that opened it. */
    @Override
    public void close() {
        closed = true;
        dirSync.close();
    }

    private StoredObject runProtocol(Path staged, Sha256 digest, long size, boolean rehash) {
        long started = System.nanoTime();
        Path target = addressOf(digest);
        CommitStep step = CommitStep.FSYNC_FILE;
        try {
            ops.fsyncFile(staged);
            step = CommitStep.VERIFY;
            verify(staged, digest, size, rehash);
            synchronized (stripeOf(digest)) {
                step = CommitStep.CHECK_EXISTING;
                Optional<StoredObject> existing = statAt(target, digest);
                if (existing.isPresent()) {
                    return answerExisting(existing.get(), staged, size);
                }
                step = CommitStep.SET_READ_ONLY;
                ops.setReadOnly(staged);
                step = CommitStep.CREATE_DIRS;
                List<Path> dirs = new ArrayList<>();
                dirs.add(target.getParent());
                dirs.addAll(dirSync.createMissing(target.getParent()));
                step = CommitStep.RENAME;
                ops.moveAtomic(staged, target);
                step = CommitStep.FSYNC_DIR;
                dirSync.fsyncAll(dirs);
            }
        } catch (IOException e) {
            LOG.warn("object.commit.failed sha256={} bytes={} step={} error=\"{}\"", digest.hex(), size, step.label, e.toString());
            throw new VaultException(kindOf(e), "commit of object sha256=" + digest.hex() + " failed at step '"
                    + step.label + "' (staged file " + staged + "): " + e.getMessage(), e);
        }
        LOG.info("object.committed sha256={} bytes={} verified={} millis={}", digest.hex(), size, rehash,
                (System.nanoTime() - started) / 1_000_000);
        return new StoredObject(digest, size);
    }

    private void verify(Path staged, Sha256 digest, long size, boolean rehash) throws IOException {
        long actualSize = ops.size(staged);
        if (actualSize != size) {
            throw integrity("size mismatch for sha256=" + digest.hex() + ": declared " + size
                    + " bytes, staged file has " + actualSize + "; nothing was stored");
        }
        if (rehash) {
            Sha256 actual = ops.sha256(staged);
            if (!actual.equals(digest)) {
                throw integrity("digest mismatch: declared sha256=" + digest.hex() + ", staged bytes hash to "
                        + actual.hex() + "; nothing was stored");
            }
        }
    }

    /** Called under the object's stripe lock. */
    private StoredObject answerExisting(StoredObject existing, Path staged, long size) throws IOException {
        if (existing.size() != size) {
            throw integrity("object sha256=" + existing.sha256().hex() + " already exists with " + existing.size()
                    + " bytes, the staged file has " + size + "; nothing was changed");
        }
        ops.deleteIfExists(staged);
        // The first commit of this object may have crashed before its directory fsync; we are about
        // to acknowledge the object, so make its entry durable now.
        ops.fsyncDir(addressOf(existing.sha256()).getParent());
        LOG.info("object.exists sha256={} bytes={}", existing.sha256().hex(), size);
        return existing;
    }

    /** A commit retried after a failure or crash that came after the rename finds no staged file. */
    private StoredObject answerRetriedCommit(Path staged, Sha256 digest, long size) {
        StoredObject existing = stat(digest).orElseThrow(() -> new VaultException(Kind.NOT_FOUND,
                "staged file " + staged + " does not exist and no object sha256=" + digest.hex() + " is stored"));
        if (existing.size() != size) {
            throw integrity("staged file " + staged + " does not exist and object sha256=" + digest.hex()
                    + " has " + existing.size() + " bytes, not the declared " + size);
        }
        synchronized (stripeOf(digest)) {
            try {
                ops.fsyncDir(addressOf(digest).getParent());
            } catch (IOException e) {
                throw new VaultException(kindOf(e), "commit of object sha256=" + digest.hex() + " failed at step '"
                        + CommitStep.FSYNC_DIR.label + "': " + e.getMessage(), e);
            }
        }
        LOG.info("object.exists sha256={} bytes={} stagedMissing=true", digest.hex(), size);
        return existing;
    }

    private static Optional<StoredObject> statAt(Path path, Sha256 sha256) throws IOException {
        try {
            BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return Optional.of(new StoredObject(sha256, attrs.size()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private Object stripeOf(Sha256 sha256) {
        return stripes[Byte.toUnsignedInt(sha256.bytes()[0]) % STRIPES];
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("object store at " + root + " is closed");
        }
    }

    private static VaultException integrity(String message) {
        return new VaultException(Kind.INTEGRITY, message);
    }

    /** A full disk gets its own kind so the gateway can answer 507 and resume later. */
    static Kind kindOf(IOException e) {
        return DiskFull.causes(e) ? Kind.NO_SPACE : Kind.IO;
    }
}
