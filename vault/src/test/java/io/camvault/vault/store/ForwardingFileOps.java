package io.camvault.vault.store;

import io.camvault.vault.model.Sha256;
import java.io.IOException;
import java.nio.file.Path;

/** Hands every call to {@code delegate}, telling {@link #called} first; tests override what they watch. */
class ForwardingFileOps implements FileOps {
    private final FileOps delegate;

    ForwardingFileOps(FileOps delegate) {
        this.delegate = delegate;
    }

    /** Told of every call before it is handed on: the operation's name and the path it is for. */
    protected void called(String operation, Path path) throws IOException {
    }

    @Override
    public void fsyncFile(Path file) throws IOException {
        called("fsyncFile", file);
        delegate.fsyncFile(file);
    }

    @Override
    public long size(Path file) throws IOException {
        called("size", file);
        return delegate.size(file);
    }

    @Override
    public Sha256 sha256(Path file) throws IOException {
        called("sha256", file);
        return delegate.sha256(file);
    }

    @Override
    public void setReadOnly(Path file) throws IOException {
        called("setReadOnly", file);
        delegate.setReadOnly(file);
    }

    @Override
    public void setOwnerWritable(Path file) throws IOException {
        called("setOwnerWritable", file);
        delegate.setOwnerWritable(file);
    }

    @Override
    public boolean createDirectory(Path dir) throws IOException {
        called("createDirectory", dir);
        return delegate.createDirectory(dir);
    }

    @Override
    public void moveAtomic(Path source, Path target) throws IOException {
        called("moveAtomic", target);
        delegate.moveAtomic(source, target);
    }

    @Override
    public void fsyncDir(Path dir) throws IOException {
        called("fsyncDir", dir);
        delegate.fsyncDir(dir);
    }

    @Override
    public boolean deleteIfExists(Path file) throws IOException {
        called("deleteIfExists", file);
        return delegate.deleteIfExists(file);
    }
}
