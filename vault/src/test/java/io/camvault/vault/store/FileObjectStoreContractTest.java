package io.camvault.vault.store;

import io.camvault.vault.store.staging.StagingArea;
import java.nio.file.Path;

class FileObjectStoreContractTest extends ObjectStoreContract {

    @Override
    protected ObjectStore open(Path dir) {
        return new FileObjectStore(dir.resolve("objects"), new StagingArea(dir.resolve("uploads"), true), true,
                FileOps.real());
    }
}
