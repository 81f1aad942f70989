package io.camvault.vault.store;

import io.camvault.vault.VaultException;
import io.camvault.vault.store.staging.StagedFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.OptionalLong;

/**
 * A {@link FileObjectStore} writer: the bytes wait in a part file in the store's staging area, and
 * the commit is the store's rename protocol. A commit retried after the rename finds no part file
 * and is answered from the store.
 */
final class FileObjectWriter implements ObjectWriter {
    private final FileObjectStore store;
    private final StagedFile staged;

    FileObjectWriter(FileObjectStore store, StagedFile staged) {
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

    /** The protection is not the file store's to enforce: its objects are read-only files, and only the retention job deletes. */
    @Override
    public StoredObject commit(ObjectCommit commit) {
        try {
            staged.close();
        } catch (IOException e) {
            throw new VaultException(FileObjectStore.kindOf(e), "cannot close staged write " + id() + ": "
                    + e.getMessage(), e);
        }
        return store.commit(staged.area().part(id()), commit.sha256(), commit.size());
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
