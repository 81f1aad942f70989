package io.camvault.vault.kv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression: MemoryKvStore threw "inconsistent range" for a scan whose start lies after its end
 * (a search with from after to), where RocksDB returns nothing. Both must agree: the range is empty.
 */
class KvStoreRangeTest {

    @Test
    void invertedRangeIsEmptyInMemory() {
        try (KvStore kv = new MemoryKvStore()) {
            assertInvertedRangeIsEmpty(kv);
        }
    }

    @Test
    void invertedRangeIsEmptyInRocks(@TempDir Path dir) {
        try (KvStore kv = RocksKvStore.open(dir)) {
            assertInvertedRangeIsEmpty(kv);
        }
    }

    private static void assertInvertedRangeIsEmpty(KvStore kv) {
        try (KvBatch batch = kv.newBatch()) {
            for (int i = 0; i < 5; i++) {
                batch.put(ColumnFamily.META, new byte[] {(byte) i}, new byte[] {1});
            }
            kv.write(batch);
        }
        List<Byte> seen = new ArrayList<>();
        byte[] three = {3};
        byte[] one = {1};
        kv.scan(ColumnFamily.META, three, one, (k, v) -> seen.add(k[0]));
        kv.scanDescending(ColumnFamily.META, three, one, (k, v) -> seen.add(k[0]));
        kv.scan(ColumnFamily.META, one, one, (k, v) -> seen.add(k[0]));
        assertThat(seen).isEmpty();
        kv.scan(ColumnFamily.META, one, three, (k, v) -> seen.add(k[0]));
        kv.scanDescending(ColumnFamily.META, one, three, (k, v) -> seen.add(k[0]));
        assertThat(seen).containsExactly((byte) 1, (byte) 2, (byte) 2, (byte) 1);
    }
}
