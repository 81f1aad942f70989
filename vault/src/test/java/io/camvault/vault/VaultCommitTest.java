package io.camvault.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.camvault.vault.audit.AuditEvent;
import io.camvault.vault.index.SegmentQuery;
import io.camvault.vault.model.RetentionClass;
import io.camvault.vault.model.SegmentDraft;
import io.camvault.vault.model.Sha256;
import io.camvault.vault.model.Trigger;
import io.camvault.vault.store.Digests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ingest commit through the real vault: object, segment, secondary keys and audit event together. */
class VaultCommitTest {
    private static final Instant START = Instant.parse("2026-11-20T08:30:00Z");

    @TempDir
    Path data;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-20T18:00:00Z"), ZoneOffset.UTC);

    private static io.camvault.vault.store.ObjectWriter staged(Vault vault, byte[] bytes) {
        return io.camvault.vault.testsupport.Staged.writer(vault.objects(), bytes);
    }

    private static SegmentDraft draft(String name, Trigger trigger) {
        return new SegmentDraft(null, name, "A123456", "100234", "110105000000", START, START.plusSeconds(600), 120,
                "hall-1", trigger, "p_dock");
    }

    @Test
    void commitsObjectSegmentKeysAndAuditAndSurvivesReopen() throws Exception {
        byte[] bytes = new byte[300_000];
        new Random(7).nextBytes(bytes);
        Sha256 digest = Digests.sha256(bytes);
        IngestResult first;
        try (Vault vault = Vault.open(VaultConfig.defaults(data), clock)) {
            first = vault.commitOriginal(staged(vault, bytes), digest, bytes.length, draft("A123456_100234_20261120083000.mp4", Trigger.SCHEDULED));
            assertThat(first.alreadyStored()).isFalse();
            IngestResult again = vault.commitOriginal(staged(vault, bytes), digest, bytes.length, draft("copy.mp4", Trigger.SCHEDULED));
            assertThat(again.alreadyStored()).isTrue();
            assertThat(again.segment().id()).isEqualTo(first.segment().id());
        }
        try (Vault vault = Vault.open(VaultConfig.defaults(data), clock)) {
            var seg = vault.segments().get(first.segment().id()).orElseThrow();
            assertThat(seg.sha256()).isEqualTo(digest);
            assertThat(seg.retentionClass()).isEqualTo(RetentionClass.ROUTINE);
            // ingested after the recording ended: routine retention counts from the ingest (issue 16)
            assertThat(seg.retainUntil()).isEqualTo(clock.instant().plus(Duration.ofDays(180)));
            assertThat(vault.segments().findByHash(digest)).contains(seg);
            assertThat(vault.segments().search(SegmentQuery.byOfficer("100234", START.minusSeconds(1), START.plusSeconds(1), 10)).items())
                    .containsExactly(seg);
            assertThat(Digests.sha256(io.camvault.vault.testsupport.Staged.localFile(vault.objects(), digest))).isEqualTo(digest);
            List<AuditEvent> events = new ArrayList<>();
            vault.audit().forEach(1, events::add);
            assertThat(events).extracting(AuditEvent::action).containsExactly("segment.commit", "segment.reingest");
            assertThat(vault.audit().verify().intact()).isTrue();
        }
    }

    @Test
    void theCallersRecordIsWrittenWithTheSegmentAndWithAReingest() throws Exception {
        byte[] bytes = new byte[5000];
        new Random(11).nextBytes(bytes);
        Sha256 digest = Digests.sha256(bytes);
        byte[] first = "upload-1".getBytes();
        byte[] second = "upload-2".getBytes();
        try (Vault vault = Vault.open(VaultConfig.defaults(data), clock)) {
            IngestResult a = vault.commitOriginal(staged(vault, bytes), digest, bytes.length, draft("a.mp4", Trigger.SCHEDULED),
                    (batch, segment) -> batch.put(io.camvault.vault.kv.ColumnFamily.UPLOADS, first,
                            segment.id().toString().getBytes()));
            IngestResult b = vault.commitOriginal(staged(vault, bytes), digest, bytes.length, draft("b.mp4", Trigger.SCHEDULED),
                    (batch, segment) -> batch.put(io.camvault.vault.kv.ColumnFamily.UPLOADS, second,
                            segment.id().toString().getBytes()));
            assertThat(b.alreadyStored()).isTrue();
            byte[] segmentId = a.segment().id().toString().getBytes();
            assertThat(vault.kv().get(io.camvault.vault.kv.ColumnFamily.UPLOADS, first)).isEqualTo(segmentId);
            assertThat(vault.kv().get(io.camvault.vault.kv.ColumnFamily.UPLOADS, second)).isEqualTo(segmentId);
        }
    }

    @Test
    void anUnsyncedCommitKeepsTheAuditChainInOrderAndSurvivesAReopen() throws Exception {
        byte[] key = "upload-3".getBytes();
        try (Vault vault = Vault.open(VaultConfig.defaults(data), clock)) {
            vault.commitUnsynced(batch -> batch.put(io.camvault.vault.kv.ColumnFamily.UPLOADS, key, "receiving".getBytes()),
                    List.of(io.camvault.vault.audit.AuditEntry.success("p_dock", "upload.create", "upload:3", java.util.Map.of())));
            assertThat(vault.kv().get(io.camvault.vault.kv.ColumnFamily.UPLOADS, key)).isEqualTo("receiving".getBytes());
            vault.commit(batch -> { }, List.of(io.camvault.vault.audit.AuditEntry.success("p_dock", "upload.discard",
                    "upload:3", java.util.Map.of())));
            vault.sync();
        }
        try (Vault vault = Vault.open(VaultConfig.defaults(data), clock)) {
            assertThat(vault.kv().get(io.camvault.vault.kv.ColumnFamily.UPLOADS, key)).isEqualTo("receiving".getBytes());
            List<AuditEvent> events = new ArrayList<>();
            vault.audit().forEach(1, events::add);
            assertThat(events).extracting(AuditEvent::action).containsExactly("upload.create", "upload.discard");
            assertThat(vault.audit().verify().intact()).isTrue();
        }
    }

    @Test
    void markedFootageIsEvidenceAndKeptForGood() throws Exception {
        byte[] bytes = "marked".getBytes();
        try (Vault vault = Vault.open(VaultConfig.defaults(data), clock)) {
            var r = vault.commitOriginal(staged(vault, bytes), Digests.sha256(bytes), bytes.length, draft("m.mp4", Trigger.MARKED));
            assertThat(r.segment().retentionClass()).isEqualTo(RetentionClass.EVIDENCE);
            assertThat(r.segment().permanent()).isTrue();
        }
    }
}
