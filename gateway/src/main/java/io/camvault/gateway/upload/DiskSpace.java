package io.camvault.gateway.upload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** Free bytes on the uploads file system; an interface so tests can fill the disk without filling it. */
@FunctionalInterface
public interface DiskSpace {

    long freeBytes();

    /**
     * The usable space of the file store holding {@code dir}, asked afresh each time (one
     * {@code statfs}). Which file store that is gets looked up once, on first use: the lookup
     * resolves the path and reads the mount table, and every upload request asks.
     */
    static DiskSpace of(Path dir) {
        return new DiskSpace() {
            private volatile FileStore store;

            @Override
            public long freeBytes() {
                try {
                    FileStore s = store;
                    if (s == null) {
                        s = Files.getFileStore(dir);
                        store = s;
                    }
                    return s.getUsableSpace();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read free space of " + dir, e);
                }
            }
        };
    }
}
