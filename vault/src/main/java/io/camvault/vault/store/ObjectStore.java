package io.camvault.vault.store;

import io.camvault.vault.VaultException;
import io.camvault.vault.model.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Content-addressed, write-once storage for originals, in the spirit of Iceberg's {@code FileIO}
 * and tusd's {@code DataStore}: a writer per upload ({@link #writer}) whose commit publishes the
 * bytes under their SHA-256, readers by reference ({@link #open}), and what only some stores can do
 * as optional capabilities ({@link #localFiles}, {@link #retentionControl}, {@link #purger}). No
 * {@code Path} and no SDK type crosses this interface; behaviour a store differs in (part sizes,
 * retries, staging) is that store's settings, not branches in callers.
 */
public interface ObjectStore extends AutoCloseable {

    /** What and where, for logs and error messages (never credentials). */
    String describe();

    /**
     * The writer of one upload, named by the caller ({@link ObjectWriter#ID} characters). Cheap:
     * nothing is opened until it is used. Its staged bytes survive a restart; the same id finds
     * them again.
     */
    ObjectWriter writer(String writeId);

    /**
     * Discards staged writes nobody claims: {@code keep} rejects the id and nothing was written to
     * it after {@code cutoff}. A crash between creating a write and recording who owns it leaves
     * such bytes. Returns how many were removed.
     */
    int removeAbandonedWrites(Instant cutoff, Predicate<String> keep);

    Optional<StoredObject> stat(Sha256 sha256);

    /**
     * Opens a committed object for positional reads.
     *
     * @throws VaultException NOT_FOUND when there is no such object, IO when the store cannot be read
     */
    ObjectReader open(Sha256 sha256);

    /**
     * Why the store cannot be reached, as last seen; empty when it answers (a local store always does).
     * Cheap and never waits for the store: a remote store answers from what its last requests and an
     * occasional probe of its own saw (for {@code /readyz}).
     */
    default Optional<String> unreachable() {
        return Optional.empty();
    }

    /** Present when objects are plain local files (lets the gateway use sendfile and media work read them in place). */
    default Optional<LocalFiles> localFiles() {
        return Optional.empty();
    }

    /** Present when the store itself enforces retention and legal holds (S3 Object Lock). */
    default Optional<RetentionControl> retentionControl() {
        return Optional.empty();
    }

    /** Present when the store can remove an object; only the retention job is handed it. */
    default Optional<ObjectPurger> purger() {
        return Optional.empty();
    }

    /**
     * Writes a whole stream through a writer of its own, hashing as it goes, and commits it with
     * {@code protection}. On failure the staged bytes are discarded.
     */
    default StoredObject put(InputStream in, Protection protection) {
        ObjectWriter w = writer("put-" + UUID.randomUUID());
        try {
            w.open();
            java.security.MessageDigest md = Digests.newSha256();
            byte[] chunk = new byte[Digests.BUFFER_BYTES];
            long size = 0;
            for (int n; (n = in.read(chunk)) >= 0; ) {
                md.update(chunk, 0, n);
                w.append(ByteBuffer.wrap(chunk, 0, n));
                size += n;
            }
            w.sync();
            return w.commit(new ObjectCommit(Sha256.of(md.digest()), size, null, protection, null));
        } catch (IOException e) {
            discardQuietly(w, e);
            throw new VaultException(DiskFull.causes(e) ? VaultException.Kind.NO_SPACE : VaultException.Kind.IO,
                    "put failed: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            discardQuietly(w, e);
            throw e;
        }
    }

    private static void discardQuietly(ObjectWriter w, Throwable failure) {
        try {
            w.discard();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    void close();
}
