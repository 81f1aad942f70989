package io.camvault.gateway.upload;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Partial files without a record: a power cut after the file was created and before its record
 * reached the disk (creation does not wait for it), or a crash between the two. Nobody was told
 * about their bytes. Only files last written before the cutoff go, so a creation in progress is
 * never touched.
 */
final class OrphanParts {
    private static final Logger LOG = LoggerFactory.getLogger(OrphanParts.class);
    private static final String SUFFIX = ".part";

    private OrphanParts() {
    }

    /** Deletes {@code <id>.part} files in {@code dir} that {@code known} does not claim and that are older than {@code cutoff}. */
    static int remove(Path dir, Instant cutoff, Predicate<String> known) {
        int removed = 0;
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path part : parts) {
                String name = part.getFileName().toString();
                String id = name.substring(0, name.length() - SUFFIX.length());
                if (known.test(id) || Files.getLastModifiedTime(part).toInstant().isAfter(cutoff)) {
                    continue;
                }
                if (Files.deleteIfExists(part)) {
                    removed++;
                    LOG.info("upload.orphan_removed file={}", name);
                }
            }
        } catch (IOException e) {
            LOG.warn("upload.orphan_scan_failed dir={} error=\"{}\"", dir, e.toString());
        }
        return removed;
    }
}
