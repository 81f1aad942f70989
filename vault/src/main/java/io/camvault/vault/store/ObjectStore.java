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
     * Runs the commit protocol: fsync the file, check its size and the digest, make it read-only,
     * rename it atomically into place, fsync the directory. If the object already exists the
     * staging file is removed and the existing object returned (same bytes, same address).
     *
     * @throws io.camvault.vault.VaultException INTEGRITY when the size or digest does not match
     */
    StoredObject commit(Path staged, Sha256 digest, long size);

    /** Writes a stream into the store, hashing as it goes, and commits it. */
    StoredObject put(InputStream in);

    Optional<StoredObject> stat(Sha256 sha256);

    /** Opens a committed object for reading. */
    SeekableByteChannel openRead(Sha256 sha256);

    /** The object's file, when the store keeps objects as local files (lets the gateway use sendfile). */
    Optional<Path> localFile(Sha256 sha256);

    @Override
    void close();
}
