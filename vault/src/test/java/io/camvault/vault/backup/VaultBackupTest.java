package io.camvault.vault.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camvault.vault.Vault;
import io.camvault.vault.VaultConfig;
import io.camvault.vault.VaultException;
import io.camvault.vault.audit.AuditEvent;
import io.camvault.vault.model.Segment;
import io.camvault.vault.model.SegmentDraft;
import io.camvault.vault.model.Trigger;
import io.camvault.vault.audit.AuditCheckpoints;
import io.camvault.vault.audit.NodeKey;
import io.camvault.vault.store.Digests;
import io.camvault.vault.testsupport.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaultBackupTest {
    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.standard();

    private Segment ingest(Vault vault, int n) throws Exception {
        byte[] bytes = ("original " + n).repeat(1000 + n).getBytes(StandardCharsets.UTF_8);
        return vault.commitOriginal(io.camvault.vault.testsupport.Staged.writer(vault.objects(), bytes), Digests.sha256(bytes), bytes.length, new SegmentDraft(null, "c" + n + ".mp4",
                "REC1", "100001", "U1", clock.instant().minusSeconds(600), clock.instant(), 0, "dock-1",
                Trigger.SCHEDULED, "dock-principal")).segment();
    }

    @Test
    void aBackupTakenWhileOpenRestoresIntoANewDirectoryThatVerifies() throws Exception {
        Path data = dir.resolve("data");
        Path backup = dir.resolve("backup");
        List<Segment> before = new ArrayList<>();
        try (Vault vault = Vault.open(VaultConfig.defaults(data), clock)) {
            for (int i = 0; i < 5; i++) {
                before.add(ingest(vault, i));
            }
            var key = NodeKey.loadOrCreate(vault.config().keysDir());
            new AuditCheckpoints(vault, key.getPrivate(), vault.config().checkpointsLog()).run(clock.instant());
            BackupManifest.Summary s = VaultBackup.write(vault, backup);
            assertThat(s.segments()).isEqualTo(5);
            assertThat(s.objectsLinked() + s.objectsCopied()).isEqualTo(5);
            ingest(vault, 99); // after the backup started: not in it
        }
        assertThat(backup.resolve(BackupManifest.HASHES)).isRegularFile();
        assertThat(Files.readString(backup.resolve(BackupManifest.HASHES))).contains("index/CURRENT")
                .contains("objects/sha256/" + before.get(0).sha256().hex().substring(0, 2));

        Path restored = dir.resolve("restored");
        VaultRestore.Report r = VaultRestore.restore(backup, restored, clock);
        assertThat(r.segments()).isEqualTo(5);
        assertThat(r.signedCheckpoints()).isEqualTo(1);
        assertThat(restored.resolve("keys/node-ed25519.key")).isRegularFile();
        try (Vault vault = Vault.open(VaultConfig.defaults(restored), clock)) {
            for (Segment s : before) {
                assertThat(vault.segments().get(s.id())).contains(s);
            }
            List<AuditEvent> events = new ArrayList<>();
            vault.audit().forEach(0, events::add);
            assertThat(events).extracting(AuditEvent::action).contains("vault.restored");
            assertThat(vault.audit().verify().intact()).isTrue();
        }
    }

    @Test
    void aChangedOriginalInTheBackupStopsTheRestoreNamingIt() throws Exception {
        Path data = dir.resolve("data");
        Path backup = dir.resolve("backup");
        Segment s;
        try (Vault vault = Vault.open(VaultConfig.defaults(data), clock)) {
            s = ingest(vault, 1);
            VaultBackup.write(vault, backup);
        }
        String hex = s.sha256().hex();
        Path object = backup.resolve("objects/sha256/" + hex.substring(0, 2) + "/" + hex.substring(2, 4) + "/" + hex);
        // break the link first, so the source's original stays intact
        byte[] bytes = Files.readAllBytes(object);
        Files.delete(object);
        bytes[10] ^= 1;
        Files.write(object, bytes);

        assertThatThrownBy(() -> VaultRestore.restore(backup, dir.resolve("restored"), clock))
                .isInstanceOf(VaultException.class)
                .hasMessageContaining(hex)
                .satisfies(e -> assertThat(((VaultException) e).kind()).isEqualTo(VaultException.Kind.INTEGRITY));
    }

    @Test
    void aBackupNeverWritesIntoAFolderThatHoldsFilesAndARestoreNeverOverwritesADataDirectory() throws Exception {
        Path data = dir.resolve("data");
        Path backup = dir.resolve("backup");
        Files.createDirectories(backup);
        Files.writeString(backup.resolve("something"), "x");
        try (Vault vault = Vault.open(VaultConfig.defaults(data), clock)) {
            ingest(vault, 1);
            assertThatThrownBy(() -> VaultBackup.write(vault, backup)).hasMessageContaining("not empty");
            VaultBackup.write(vault, dir.resolve("good"));
        }
        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> VaultRestore.restore(dir.resolve("good"), data, clock))
                .hasMessageContaining("not empty");
    }
}
