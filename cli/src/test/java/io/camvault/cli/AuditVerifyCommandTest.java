package io.camvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.camvault.vault.Vault;
import io.camvault.vault.VaultConfig;
import io.camvault.vault.audit.AuditCheckpoints;
import io.camvault.vault.audit.NodeKey;
import io.camvault.vault.kv.ColumnFamily;
import io.camvault.vault.kv.KvBatch;
import io.camvault.vault.kv.KvStore;
import io.camvault.vault.kv.Keys;
import io.camvault.vault.kv.RocksKvStore;
import io.camvault.vault.model.SegmentDraft;
import io.camvault.vault.model.Trigger;
import io.camvault.vault.store.Digests;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditVerifyCommandTest {
    @TempDir
    Path data;

    private record Result(int code, String out, String err) {
    }

    private Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CamvaultMain.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    private void populate() throws Exception {
        VaultConfig config = VaultConfig.defaults(data);
        try (Vault vault = Vault.open(config, Clock.systemUTC())) {
            for (int i = 0; i < 3; i++) {
                byte[] bytes = ("footage " + i).getBytes(StandardCharsets.UTF_8);
                Instant end = Instant.parse("2026-11-20T08:00:00Z").plusSeconds(i * 600L);
                vault.ingest(new java.io.ByteArrayInputStream(bytes), new SegmentDraft(null, "c" + i + ".mp4",
                        "A123456", "100234", "110105000000", end.minusSeconds(600), end, 0, "hall-1", Trigger.SCHEDULED,
                        "p_dock"));
                new AuditCheckpoints(vault, NodeKey.loadOrCreate(config.keysDir()).getPrivate(), config.checkpointsLog())
                        .run(Instant.now());
            }
        }
    }

    @Test
    void anIntactLogVerifiesWithItsCheckpoints() throws Exception {
        populate();
        Result r = run("audit", "verify", "--data", data.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("audit log intact: 3 events, 3 signed checkpoints");
        Result fromFile = run("audit", "verify", "--data", data.toString(), "--checkpoints",
                data.resolve("checkpoints.log").toString(), "--public-key", data.resolve("keys/node-ed25519.pub").toString());
        assertThat(fromFile.code()).as(fromFile.err()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void aRewrittenEventFailsWithExit4NamingIt() throws Exception {
        populate();
        try (KvStore kv = RocksKvStore.open(data.resolve("index"))) {
            byte[] v = kv.get(ColumnFamily.AUDIT, Keys.auditSeq(2));
            v[20] ^= 0x01;
            put(kv, Keys.auditSeq(2), v);
        }
        Result r = run("audit", "verify", "--data", data.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.VERIFY_FAILED);
        assertThat(r.err()).startsWith("audit log broken at event 2: event 2");
    }

    @Test
    void aTruncatedLogFailsWithExit4NamingWhere() throws Exception {
        populate();
        try (KvStore kv = RocksKvStore.open(data.resolve("index"))) {
            put(kv, Keys.auditSeq(3), null);
        }
        Result r = run("audit", "verify", "--data", data.toString(), "--checkpoints", data.resolve("checkpoints.log").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.VERIFY_FAILED);
        assertThat(r.err()).startsWith("audit log broken at event 3:");
    }

    /** A clock the test moves: events an hour apart, as a working daemon writes them. */
    static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-11-20T08:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Four ingests an hour apart; a checkpoint after each one when {@code checkpointEach}, else after the first only. */
    private void populateHourly(boolean checkpointEach) throws Exception {
        VaultConfig config = VaultConfig.defaults(data);
        MovingClock clock = new MovingClock();
        try (Vault vault = Vault.open(config, clock)) {
            AuditCheckpoints job = new AuditCheckpoints(vault, NodeKey.loadOrCreate(config.keysDir()).getPrivate(),
                    config.checkpointsLog());
            for (int i = 0; i < 4; i++) {
                byte[] bytes = ("hourly " + i).getBytes(StandardCharsets.UTF_8);
                Instant end = clock.now.minusSeconds(60);
                vault.ingest(new java.io.ByteArrayInputStream(bytes), new SegmentDraft(null, "h" + i + ".mp4",
                        "A123456", "100234", "110105000000", end.minusSeconds(600), end, 0, "hall-1", Trigger.SCHEDULED,
                        "p_dock"));
                if (checkpointEach || i == 0) {
                    job.run(clock.now.plusSeconds(1));
                }
                clock.now = clock.now.plus(java.time.Duration.ofHours(1));
            }
        }
    }

    /** Replaces event {@code seq}'s actor and re-links every later event and the head, as an intruder with the index would. */
    private void rewriteFrom(long seq) {
        try (KvStore kv = RocksKvStore.open(data.resolve("index"))) {
            java.util.List<io.camvault.vault.audit.AuditEvent> all = new java.util.ArrayList<>();
            kv.scan(ColumnFamily.AUDIT, null, null, (k, v) -> all.add(io.camvault.vault.audit.AuditCodec.decode(v)));
            io.camvault.vault.model.Sha256 prev = all.get((int) seq - 2).hash();
            io.camvault.vault.audit.AuditEvent last = null;
            for (io.camvault.vault.audit.AuditEvent e : all.subList((int) seq - 1, all.size())) {
                last = io.camvault.vault.audit.AuditChain.link(prev, new io.camvault.vault.audit.AuditEntry(
                        e.seq() == seq ? "p_someone_else" : e.actor(), e.action(), e.subject(), e.outcome(), e.details()),
                        e.seq(), e.time());
                put(kv, Keys.auditSeq(e.seq()), io.camvault.vault.audit.AuditCodec.encode(last));
                prev = last.hash();
            }
            try (KvBatch b = kv.newBatch()) {
                b.put(ColumnFamily.META, Keys.META_AUDIT_HEAD,
                        new io.camvault.vault.audit.AuditHead(last.seq(), last.hash()).encode());
                kv.write(b);
            }
        }
    }

    /** Issue 16: with only the first checkpoint, a chain rewritten and re-linked after it verified. */
    @Test
    void onlyTheFirstCheckpointLetsARewrittenChainPass() throws Exception {
        populateHourly(false);
        rewriteFrom(2);
        Result r = run("audit", "verify", "--data", data.toString());
        assertThat(r.code()).as(r.out()).isEqualTo(ExitCodes.VERIFY_FAILED);
        assertThat(r.err()).startsWith("audit log broken at event 2: events 2 to 4 are not covered by a signed checkpoint");
        // a daemon that checkpoints on time passes with events an hour apart
        Files.walk(data).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        populateHourly(true);
        Result ok = run("audit", "verify", "--data", data.toString());
        assertThat(ok.code()).as(ok.err()).isEqualTo(ExitCodes.OK);
        // and a longer configured interval is honoured
        Files.walk(data).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        populateHourly(false);
        assertThat(run("audit", "verify", "--data", data.toString(), "--checkpoint-interval", "4h").code())
                .isEqualTo(ExitCodes.OK);
    }

    /** Issue 16: without the public key the signature check was skipped silently and the log "passed". */
    @Test
    void aMissingPublicKeySkipsTheSignatureCheckSilently() throws Exception {
        populate();
        Files.delete(data.resolve("keys/node-ed25519.pub"));
        Result r = run("audit", "verify", "--data", data.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.VERIFY_FAILED);
        assertThat(r.err()).contains("NOT verified: no public key at").contains("--public-key");
        assertThat(r.out()).doesNotContain("intact");
    }

    /** The admin's copy of the key and the checkpoints, kept off the node, still exposes a rewrite after the node's were removed. */
    @Test
    void theKeyAndCheckpointsKeptElsewhereExposeARewrite(@TempDir Path admin) throws Exception {
        populateHourly(true);
        Files.copy(data.resolve("keys/node-ed25519.pub"), admin.resolve("node.pub"));
        Files.copy(data.resolve("checkpoints.log"), admin.resolve("checkpoints.log"));
        rewriteFrom(3);
        try (KvStore kv = RocksKvStore.open(data.resolve("index"))) { // the intruder removes the later checkpoints
            try (KvBatch b = kv.newBatch()) {
                for (long seq = 2; seq <= 4; seq++) {
                    b.delete(ColumnFamily.CHECKPOINTS, Keys.auditSeq(seq));
                }
                kv.write(b);
            }
        }
        Files.delete(data.resolve("checkpoints.log"));
        Files.delete(data.resolve("keys/node-ed25519.pub"));
        Result r = run("audit", "verify", "--data", data.toString(), "--public-key", admin.resolve("node.pub").toString(),
                "--checkpoints", admin.resolve("checkpoints.log").toString(), "--checkpoint-interval", "24h");
        assertThat(r.code()).isEqualTo(ExitCodes.VERIFY_FAILED);
        assertThat(r.err()).startsWith("audit log broken at event 3: log rewritten");
    }

    private static void put(KvStore kv, byte[] key, byte[] value) {
        try (KvBatch b = kv.newBatch()) {
            if (value == null) {
                b.delete(ColumnFamily.AUDIT, key);
            } else {
                b.put(ColumnFamily.AUDIT, key, value);
            }
            kv.write(b);
        }
    }
}
