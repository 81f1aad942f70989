package io.camvault.vault.index;

import io.camvault.vault.kv.KvStore;
import io.camvault.vault.kv.MemoryKvStore;

class MemorySegmentIndexTest extends SegmentIndexContract {
    @Override
    KvStore openStore() {
        return new MemoryKvStore();
    }
}
