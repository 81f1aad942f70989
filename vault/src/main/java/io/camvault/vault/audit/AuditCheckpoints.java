package io.camvault.vault.audit;

import io.camvault.vault.Vault;
import io.camvault.vault.VaultException;
import io.camvault.vault.kv.ColumnFamily;
import io.camvault.vault.kv.KvStore;
import io.camvault.vault.kv.Keys;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoint job: signs the audit head and keeps it twice — in the {@code CHECKPOINTS} family
 * (seq → line) and as a line appended to {@code checkpoints.log}, the copy meant to be shipped off
 * the node. Checkpoints are not themselves audit events: auditing one would move the head and give
 * the next run something new to sign forever.
 *
 * <p>Idempotent: a head already checkpointed is not signed again; the family is the record and the
 * file is brought up to date from it on every run (missing lines appended, a torn last line from a
 * crash cut off), so a crash between the two writes heals on the next run.
 */
public final class AuditCheckpoints {
    private static final Logger LOG = LoggerFactory.getLogger(AuditCheckpoints.class);

    private final Vault vault;
    private final PrivateKey key;
    private final Path logFile;

    public AuditCheckpoints(Vault vault, PrivateKey key, Path logFile) {
        this.vault = vault;
        this.key = key;
        this.logFile = logFile;
    }

    /** Signs the current head unless it is already checkpointed; returns the new checkpoint, if any. */
    public Optional<Checkpoint> run(Instant now) {
        AuditHead head = vault.audit().head();
        Optional<Checkpoint> made = Optional.empty();
        if (!head.isEmpty() && vault.kv().get(ColumnFamily.CHECKPOINTS, Keys.auditSeq(head.seq())) == null) {
            Checkpoint c = Checkpoint.sign(head.seq(), head.hash(), now, key);
            vault.commit(b -> b.put(ColumnFamily.CHECKPOINTS, Keys.auditSeq(c.seq()),
                    c.toLine().getBytes(StandardCharsets.UTF_8)), List.of());
            LOG.info("audit.checkpoint seq={} hash={}", c.seq(), c.hash().hex());
            made = Optional.of(c);
        }
        syncLog();
        return made;
    }

    /** Every stored checkpoint, oldest first. */
    public static List<Checkpoint> stored(KvStore kv) {
        List<Checkpoint> out = new ArrayList<>();
        kv.scan(ColumnFamily.CHECKPOINTS, null, null,
                (k, v) -> out.add(Checkpoint.parse(new String(v, StandardCharsets.UTF_8))));
        return out;
    }

    /** Reads a checkpoints file; a torn last line (no newline) is ignored. */
    public static List<Checkpoint> readLog(Path file) throws IOException {
        List<Checkpoint> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        if (end < 0) {
            return out;
        }
        for (String line : text.substring(0, end).split("\n")) {
            if (!line.isBlank()) {
                out.add(Checkpoint.parse(line));
            }
        }
        return out;
    }

    private void syncLog() {
        try {
            long lastInFile = 0;
            long keep = 0;
            if (Files.exists(logFile)) {
                byte[] bytes = Files.readAllBytes(logFile);
                int end = lastNewline(bytes);
                keep = end + 1L;
                List<Checkpoint> inFile = readLog(logFile);
                if (!inFile.isEmpty()) {
                    lastInFile = inFile.get(inFile.size() - 1).seq();
                }
            }
            StringBuilder missing = new StringBuilder();
            long from = lastInFile;
            vault.kv().scan(ColumnFamily.CHECKPOINTS, Keys.auditSeq(from + 1), null, (k, v) -> {
                missing.append(new String(v, StandardCharsets.UTF_8)).append('\n');
                return true;
            });
            try (FileChannel ch = FileChannel.open(logFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                if (ch.size() != keep) {
                    ch.truncate(keep); // a line torn by a crash
                }
                if (missing.length() > 0) {
                    ch.position(keep);
                    ch.write(ByteBuffer.wrap(missing.toString().getBytes(StandardCharsets.UTF_8)));
                }
                ch.force(true);
            }
        } catch (IOException e) {
            throw new VaultException(VaultException.Kind.IO, "cannot append to " + logFile + ": " + e.getMessage(), e);
        }
    }

    private static int lastNewline(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
