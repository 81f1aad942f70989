package io.camvault.vault.store;

import java.nio.file.Path;

class FileObjectStoreContractTest extends ObjectStoreContract {

    @Override
    ObjectStore open(Path dir) {
        return new FileObjectStore(dir.resolve("objects"), true);
    }
}
