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

/**
 * Issue 16, "Release and retention": an approval did not fix what was exported, and any custodian
 * could download an approved export any number of times. Each test failed before the fix.
 */
class ExportScopeHolesTest {
    final VaultFixture f = VaultFixture.files(RetentionPolicy.defaults());
    @TempDir
    Path out;

    @AfterEach
    void close() {
        f.close();
    }

    private static List<String> originals(Path bag) throws Exception {
        try (var s = Files.list(bag.resolve("data/originals"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void footageLinkedAfterApprovalWasInTheApprovedBag_theBagHoldsExactlyTheApprovedSet() throws Exception {
        Segment a = f.ingest(Duration.ofHours(1));
        Segment late = f.ingest(Duration.ofHours(2));
        CaseRecord c = f.vault.createCase("clerk-a", "2025-001", "theft", "U0001", false);
        f.vault.linkSegment(c.id(), a.id(), new Description("arrest at the gate", "arrest", "suspect", "gate", "08:00"),
                "clerk-a");
        ExportRecord e = f.vault.requestExport(c.id(), "prosecutor asked", "clerk-a");
        f.vault.approveExport(e.id(), "clerk-b");

        // after the approval: more footage linked, and the approved link's description replaced
        f.vault.linkSegment(c.id(), late.id(), new Description("unrelated bystander footage", null, null, null, null),
                "clerk-c");
        f.vault.unlinkSegment(c.id(), a.id(), "wrong description", "clerk-c");
        f.vault.linkSegment(c.id(), a.id(), new Description("rewritten after approval", null, null, null, null), "clerk-c");

        Path bag = out.resolve("bag");
        assertThat(f.vault.writeExportBag(e.id(), "clerk-a", BagWriter.directory(bag), ZoneOffset.UTC)).isEqualTo(1);
        assertThat(originals(bag)).containsExactly(ExportPackager.originalName(a));
        assertThat(bag.resolve("data/descriptions/" + a.id() + ".txt")).content().contains("arrest at the gate")
                .doesNotContain("rewritten");
        assertThat(bag.resolve("data/descriptions/" + late.id() + ".txt")).doesNotExist();
        assertThat(bag.resolve("data/case.json")).content().doesNotContain(late.id().toString())
                .doesNotContain("bystander");
        assertThat(bag.resolve("data/audit/case.jsonl")).content().doesNotContain(late.id().toString());
        assertThat(BagVerifier.verify(bag).problems()).isEmpty();
    }

    @Test
    void anyCustodianCouldDownloadAnApprovedExportAnyNumberOfTimes_onlyTheRequesterWithinTheWindow() throws Exception {
        Segment a = f.ingest(Duration.ofHours(1));
        CaseRecord c = f.vault.createCase("clerk-a", "2025-002", "theft", "U0001", false);
        f.vault.linkSegment(c.id(), a.id(), new Description("arrest", null, null, null, null), "clerk-a");
        ExportRecord e = f.vault.requestExport(c.id(), "court", "clerk-a");
        f.vault.approveExport(e.id(), "clerk-b");

        assertThatThrownBy(() -> f.vault.writeExportBag(e.id(), "clerk-b", BagWriter.directory(out.resolve("b")),
                ZoneOffset.UTC)).isInstanceOf(VaultException.class)
                .satisfies(x -> assertThat(((VaultException) x).kind()).isEqualTo(VaultException.Kind.FORBIDDEN))
                .hasMessageContaining("only the requester");
        f.vault.writeExportBag(e.id(), "clerk-a", BagWriter.directory(out.resolve("a1")), ZoneOffset.UTC);
        f.clock.advance(Duration.ofDays(6));
        f.vault.writeExportBag(e.id(), "clerk-a", BagWriter.directory(out.resolve("a2")), ZoneOffset.UTC);
        f.clock.advance(Duration.ofDays(1).plusSeconds(1));
        assertThatThrownBy(() -> f.vault.writeExportBag(e.id(), "clerk-a", BagWriter.directory(out.resolve("a3")),
                ZoneOffset.UTC)).isInstanceOf(VaultException.class).hasMessageContaining("download window closed");

        List<AuditEvent> trail = f.vault.audit().bySubject("export:" + e.id(), 100);
        assertThat(trail.stream().filter(ev -> ev.action().equals("export.download")).toList())
                .extracting(AuditEvent::actor, AuditEvent::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("clerk-b", Outcome.DENIED),
                        org.assertj.core.groups.Tuple.tuple("clerk-a", Outcome.SUCCESS),
                        org.assertj.core.groups.Tuple.tuple("clerk-a", Outcome.SUCCESS),
                        org.assertj.core.groups.Tuple.tuple("clerk-a", Outcome.DENIED));
    }

    @Test
    void aRequestFixesTheSegmentsItNamesWithTheirHashesAndDescriptions() {
        Segment a = f.ingest(Duration.ofHours(1));
        Segment b = f.ingest(Duration.ofHours(2));
        CaseRecord c = f.vault.createCase("clerk-a", "2025-003", "theft", "U0001", false);
        assertThatThrownBy(() -> f.vault.requestExport(c.id(), "court", "clerk-a"))
                .isInstanceOf(VaultException.class).hasMessageContaining("no linked footage");
        f.vault.linkSegment(c.id(), a.id(), new Description("arrest", null, null, null, null), "clerk-a");
        f.vault.linkSegment(c.id(), b.id(), new Description("search", null, null, null, null), "clerk-a");
        assertThatThrownBy(() -> f.vault.requestExport(c.id(), List.of(f.ingest(Duration.ofHours(3)).id()), "court",
                "clerk-a")).isInstanceOf(VaultException.class).hasMessageContaining("not linked");
        ExportRecord onlyB = f.vault.requestExport(c.id(), List.of(b.id()), "court", "clerk-a");
        assertThat(onlyB.items()).singleElement().satisfies(i -> {
            assertThat(i.segmentId()).isEqualTo(b.id().toString());
            assertThat(i.sha256()).isEqualTo(b.sha256().hex());
            assertThat(i.description().text()).isEqualTo("search");
        });
        assertThat(onlyB.fixesItsItems()).isTrue();
        f.vault.approveExport(onlyB.id(), "clerk-b");
        AuditEvent approval = f.vault.audit().bySubject("export:" + onlyB.id(), 10).stream()
                .filter(ev -> ev.action().equals("export.approve")).findFirst().orElseThrow();
        assertThat(approval.details()).as("the trail shows which set was approved")
                .containsEntry("scope", onlyB.scope()).containsEntry("segments", b.id() + ":" + b.sha256().hex());
    }
}
