package io.camvault.vault.exports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camvault.vault.VaultException;
import io.camvault.vault.audit.AuditEvent;
import io.camvault.vault.audit.Outcome;
import io.camvault.vault.model.CaseRecord;
import io.camvault.vault.model.Description;
import io.camvault.vault.model.Segment;
import io.camvault.vault.retention.RetentionPolicy;
import io.camvault.vault.testsupport.VaultFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportOperationsTest {
    final VaultFixture f = VaultFixture.files(RetentionPolicy.defaults());
    @TempDir
    Path out;

    @AfterEach
    void close() {
        f.close();
    }

    CaseRecord caseWithTwoSegments(Segment a, Segment b) {
        CaseRecord c = f.vault.createCase("clerk-a", "2025-001", "theft", "U0001", false);
        f.vault.linkSegment(c.id(), a.id(), new Description("arrest at the gate", "arrest", "suspect", "gate", "08:00"),
                "clerk-a");
        f.vault.linkSegment(c.id(), b.id(), new Description("search of the car", null, null, null, null), "clerk-a");
        return c;
    }

    @Test
    void approvedExportIsBaggedWithOriginalsDescriptionsCaseAndAudit() throws Exception {
        Segment a = f.ingest(Duration.ofHours(1));
        Segment b = f.ingest(Duration.ofHours(2));
        CaseRecord c = caseWithTwoSegments(a, b);
        ExportRecord e = f.vault.requestExport(c.id(), "prosecutor asked", "clerk-a");
        assertThat(e.status()).isEqualTo(ExportStatus.REQUESTED);
        ExportRecord approved = f.vault.approveExport(e.id(), "clerk-b");
        assertThat(approved.status()).isEqualTo(ExportStatus.APPROVED);
        assertThat(approved.approvedBy()).isEqualTo("clerk-b");

        Path bag = out.resolve("bag");
        int originals = f.vault.writeExportBag(e.id(), "clerk-a", BagWriter.directory(bag), ZoneOffset.UTC);

        assertThat(originals).isEqualTo(2);
        BagVerifier.Result r = BagVerifier.verify(bag);
        assertThat(r.problems()).isEmpty();
        assertThat(bag.resolve("data/originals/" + ExportPackager.originalName(a))).hasBinaryContent(
                Files.readAllBytes(io.camvault.vault.testsupport.Staged.localFile(f.vault.objects(), a.sha256())));
        assertThat(bag.resolve("data/descriptions/" + a.id() + ".txt")).content().contains("arrest at the gate");
        assertThat(bag.resolve("data/case.json")).content().contains("2025-001");
        assertThat(bag.resolve("data/audit/" + a.id() + ".jsonl")).content()
                .contains("segment.commit").contains("segment.link").contains("segment.export");
        assertThat(bag.resolve("data/audit/export.jsonl")).content().contains("export.approve");
        assertThat(bag.resolve("bag-info.txt")).content().contains("External-Identifier: " + e.id())
                .contains("Camvault-Approved-By: clerk-b").contains("Payload-Oxum: ");
        List<AuditEvent> trail = f.vault.audit().bySubject("segment:" + b.id(), 100);
        assertThat(trail).anyMatch(ev -> ev.action().equals("segment.export") && ev.actor().equals("clerk-a"));
        assertThat(f.vault.audit().verify().intact()).isTrue();
    }

    @Test
    void approvingOnesOwnExportIsRefusedAndAudited() {
        Segment a = f.ingest(Duration.ofHours(1));
        Segment b = f.ingest(Duration.ofHours(2));
        CaseRecord c = caseWithTwoSegments(a, b);
        ExportRecord e = f.vault.requestExport(c.id(), "court", "clerk-a");

        assertThatThrownBy(() -> f.vault.approveExport(e.id(), "clerk-a"))
                .isInstanceOf(VaultException.class)
                .satisfies(x -> assertThat(((VaultException) x).kind()).isEqualTo(VaultException.Kind.FORBIDDEN));

        assertThat(f.vault.exportById(e.id()).orElseThrow().status()).isEqualTo(ExportStatus.REQUESTED);
        assertThat(f.vault.audit().bySubject("export:" + e.id(), 10))
                .anyMatch(ev -> ev.action().equals("export.approve") && ev.outcome() == Outcome.DENIED);
    }

    @Test
    void anExportIsNotDownloadableBeforeApprovalNorDecidedTwice() {
        Segment a = f.ingest(Duration.ofHours(1));
        Segment b = f.ingest(Duration.ofHours(2));
        CaseRecord c = caseWithTwoSegments(a, b);
        ExportRecord e = f.vault.requestExport(c.id(), "court", "clerk-a");

        assertThatThrownBy(() -> f.vault.writeExportBag(e.id(), "clerk-a", BagWriter.directory(out.resolve("x")),
                ZoneOffset.UTC)).isInstanceOf(VaultException.class).hasMessageContaining("not approved");
        assertThat(f.vault.audit().bySubject("segment:" + a.id(), 100)).noneMatch(ev -> ev.action().equals("segment.export"));

        f.vault.approveExport(e.id(), "clerk-b");
        assertThatThrownBy(() -> f.vault.approveExport(e.id(), "clerk-c")).isInstanceOf(VaultException.class)
                .hasMessageContaining("already approved");
    }

    @Test
    void aRequestNeedsAReasonAndAnExistingCase() {
        assertThatThrownBy(() -> f.vault.requestExport("nope", "court", "clerk-a"))
                .isInstanceOf(VaultException.class).hasMessageContaining("not found");
        CaseRecord c = f.vault.createCase("clerk-a", "2025-002", "t", "U0001", false);
        assertThatThrownBy(() -> f.vault.requestExport(c.id(), " ", "clerk-a"))
                .isInstanceOf(VaultException.class).hasMessageContaining("reason");
    }
}
