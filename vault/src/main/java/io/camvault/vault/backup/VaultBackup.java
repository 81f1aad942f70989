package io.camvault.vault.backup;

import io.camvault.vault.StoreConfig;
import io.camvault.vault.Vault;
import io.camvault.vault.VaultException;
import io.camvault.vault.audit.NodeKey;
import io.camvault.vault.index.SegmentIndex;
import io.camvault.vault.kv.IndexLayout;
import io.camvault.vault.kv.KvCheckpoint;
import io.camvault.vault.kv.RocksKvStore;
import io.camvault.vault.model.Segment;
import io.camvault.vault.model.Sha256;
import java.io.IOException;
import io.camvault.vault.store.ObjectReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a backup of a vault that may be taking uploads meanwhile:
 * <ol>
 *   <li>{@code index/}: a RocksDB checkpoint, taken first. Every write acknowledged before it (each
 *       was synced) is in it, so the backup holds everything acknowledged before it started;</li>
 *   <li>{@code objects/sha256/ab/cd/<hash>}: the original of every segment in that checkpoint, a hard
 *       link where the backup is on the data's file system, else a copy whose SHA-256 is checked
 *       against the object's address;</li>
 *   <li>{@code keys/} and {@code checkpoints.log}: the node key and the signed checkpoints;</li>
 *   <li>{@code derived/}: media renditions and posters (linked or copied);</li>
 *   <li>{@link BackupManifest}: every file's SHA-256 and a summary, written last.</li>
 * </ol>
 * Partial uploads are not backed up: a client resumes them against the daemon it talks to.
 *
 * <p>The seam to the object store is {@link #placeObject}: the one place that asks where an
 * original's bytes are. With a store that keeps originals itself (S3 with Object Lock), a backup
 * holds the index and keys only ({@code objectsIncluded=false}).
 */
public final class VaultBackup {
    private static final Logger LOG = LoggerFactory.getLogger(VaultBackup.class);

    private final Vault vault;
    private final Path target;
    private final Map<String, String> hashes = new LinkedHashMap<>();
    private long linked;
    private long copied;
    private long bytes;

    private VaultBackup(Vault vault, Path target) {
        this.vault = vault;
        this.target = target;
    }

    /**
     * Writes a backup of {@code vault} into {@code target}, which must not exist or be empty.
     *
     * @throws VaultException CONFLICT when {@code target} holds files, UNAVAILABLE when the index
     *         cannot copy itself, INTEGRITY when a copied original does not match its address, IO
     */
    public static BackupManifest.Summary write(Vault vault, Path target) {
        return new VaultBackup(vault, target.toAbsolutePath()).run();
    }

    private BackupManifest.Summary run() {
        if (!(vault.kv() instanceof KvCheckpoint checkpoints)) {
            throw new VaultException(VaultException.Kind.UNAVAILABLE, "this index cannot be backed up while open");
        }
        Instant started = vault.clock().instant();
        try {
            prepareTarget();
            checkpoints.checkpointTo(target.resolve("index"));
            List<Segment> segments = segmentsIn(target.resolve("index"));
            // an S3 store under Object Lock keeps the originals itself, more safely than a copy could
            boolean objectsIncluded = vault.config().store().kind() == StoreConfig.Kind.FILE;
            if (objectsIncluded) {
                for (Segment s : segments) {
                    placeObject(s.sha256());
                }
            }
            Path data = vault.config().dataDir();
            copyTree(vault.config().keysDir(), "keys");
            if (Files.isRegularFile(vault.config().checkpointsLog())) {
                copyFile(vault.config().checkpointsLog(), "checkpoints.log");
            }
            linkTree(data.resolve("derived"), "derived");
            hashTree(target.resolve("index"), "index");
            BackupFiles.fsyncDirectories(target);
            BackupManifest.Summary summary = new BackupManifest.Summary(BackupManifest.FORMAT, started,
                    vault.clock().instant(), IndexLayout.stamped(vault.kv()).orElse(IndexLayout.FIRST), segments.size(),
                    objectsIncluded, linked, copied, bytes, describe(vault.config().store()));
            BackupManifest.write(target, hashes, summary);
            LOG.info("backup.written to={} segments={} linked={} copied={} bytes={}", target, segments.size(), linked,
                    copied, bytes);
            return summary;
        } catch (IOException e) {
            throw new VaultException(VaultException.Kind.IO, "backup to " + target + " failed: " + e.getMessage(), e);
        }
    }

    /** Where the originals are, as backup.json and a restore's messages name it. */
    static String describe(StoreConfig store) {
        return store.kind() == StoreConfig.Kind.FILE ? "file"
                : "s3 bucket " + store.s3().bucket() + " at " + store.s3().endpoint();
    }

    private void prepareTarget() throws IOException {
        if (Files.exists(target)) {
            try (Stream<Path> entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw new VaultException(VaultException.Kind.CONFLICT, "backup target " + target + " is not empty");
                }
            }
        }
        Files.createDirectories(target);
    }

    /** The segments of the checkpoint (not of the live index, which moves on meanwhile). */
    private static List<Segment> segmentsIn(Path checkpoint) {
        List<Segment> out = new ArrayList<>();
        try (RocksKvStore copy = RocksKvStore.open(checkpoint)) {
            new SegmentIndex(copy).forEachFrom(null, s -> {
                out.add(s);
                return true;
            });
        }
        return out;
    }

    /** Where an original's bytes come from: the store's file (linked or copied), else its stream (copied). */
    private void placeObject(Sha256 sha) throws IOException {
        String hex = sha.hex();
        String rel = "objects/sha256/" + hex.substring(0, 2) + "/" + hex.substring(2, 4) + "/" + hex;
        Path out = target.resolve(rel);
        if (Files.exists(out)) {
            return; // two segments, one original
        }
        Optional<Path> file = vault.objects().localFiles().flatMap(l -> l.localFile(sha));
        long size;
        if (file.isPresent()) {
            size = Files.size(file.get());
            if (BackupFiles.linkOrCopy(file.get(), out, hex) == BackupFiles.Placed.LINKED) {
                linked++;
            } else {
                copied++;
            }
        } else {
            Files.createDirectories(out.getParent());
            try (ObjectReader reader = vault.objects().open(sha);
                    java.nio.channels.ReadableByteChannel in = java.nio.channels.Channels.newChannel(reader.stream())) {
                size = reader.size();
                BackupFiles.copyVerified(in, out, hex, "object " + hex);
            }
            copied++;
        }
        hashes.put(rel, hex);
        bytes += size;
    }

    private void copyTree(Path source, String rel) throws IOException {
        if (!Files.isDirectory(source)) {
            return;
        }
        try (Stream<Path> files = Files.walk(source)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                copyFile(f, rel + "/" + source.relativize(f));
            }
        }
    }

    private void copyFile(Path source, String rel) throws IOException {
        Path out = target.resolve(rel);
        Files.createDirectories(out.getParent());
        Files.copy(source, out, StandardCopyOption.COPY_ATTRIBUTES);
        BackupFiles.fsync(out);
        hashes.put(rel, BackupFiles.sha256(out));
    }

    private void linkTree(Path source, String rel) throws IOException {
        if (!Files.isDirectory(source)) {
            return;
        }
        try (Stream<Path> files = Files.walk(source)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String r = rel + "/" + source.relativize(f);
                if (r.endsWith(".tmp") || f.getFileName().toString().startsWith(".")) {
                    continue; // a derived file still being written
                }
                Path out = target.resolve(r);
                BackupFiles.linkOrCopy(f, out, null);
                hashes.put(r, BackupFiles.sha256(out));
            }
        }
    }

    private void hashTree(Path dir, String rel) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String name = dir.relativize(f).toString();
                if (name.equals("LOCK") || name.startsWith("LOG")) {
                    continue; // RocksDB's lock and its info log: not data
                }
                hashes.put(rel + "/" + name, BackupFiles.sha256(f));
            }
        }
    }

    static String publicKeyFile() {
        return "keys/" + NodeKey.PUBLIC_FILE;
    }
}
