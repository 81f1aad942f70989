package io.camvault.vault.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camvault.vault.VaultException;
import io.camvault.vault.kv.Records;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A backup's two manifest files. {@code manifest-sha256.txt} lists every file of the backup with
 * its SHA-256, one {@code <hex>  <relative path>} line each (the format of {@code sha256sum}, so
 * {@code sha256sum -c manifest-sha256.txt} checks a backup without camvault); {@code backup.json}
 * says what the backup is. Both are written last, each by an atomic rename: a directory without
 * them is a backup that did not finish.
 */
public final class BackupManifest {
    public static final String HASHES = "manifest-sha256.txt";
    public static final String SUMMARY = "backup.json";
    /** Version of this layout of a backup directory. */
    public static final int FORMAT = 1;

    private static final ObjectMapper JSON = Records.mapper();

    /**
     * What {@code backup.json} holds.
     *
     * @param objectsIncluded false when the object store keeps the originals itself (S3): the backup
     *                        then holds the index and keys only
     * @param objectStore     where the originals are: {@code file} (in the backup), or the S3 bucket
     *                        and endpoint that keep them; absent in backups of earlier releases (file)
     */
    public record Summary(int format, Instant startedAt, Instant finishedAt, int layoutVersion, long segments,
            boolean objectsIncluded, long objectsLinked, long objectsCopied, long objectBytes, String objectStore) {
    }

    private BackupManifest() {
    }

    static void write(Path backup, Map<String, String> hashes, Summary summary) throws IOException {
        Path tmp = backup.resolve(HASHES + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, String> e : new TreeMap<>(hashes).entrySet()) {
                w.write(e.getValue() + "  " + e.getKey() + "\n");
            }
        }
        BackupFiles.fsync(tmp);
        Files.move(tmp, backup.resolve(HASHES), StandardCopyOption.ATOMIC_MOVE);
        Path json = backup.resolve(SUMMARY + ".tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), summary);
        BackupFiles.fsync(json);
        Files.move(json, backup.resolve(SUMMARY), StandardCopyOption.ATOMIC_MOVE);
        BackupFiles.fsync(backup);
    }

    static Summary readSummary(Path backup) {
        Path json = backup.resolve(SUMMARY);
        if (!Files.isRegularFile(json) || !Files.isRegularFile(backup.resolve(HASHES))) {
            throw new VaultException(VaultException.Kind.NOT_FOUND, backup + " is not a finished camvault backup (no "
                    + SUMMARY + " or " + HASHES + ")");
        }
        try {
            Summary s = JSON.readValue(json.toFile(), Summary.class);
            if (s.format() != FORMAT) {
                throw new VaultException(VaultException.Kind.UNAVAILABLE, "backup format " + s.format()
                        + " is not the one this camvault reads (" + FORMAT + ")");
            }
            return s;
        } catch (IOException e) {
            throw new VaultException(VaultException.Kind.INTEGRITY, "unreadable " + json + ": " + e.getMessage(), e);
        }
    }

    /** Relative path → SHA-256 hex, in the order of the file. */
    static Map<String, String> readHashes(Path backup) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            List<String> lines = Files.readAllLines(backup.resolve(HASHES), StandardCharsets.UTF_8);
            for (String line : lines) {
                if (line.isBlank()) {
                    continue;
                }
                int sep = line.indexOf("  ");
                if (sep != 64 || line.length() < 67) {
                    throw new VaultException(VaultException.Kind.INTEGRITY, "bad line in " + HASHES + ": " + line);
                }
                String rel = line.substring(66);
                if (rel.startsWith("/") || rel.contains("..")) {
                    throw new VaultException(VaultException.Kind.INTEGRITY, "path outside the backup in " + HASHES
                            + ": " + rel);
                }
                out.put(rel, line.substring(0, 64));
            }
            return out;
        } catch (IOException e) {
            throw new VaultException(VaultException.Kind.IO, "cannot read " + HASHES + ": " + e.getMessage(), e);
        }
    }
}
