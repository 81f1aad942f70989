package io.camvault.vault.store;

import io.camvault.vault.store.staging.StagedFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.OptionalLong;

/**
 * A writer whose bytes wait in a local {@link StagedFile} (what a restart resumes from) until the
 * store's own commit publishes them. Every store that stages locally shares this part; each says
 * only what its commit is.
 */
public abstract class StagedObjectWriter implements ObjectWriter {
    protected final StagedFile staged;

    protected StagedObjectWriter(StagedFile staged) {
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
    public void discard() throws IOException {
        staged.delete();
    }

    @Override
    public void close() throws IOException {
        staged.close();
    }
}
