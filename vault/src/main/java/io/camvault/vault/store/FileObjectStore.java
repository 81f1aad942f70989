package io.camvault.vault.store;

import io.camvault.vault.model.Sha256;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.Optional;

/**
 * SHELL — to be implemented. The embedded default: a directory tree
 * {@code objects/sha256/ab/cd/<hash>} with read-only files.
 */
public final class FileObjectStore implements ObjectStore, ObjectPurger {

    public FileObjectStore(Path root) {
    }

    @Override
    public Path stagingDir() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public StoredObject commit(Path staged, Sha256 digest, long size) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public StoredObject put(InputStream in) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public Optional<StoredObject> stat(Sha256 sha256) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public SeekableByteChannel openRead(Sha256 sha256) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public Optional<Path> localFile(Sha256 sha256) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public boolean purge(Sha256 sha256) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void close() {
    }
}
