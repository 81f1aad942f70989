package io.camvault.vault.exports;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * How a bag travels over HTTP: a zip written by {@link BagWriter#zip}. Unpacking refuses entries
 * that would land outside the target directory ("zip slip") and files that already exist.
 */
public final class BagArchive {
    public static final String CONTENT_TYPE = "application/zip";

    private BagArchive() {
    }

    /** Unpacks a bag zip into {@code dir} (created if absent; must be empty). Returns the number of files. */
    public static int unzip(InputStream in, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (var entries = Files.list(dir)) {
            if (entries.findAny().isPresent()) {
                throw new IOException("directory " + dir + " is not empty");
            }
        }
        Path root = dir.toAbsolutePath().normalize();
        int files = 0;
        try (ZipInputStream zip = new ZipInputStream(in, java.nio.charset.StandardCharsets.UTF_8)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                Path target = root.resolve(e.getName()).normalize();
                if (!target.startsWith(root) || target.equals(root)) {
                    throw new IOException("archive entry escapes the target directory: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
                    zip.transferTo(out);
                }
                files++;
            }
        }
        return files;
    }
}
