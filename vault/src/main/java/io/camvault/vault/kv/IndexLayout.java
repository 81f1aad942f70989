package io.camvault.vault.kv;

import io.camvault.vault.VaultException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The index's layout version: stamped in META, checked every time a vault opens, before anything
 * reads the index with this release's {@link Keys} and codecs.
 *
 * <ul>
 *   <li>Newer than this release reads: refused, naming both versions. Nothing is written.</li>
 *   <li>The same: nothing to do.</li>
 *   <li>Older: the whole index is first copied with {@link KvCheckpoint} to
 *       {@code backups/index-layout-<old>-<UTC time>/}, then every migration from the old version
 *       up to this one is staged into <em>one</em> batch together with the new stamp, written
 *       synced. A crash or a failing migration therefore leaves the old layout with its old stamp
 *       (the next start tries again, after another backup) or the new layout with the new stamp,
 *       never a mix.</li>
 *   <li>No stamp: a new index, or one written by release 0.1.0, which stamped nothing and wrote
 *       layout {@value #FIRST}; it is stamped {@value #FIRST} and then treated like any other.</li>
 * </ul>
 * A migration also leaves {@link Keys#META_LAYOUT_MIGRATED} in the same batch; the vault appends
 * the audit event for it once its audit chain is open and removes the marker in that same write
 * ({@link #pendingAudit}), so the event is never lost and never written twice.
 */
public final class IndexLayout {
    private static final Logger LOG = LoggerFactory.getLogger(IndexLayout.class);
    /** The layout of every index written before layouts were stamped. */
    public static final int FIRST = 1;
    private static final DateTimeFormatter BACKUP_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** Rewrites the index from layout {@link #from()} to {@code from() + 1}. */
    public interface Migration {
        int from();

        /** Stages the rewrite into {@code batch}; reads go to {@code kv}, which holds the old layout. */
        void stage(KvStore kv, KvBatch batch);
    }

    /** What the check found: the stamp before, the layout now, the index backup made (if any). */
    public record Result(int found, int now, Optional<Path> backup) {
        public boolean migrated() {
            return found != now;
        }
    }

    private IndexLayout() {
    }

    /** The check with this release's layout and migrations. */
    public static Result checkAndMigrate(KvStore kv, Path backupsDir, Clock clock) {
        return checkAndMigrate(kv, Keys.LAYOUT_VERSION, Migrations.ALL, backupsDir, clock);
    }

    /** The check as described above, for a release reading {@code current} with these migrations. */
    public static Result checkAndMigrate(KvStore kv, int current, List<Migration> migrations, Path backupsDir,
            Clock clock) {
        int found = stamped(kv).orElse(0);
        if (found == 0) {
            write(kv, batch -> batch.put(ColumnFamily.META, Keys.META_LAYOUT_VERSION, encode(FIRST)));
            LOG.info("index.layout_stamped version={}", FIRST);
            found = FIRST;
        }
        refuseNewer(found, current);
        if (found == current) {
            return new Result(found, current, Optional.empty());
        }
        List<Migration> steps = chain(found, current, migrations);
        Optional<Path> backup = backup(kv, found, backupsDir, clock);
        int from = found;
        write(kv, batch -> {
            for (Migration m : steps) {
                m.stage(kv, batch);
            }
            batch.put(ColumnFamily.META, Keys.META_LAYOUT_VERSION, encode(current));
            Map<String, String> details = new TreeMap<>();
            details.put("from", Integer.toString(from));
            details.put("to", Integer.toString(current));
            backup.ifPresent(b -> details.put("backup", b.toString()));
            batch.put(ColumnFamily.META, Keys.META_LAYOUT_MIGRATED, Records.encode(details));
        });
        LOG.info("index.layout_migrated from={} to={} backup={}", from, current, backup.map(Path::toString).orElse("none"));
        return new Result(from, current, backup);
    }

    /**
     * For tools that only read an index (offline audit verify): refuses a newer layout like
     * {@link #checkAndMigrate} and an older one with a pointer to the daemon, which migrates.
     */
    public static void requireCurrent(KvStore kv) {
        int found = stamped(kv).orElse(FIRST);
        refuseNewer(found, Keys.LAYOUT_VERSION);
        if (found < Keys.LAYOUT_VERSION) {
            throw new VaultException(VaultException.Kind.UNAVAILABLE, "the index has data layout version " + found
                    + " and this camvault reads version " + Keys.LAYOUT_VERSION
                    + "; start the daemon on it once (it migrates the layout after backing up the index)");
        }
    }

    /** The stamp in META, if any. */
    public static Optional<Integer> stamped(KvStore kv) {
        byte[] v = kv.get(ColumnFamily.META, Keys.META_LAYOUT_VERSION);
        if (v == null) {
            return Optional.empty();
        }
        if (v.length != Integer.BYTES) {
            throw new VaultException(VaultException.Kind.INTEGRITY, "unreadable layout version in the index ("
                    + v.length + " bytes)");
        }
        return Optional.of(ByteBuffer.wrap(v).getInt());
    }

    /** The details of a migration whose audit event has not been appended yet. */
    public static Optional<Map<String, String>> pendingAudit(KvStore kv) {
        byte[] v = kv.get(ColumnFamily.META, Keys.META_LAYOUT_MIGRATED);
        if (v == null) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        Map<String, String> details = Records.decode(v, Map.class);
        return Optional.of(details);
    }

    /** Stages the removal of the marker {@link #pendingAudit} reads, in the batch that appends the event. */
    public static void clearPendingAudit(KvBatch batch) {
        batch.delete(ColumnFamily.META, Keys.META_LAYOUT_MIGRATED);
    }

    /** Encoded stamp: a big-endian int. */
    public static byte[] encode(int version) {
        return ByteBuffer.allocate(Integer.BYTES).putInt(version).array();
    }

    private static void refuseNewer(int found, int current) {
        if (found > current) {
            throw new VaultException(VaultException.Kind.UNAVAILABLE, "the index was written with data layout version "
                    + found + ", newer than version " + current + " that this camvault reads; run the release that"
                    + " wrote it (or a newer one), or restore a backup made for version " + current);
        }
    }

    private static List<Migration> chain(int found, int current, List<Migration> migrations) {
        List<Migration> steps = new ArrayList<>();
        for (int v = found; v < current; v++) {
            int from = v;
            steps.add(migrations.stream().filter(m -> m.from() == from).findFirst()
                    .orElseThrow(() -> new VaultException(VaultException.Kind.UNAVAILABLE, "no migration from data"
                            + " layout version " + from + " in this camvault (it reads version " + current + ")")));
        }
        return steps;
    }

    private static Optional<Path> backup(KvStore kv, int found, Path backupsDir, Clock clock) {
        if (!(kv instanceof KvCheckpoint checkpoints)) {
            LOG.warn("index.layout_backup_skipped reason=\"the store cannot copy itself\"");
            return Optional.empty();
        }
        Path target = backupsDir.resolve("index-layout-" + found + "-" + BACKUP_TIME.format(clock.instant()));
        try {
            Files.createDirectories(backupsDir);
        } catch (java.io.IOException e) {
            throw new VaultException(VaultException.Kind.IO, "cannot create " + backupsDir + " for the index backup"
                    + " before the layout migration", e);
        }
        if (Files.exists(target)) {
            throw new VaultException(VaultException.Kind.CONFLICT, "index backup " + target + " exists already; start"
                    + " again in a second");
        }
        checkpoints.checkpointTo(target);
        return Optional.of(target);
    }

    private static void write(KvStore kv, java.util.function.Consumer<KvBatch> changes) {
        try (KvBatch batch = kv.newBatch()) {
            changes.accept(batch);
            kv.write(batch);
        }
    }
}
