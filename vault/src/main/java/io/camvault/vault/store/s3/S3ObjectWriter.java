package io.camvault.vault.store.s3;

import io.camvault.vault.store.ObjectCommit;
import io.camvault.vault.store.StagedObjectWriter;
import io.camvault.vault.store.StoredObject;
import io.camvault.vault.store.staging.StagedFile;

/**
 * An {@link S3ObjectStore} writer: the bytes wait in a local staged file (what a restart resumes
 * from); the commit sends them to the cluster and releases the file only once the cluster holds
 * the verified object.
 */
final class S3ObjectWriter extends StagedObjectWriter {
    private final S3ObjectStore store;

    S3ObjectWriter(S3ObjectStore store, StagedFile staged) {
        super(staged);
        this.store = store;
    }

    @Override
    public StoredObject commit(ObjectCommit commit) {
        return store.commit(staged, commit);
    }
}
