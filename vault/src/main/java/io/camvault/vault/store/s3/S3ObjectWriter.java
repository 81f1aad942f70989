package io.camvault.vault.store.s3;

import io.camvault.vault.store.ObjectCommit;
import io.camvault.vault.store.ObjectWriter;
import io.camvault.vault.store.StoredObject;
import io.camvault.vault.store.staging.StagedFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.OptionalLong;

/**
 * An {@link S3ObjectStore} writer: the bytes wait in a local staged file (what a restart resumes
 * from); the commit sends them to the cluster and releases the file only once the cluster holds
 * the verified object.
 */
final class S3ObjectWriter implements ObjectWriter {
    private final S3ObjectStore store;
    private final StagedFile staged;

    S3ObjectWriter(S3ObjectStore store, StagedFile staged) {
        this.store = store;
        this.staged = staged;
    }

    @Override
    public String id() {
        return staged.id();
    }

    @Override
    public OptionalLong staged() throws IOException {
        return staged.staged();
    }

    @Override
    public void create() throws IOException {
        staged.create();
    }

    @Override
    public long open() throws IOException {
        return staged.open();
    }

    @Override
    public long size() throws IOException {
        return staged.size();
    }

    @Override
    public void append(ByteBuffer... sources) throws IOException {
        staged.append(sources);
    }

    @Override
    public int read(ByteBuffer target, long position) throws IOException {
        return staged.read(target, position);
    }

    @Override
    public void flush() throws IOException {
        staged.flush();
    }

    @Override
    public void sync() throws IOException {
        staged.sync();
    }

    @Override
    public void truncate(long length) throws IOException {
        staged.truncate(length);
    }

    @Override
    public StoredObject commit(ObjectCommit commit) {
        return store.commit(staged, commit);
    }

    @Override
    public void discard() throws IOException {
        staged.delete();
    }

    @Override
    public void close() throws IOException {
        staged.close();
    }
}
