package io.camvault.vault.store.staging;

import io.camvault.vault.store.ObjectWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory of staged writes: {@code <id>.part} holds a write's bytes (its size is the resume
 * offset), and a store may keep small sidecars {@code <id>.<something>} beside it. How files are
 * opened (direct I/O or buffered) is decided once, when the area opens.
 */
public final class StagingArea {
    private static final Logger LOG = LoggerFactory.getLogger(StagingArea.class);
    static final String PART = ".part";

    private final Path dir;
    private final PartFiles files;

    /** Opens (creating if needed) {@code dir}; direct I/O if {@code directIo} and the file system takes it. */
    public StagingArea(Path dir, boolean directIo) {
        this.dir = dir.toAbsolutePath();
        try {
            Files.createDirectories(this.dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create staging directory " + this.dir, e);
        }
        this.files = PartFiles.forDirectory(this.dir, directIo);
    }

    public Path dir() {
        return dir;
    }

    public boolean direct() {
        return files.direct();
    }

    /** The part file of write {@code id}, whether or not it exists. */
    public Path part(String id) {
        return file(id, PART);
    }

    /** A sidecar of write {@code id}: {@code <id><suffix>}. */
    public Path file(String id, String suffix) {
        if (!ObjectWriter.ID.matcher(id).matches()) {
            throw new IllegalArgumentException("bad write id");
        }
        return dir.resolve(id + suffix);
    }

    /** Opens (creating if needed) the part file of write {@code id}. */
    public PartFile open(String id) throws IOException {
        return files.open(part(id));
    }

    /** The size of the part file, empty when there is none. */
    public OptionalLong size(String id) throws IOException {
        try {
            return OptionalLong.of(Files.size(part(id)));
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        }
    }

    /** Deletes the part file of write {@code id} and every sidecar named in {@code sidecars}. */
    public void delete(String id, String... sidecars) throws IOException {
        Files.deleteIfExists(part(id));
        for (String s : sidecars) {
            Files.deleteIfExists(file(id, s));
        }
    }

    /**
     * Deletes part files (and their sidecars) that {@code keep} does not claim and that were last
     * written before {@code cutoff}, so a creation in progress is never touched. Returns how many.
     */
    public int removeAbandoned(Instant cutoff, Predicate<String> keep, String... sidecars) {
        int removed = 0;
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(dir, "*" + PART)) {
            for (Path p : parts) {
                String name = p.getFileName().toString();
                String id = name.substring(0, name.length() - PART.length());
                if (!ObjectWriter.ID.matcher(id).matches() || keep.test(id)
                        || Files.getLastModifiedTime(p).toInstant().isAfter(cutoff)) {
                    continue;
                }
                delete(id, sidecars);
                removed++;
                LOG.info("upload.orphan_removed file={}", name);
            }
        } catch (IOException e) {
            LOG.warn("upload.orphan_scan_failed dir={} error=\"{}\"", dir, e.toString());
        }
        return removed;
    }
}
