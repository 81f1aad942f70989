package io.camvault.gateway.upload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Free bytes on the uploads file system; an interface so tests can fill the disk without filling it. */
@FunctionalInterface
public interface DiskSpace {

    long freeBytes();

    /** The usable space of the file store holding {@code dir}, asked afresh each time. */
    static DiskSpace of(Path dir) {
        return () -> {
            try {
                return Files.getFileStore(dir).getUsableSpace();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read free space of " + dir, e);
            }
        };
    }
}
