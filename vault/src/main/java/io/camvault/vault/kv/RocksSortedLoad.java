package io.camvault.vault.kv;

import io.camvault.vault.VaultException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.EnvOptions;
import org.rocksdb.IngestExternalFileOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.SstFileWriter;

/**
 * A {@link BulkLoader.SortedLoad} for RocksDB: entries go straight into one table file (same
 * options as the family, so the same compression and bloom filters) under the index's
 * {@code bulk-load/} directory; commit ingests that file into the family. RocksDB links the file
 * in (move, not copy), fsyncs it and records it in the MANIFEST before ingest returns, so the
 * load is durable without a WAL. The file is written lazily: an empty load touches nothing.
 */
final class RocksSortedLoad implements BulkLoader.SortedLoad {
    private final RocksDB db;
    private final ColumnFamilyHandle family;
    private final EnvOptions envOptions;
    private final Options options;
    private final Path file;
    private SstFileWriter writer;
    private byte[] lastKey;
    private long count;
    private boolean committed;

    RocksSortedLoad(RocksDB db, ColumnFamilyHandle family, EnvOptions envOptions, Options options, Path file) {
        this.db = db;
        this.family = family;
        this.envOptions = envOptions;
        this.options = options;
        this.file = file;
    }

    @Override
    public void add(byte[] key, byte[] value) {
        if (committed) {
            throw new IllegalStateException("load already committed");
        }
        if (lastKey != null && Arrays.compareUnsigned(lastKey, key) >= 0) {
            throw new IllegalArgumentException("bulk load keys must be strictly ascending");
        }
        try {
            if (writer == null) {
                writer = new SstFileWriter(envOptions, options);
                writer.open(file.toString());
            }
            writer.put(key, value);
        } catch (RocksDBException e) {
            throw wrap("write of " + file, e);
        }
        lastKey = key;
        count++;
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public void commit() {
        if (committed) {
            throw new IllegalStateException("load already committed");
        }
        committed = true;
        if (writer == null) {
            return;
        }
        try (IngestExternalFileOptions ingest = new IngestExternalFileOptions()
                .setMoveFiles(true)
                .setAllowGlobalSeqNo(true)
                .setAllowBlockingFlush(true)) {
            writer.finish();
            db.ingestExternalFile(family, List.of(file.toString()), ingest);
        } catch (RocksDBException e) {
            throw wrap("ingest of " + file, e);
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        if (writer != null) {
            writer.close();
            writer = null;
        }
        try {
            Files.deleteIfExists(file); // after a move, RocksDB holds its own link
        } catch (IOException e) {
            throw new VaultException(VaultException.Kind.IO, "cannot delete bulk-load file " + file, e);
        }
    }

    private static VaultException wrap(String what, RocksDBException e) {
        return new VaultException(VaultException.Kind.IO, "index bulk load: " + what + " failed: " + e.getMessage(), e);
    }
}
