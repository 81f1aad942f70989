package io.camvault.vault.store;

import io.camvault.vault.model.Sha256;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Content-addressed, write-once storage for originals. Narrow on purpose: an S3 Object Lock
 * backend must be able to implement it.
 */
public interface ObjectStore extends AutoCloseable {

    /**
     * A directory on the same file system as the store where callers may write files they will
     * later {@link #commit}; a rename from here is atomic.
     */
    Path stagingDir();

    /**
     * Commits a fully written staging file whose bytes the caller hashed while writing them.
     * Runs the commit protocol: fsync the file, check its size (and, where the implementation is
     * configured to, re-hash it), make it read-only, rename it atomically into place, fsync the
     * directory. If the object already exists the staging file is removed and the existing object
     * returned (same bytes, same address); an existing object is never replaced.
     *
     * <p>On {@code INTEGRITY} nothing is stored and the staging file is left untouched: the caller
     * owns it and decides what to do with it. On {@code IO} the staging file is either still where
     * it was or already committed, so calling again with the same arguments is safe: a commit whose
     * staging file is gone is answered with the stored object when it exists with this size.
     *
     * @throws io.camvault.vault.VaultException INTEGRITY when the size or digest does not match,
     *         NOT_FOUND when neither the staging file nor the object exists, IO or NO_SPACE when
     *         storage fails
     */
    StoredObject commit(Path staged, Sha256 digest, long size);

    /**
     * Writes a stream into the store, hashing as it goes, and commits it. On failure the store
     * removes its own staging file; one left by a crash is removed when the store is next opened.
     */
    StoredObject put(InputStream in);

    Optional<StoredObject> stat(Sha256 sha256);

    /**
     * Opens a committed object for reading; the channel cannot write.
     *
     * @throws io.camvault.vault.VaultException NOT_FOUND when there is no such object
     */
    SeekableByteChannel openRead(Sha256 sha256);

    /** The object's file, when the store keeps objects as local files (lets the gateway use sendfile). */
    Optional<Path> localFile(Sha256 sha256);

    @Override
    void close();
}
