package io.camvault.vault.index;

import io.camvault.vault.kv.KvStore;
import io.camvault.vault.kv.RocksKvStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class RocksSegmentIndexTest extends SegmentIndexContract {
    @TempDir
    Path dir;

    @Override
    KvStore openStore() {
        return RocksKvStore.open(dir);
    }
}
