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
