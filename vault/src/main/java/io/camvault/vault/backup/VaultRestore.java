package io.camvault.vault.backup;

import io.camvault.vault.StoreConfig;
import io.camvault.vault.Vault;
import io.camvault.vault.VaultConfig;
import io.camvault.vault.VaultException;
import io.camvault.vault.audit.AuditCheckpoints;
import io.camvault.vault.audit.AuditEntry;
import io.camvault.vault.audit.AuditVerification;
import io.camvault.vault.audit.AuditVerifier;
import io.camvault.vault.audit.CheckpointVerifier;
import io.camvault.vault.audit.NodeKey;
import io.camvault.vault.model.Segment;
import io.camvault.vault.store.StoredObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds a data directory from a backup, and proves it before saying so:
 * <ol>
 *   <li>every file the manifest lists is read and must have its SHA-256 (for the originals that is
 *       a full fixity pass); a missing or changed file stops the restore before anything is
 *       opened;</li>
 *   <li>originals are hard-linked into the new directory where it shares the backup's file system
 *       (read-only, as the store keeps them), else copied and checked again; the index, keys and
 *       checkpoints are copied;</li>
 *   <li>the new directory is opened as the daemon would (layout check included), its audit chain
 *       is walked and checked against the signed checkpoints with the node's public key, and every
 *       segment must have its original, of its size;</li>
 *   <li>the restore itself is audited ({@code vault.restored}) in the new directory.</li>
 * </ol>
 */
public final class VaultRestore {
    private static final Logger LOG = LoggerFactory.getLogger(VaultRestore.class);

    /** What a restore found and did. */
    public record Report(long filesVerified, long segments, long objectsLinked, long objectsCopied,
            long auditEvents, long signedCheckpoints) {
    }

    private VaultRestore() {
    }

    /**
     * Restores {@code backup} into {@code dataDir}, which must not exist or be empty.
     *
     * @throws VaultException INTEGRITY naming the first file or check that failed, CONFLICT when
     *         {@code dataDir} holds files, NOT_FOUND when {@code backup} is not a finished backup
     */
    public static Report restore(Path backup, Path dataDir, Clock clock) {
        return restore(backup, dataDir, StoreConfig.defaults(), clock);
    }

