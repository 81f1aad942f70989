package io.camvault.vault.store;

import java.nio.file.Path;

class MemoryObjectStoreTest extends ObjectStoreContract {

    @Override
    protected ObjectStore open(Path dir) {
        return new MemoryObjectStore();
    }
}
