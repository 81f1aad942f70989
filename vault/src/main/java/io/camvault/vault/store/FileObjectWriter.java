package io.camvault.vault.store;

import io.camvault.vault.VaultException;
import io.camvault.vault.store.staging.StagedFile;
import java.io.IOException;

/**
 * A {@link FileObjectStore} writer: the bytes wait in a part file in the store's staging area, and
 * the commit is the store's rename protocol. A commit retried after the rename finds no part file
 * and is answered from the store.
 */
final class FileObjectWriter extends StagedObjectWriter {
    private final FileObjectStore store;

    FileObjectWriter(FileObjectStore store, StagedFile staged) {
        super(staged);
        this.store = store;
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
}