    /**
     * Restores {@code backup} into {@code dataDir} for a daemon whose originals are in {@code store}:
     * a backup of a vault on an S3 store holds the index and keys only, and every segment's original
     * is then looked up in that store (the cluster keeps them under Object Lock).
     *
     * @throws VaultException INVALID when the backup's originals are in an S3 store and {@code store}
     *         is the file store, and the errors of {@link #restore(Path, Path, Clock)}
     */
    public static Report restore(Path backup, Path dataDir, StoreConfig store, Clock clock) {
        BackupManifest.Summary summary = BackupManifest.readSummary(backup);
        Map<String, String> hashes = BackupManifest.readHashes(backup);
        if (!summary.objectsIncluded() && store.kind() == StoreConfig.Kind.FILE) {
            throw new VaultException(VaultException.Kind.INVALID, "this backup holds the index and keys only: its"
                    + " originals stay in the " + summary.objectStore() + "; restore with the store settings of the"
                    + " daemon that wrote it (--config FILE with store.kind=s3 and store.s3.*)");
        }
        try {
            requireEmpty(dataDir);
            long linked = 0;
            long copied = 0;
            for (Map.Entry<String, String> e : hashes.entrySet()) {
                Path from = backup.resolve(e.getKey());
                if (!Files.isRegularFile(from)) {
                    throw new VaultException(VaultException.Kind.INTEGRITY, "the backup lacks " + e.getKey());
                }
                Path to = dataDir.resolve(e.getKey());
                if (e.getKey().startsWith("objects/")) {
                    if (BackupFiles.linkOrCopy(from, to, e.getValue()) == BackupFiles.Placed.LINKED) {
                        requireHash(to, e);
                        linked++;
                    } else {
                        copied++;
                    }
                    Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("r--r-----"));
                } else {
                    Files.createDirectories(to.getParent());
                    try (var in = Files.newByteChannel(from)) {
                        BackupFiles.copyVerified(in, to, e.getValue(), "backup file " + e.getKey());
                    }
                    if (e.getKey().startsWith("keys/")) {
                        Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(from));
                    }
                }
            }
            BackupFiles.fsyncDirectories(dataDir);
            Report report = verify(backup, dataDir, store, clock, hashes.size(), linked, copied, summary);
            LOG.info("backup.restored from={} to={} segments={} linked={} copied={} events={}", backup, dataDir,
                    report.segments(), linked, copied, report.auditEvents());
            return report;
        } catch (IOException e) {
            throw new VaultException(VaultException.Kind.IO, "restore into " + dataDir + " failed: " + e.getMessage(), e);
        }
    }

    private static Report verify(Path backup, Path dataDir, StoreConfig store, Clock clock, long files, long linked,
            long copied, BackupManifest.Summary summary) throws IOException {
        try (Vault vault = Vault.open(VaultConfig.defaults(dataDir).withStore(store), clock)) {
            Path pub = vault.config().keysDir().resolve(NodeKey.PUBLIC_FILE);
            var checkpoints = AuditCheckpoints.stored(vault.kv());
            AuditVerification chain;
            try {
                chain = Files.exists(pub) ? CheckpointVerifier.verify(vault.kv(), checkpoints, NodeKey.readPublic(pub))
                        : new AuditVerifier(vault.kv()).verify();
            } catch (GeneralSecurityException e) {
                throw new VaultException(VaultException.Kind.INTEGRITY, "unreadable node key " + pub, e);
            }
            if (!chain.intact()) {
                throw new VaultException(VaultException.Kind.INTEGRITY, "restored audit chain broken at event "
                        + chain.brokenAtSeq() + ": " + chain.problem());
            }
            List<String> missing = new ArrayList<>();
            long[] segments = {0};
            vault.segments().forEachFrom(null, s -> {
                segments[0]++;
                // in the restored directory, or in the cluster that kept them
                Optional<StoredObject> o = vault.objects().stat(s.sha256());
                if (o.isEmpty() || o.get().size() != s.size()) {
                    missing.add(describe(s, o));
                }
                return missing.size() < 20;
            });
            if (!missing.isEmpty()) {
                throw new VaultException(VaultException.Kind.INTEGRITY, "restored originals missing or wrong: "
                        + String.join("; ", missing));
            }
            vault.commit(b -> { }, List.of(AuditEntry.success(Vault.SYSTEM, "vault.restored", "vault",
                    Map.of("from", backup.toAbsolutePath().toString(), "backupStartedAt", summary.startedAt().toString(),
                            "segments", Long.toString(segments[0])))));
            return new Report(files, segments[0], linked, copied, chain.eventsChecked(), Files.exists(pub) ? checkpoints.size() : 0);
        }
    }

    private static String describe(Segment s, Optional<StoredObject> o) {
        return "segment " + s.id() + " (" + s.sha256().hex() + "): " + o.map(x -> "size " + x.size() + ", not "
                + s.size()).orElse("no original");
    }

    private static void requireHash(Path file, Map.Entry<String, String> e) throws IOException {
        String got = BackupFiles.sha256(file);
        if (!got.equals(e.getValue())) {
            throw new VaultException(VaultException.Kind.INTEGRITY, "backup file " + e.getKey() + " has SHA-256 " + got
                    + ", not " + e.getValue() + " as the manifest says");
        }
    }

    private static void requireEmpty(Path dataDir) throws IOException {
        if (Files.exists(dataDir)) {
            try (Stream<Path> entries = Files.list(dataDir)) {
                if (entries.findAny().isPresent()) {
                    throw new VaultException(VaultException.Kind.CONFLICT, "restore target " + dataDir
                            + " is not empty; restore into a new directory");
                }
            }
        }
        Files.createDirectories(dataDir);
    }
}
