package io.camvault.vault.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.camvault.vault.kv.ColumnFamily;
import io.camvault.vault.kv.KvBatch;
import io.camvault.vault.kv.KvStore;
import io.camvault.vault.kv.Keys;
import io.camvault.vault.retention.RetentionPolicy;
import io.camvault.vault.testsupport.VaultFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckpointTest {

    @Test
    void theNodeKeyIsCreatedOnceWithAPrivateFileAndAnExportedPublicKey() throws Exception {
        try (VaultFixture f = VaultFixture.memory(RetentionPolicy.defaults())) {
            Path keys = f.dir.resolve("keys");
            KeyPair first = NodeKey.loadOrCreate(keys);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve(NodeKey.PRIVATE_FILE))))
                    .isEqualTo("rw-------");
            assertThat(Files.readString(keys.resolve(NodeKey.PUBLIC_FILE))).startsWith("-----BEGIN PUBLIC KEY-----");
            KeyPair again = NodeKey.loadOrCreate(keys);
            assertThat(again.getPrivate().getEncoded()).isEqualTo(first.getPrivate().getEncoded());
            assertThat(NodeKey.readPublic(keys.resolve(NodeKey.PUBLIC_FILE)).getEncoded())
                    .isEqualTo(first.getPublic().getEncoded());
        }
    }

    @Test
    void checkpointsAreSignedOncePerHeadAndTheLogFileHealsAfterATornLine() throws Exception {
        try (VaultFixture f = VaultFixture.memory(RetentionPolicy.defaults())) {
            KeyPair key = NodeKey.loadOrCreate(f.dir.resolve("keys"));
            Path log = f.dir.resolve("checkpoints.log");
            AuditCheckpoints job = new AuditCheckpoints(f.vault, key.getPrivate(), log);
            f.ingest(Duration.ofDays(1));
            assertThat(job.run(f.clock.instant())).isPresent();
            assertThat(job.run(f.clock.instant())).isEmpty();
            f.ingest(Duration.ofDays(1));
            // A crash tore the file's last line; the next run cuts it and appends what is missing.
            Files.writeString(log, "checkpoint v1 seq=9", StandardOpenOption.APPEND);
            assertThat(job.run(f.clock.instant())).isPresent();
            List<Checkpoint> inFile = AuditCheckpoints.readLog(log);
            assertThat(inFile).isEqualTo(AuditCheckpoints.stored(f.kv));
            assertThat(inFile).extracting(Checkpoint::seq).containsExactly(1L, 2L);
            assertThat(inFile).allSatisfy(c -> assertThat(c.verify(key.getPublic())).isTrue());
            assertThat(CheckpointVerifier.verify(f.kv, inFile, key.getPublic()).intact()).isTrue();
        }
    }

    @Test
    void aTruncatedLogWithAForgedHeadPassesTheChainCheckButNotTheCheckpoints() throws Exception {
        try (VaultFixture f = VaultFixture.memory(RetentionPolicy.defaults())) {
            KeyPair key = NodeKey.loadOrCreate(f.dir.resolve("keys"));
            AuditCheckpoints job = new AuditCheckpoints(f.vault, key.getPrivate(), f.dir.resolve("checkpoints.log"));
            for (int i = 0; i < 4; i++) {
                f.ingest(Duration.ofDays(1));
                job.run(f.clock.instant());
            }
            long head = f.vault.audit().head().seq();
            List<Checkpoint> checkpoints = AuditCheckpoints.readLog(f.dir.resolve("checkpoints.log"));
            // Drop the newest two events and point the head at what is left: internally consistent.
            AuditEvent keep = event(f.kv, head - 2);
            put(f.kv, ColumnFamily.AUDIT, Keys.auditSeq(head), null);
            put(f.kv, ColumnFamily.AUDIT, Keys.auditSeq(head - 1), null);
            put(f.kv, ColumnFamily.META, Keys.META_AUDIT_HEAD, new AuditHead(keep.seq(), keep.hash()).encode());
            assertThat(new AuditVerifier(f.kv).verify().intact()).isTrue();

            AuditVerification v = CheckpointVerifier.verify(f.kv, checkpoints, key.getPublic());
            assertThat(v.intact()).isFalse();
            assertThat(v.brokenAtSeq()).isEqualTo(head - 1);
            assertThat(v.problem()).startsWith("log truncated: event " + (head - 1)).contains("ends at " + (head - 2));
        }
    }

    @Test
    void aRewrittenEventWithEveryHashRecomputedIsLocatedBetweenCheckpoints() throws Exception {
        try (VaultFixture f = VaultFixture.memory(RetentionPolicy.defaults())) {
            KeyPair key = NodeKey.loadOrCreate(f.dir.resolve("keys"));
            AuditCheckpoints job = new AuditCheckpoints(f.vault, key.getPrivate(), f.dir.resolve("checkpoints.log"));
            List<Long> checkpointed = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                f.ingest(Duration.ofDays(1));
                job.run(f.clock.instant()).ifPresent(c -> checkpointed.add(c.seq()));
            }
            long target = checkpointed.get(1) + 1; // an event after the second checkpoint
            rewriteFrom(f.kv, target);
            assertThat(new AuditVerifier(f.kv).verify().intact()).isTrue();

            AuditVerification v = CheckpointVerifier.verify(f.kv, AuditCheckpoints.stored(f.kv), key.getPublic());
            assertThat(v.intact()).isFalse();
            assertThat(v.brokenAtSeq()).isEqualTo(checkpointed.get(1) + 1);
            assertThat(v.problem()).startsWith("log rewritten: event " + checkpointed.get(2))
                    .contains("events " + (checkpointed.get(1) + 1) + " to " + checkpointed.get(2));

            // Checkpoints signed by another key are refused outright.
            KeyPair other = NodeKey.loadOrCreate(f.dir.resolve("other-keys"));
            assertThat(CheckpointVerifier.verify(f.kv, AuditCheckpoints.stored(f.kv), other.getPublic()).problem())
                    .contains("signature is not valid");
        }
    }

    /** Replaces event {@code seq}'s actor and re-links everything after it, head included. */
    static void rewriteFrom(KvStore kv, long seq) {
        List<AuditEvent> all = new ArrayList<>();
        new AuditLog(kv, java.time.Clock.systemUTC()).forEach(0, all::add);
        io.camvault.vault.model.Sha256 prev = all.get((int) seq - 2).hash();
        AuditEvent last = null;
        for (AuditEvent e : all.subList((int) seq - 1, all.size())) {
            String actor = e.seq() == seq ? "someone-else" : e.actor();
            last = AuditChain.link(prev, new AuditEntry(actor, e.action(), e.subject(), e.outcome(), e.details()), e.seq(),
                    e.time());
            put(kv, ColumnFamily.AUDIT, Keys.auditSeq(e.seq()), AuditCodec.encode(last));
            prev = last.hash();
        }
        put(kv, ColumnFamily.META, Keys.META_AUDIT_HEAD, new AuditHead(last.seq(), last.hash()).encode());
    }

    static AuditEvent event(KvStore kv, long seq) {
        return AuditCodec.decode(kv.get(ColumnFamily.AUDIT, Keys.auditSeq(seq)));
    }

    static void put(KvStore kv, ColumnFamily cf, byte[] key, byte[] value) {
        try (KvBatch b = kv.newBatch()) {
            if (value == null) {
                b.delete(cf, key);
            } else {
                b.put(cf, key, value);
            }
            kv.write(b);
        }
    }

    @Test
    void aCheckpointLineRoundTrips() {
        KeyPair key = generate();
        Checkpoint c = Checkpoint.sign(7, io.camvault.vault.model.Sha256.of(new byte[32]),
                java.time.Instant.parse("2024-05-01T08:00:00.123Z"), key.getPrivate());
        assertThat(Checkpoint.parse(c.toLine())).isEqualTo(c);
        assertThat(Checkpoint.parse(c.toLine().replace("seq=7", "seq=8")).verify(key.getPublic())).isFalse();
        assertThat(c.toLine()).doesNotContain("\n");
    }

    private static KeyPair generate() {
        try {
            return java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
