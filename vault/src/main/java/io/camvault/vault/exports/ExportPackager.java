package io.camvault.vault.exports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.camvault.vault.VaultException;
import io.camvault.vault.audit.AuditEntry;
import io.camvault.vault.audit.AuditEvent;
import io.camvault.vault.audit.AuditLog;
import io.camvault.vault.cases.CaseStore;
import io.camvault.vault.index.SegmentIndex;
import io.camvault.vault.ledger.Ledger;
import io.camvault.vault.kv.Records;
import io.camvault.vault.model.CaseLink;
import io.camvault.vault.model.CaseRecord;
import io.camvault.vault.model.Description;
import io.camvault.vault.model.Segment;
import io.camvault.vault.model.SegmentId;
import io.camvault.vault.store.ObjectReader;
import io.camvault.vault.store.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Lays out an approved export as a bag: {@code data/originals/<sha256>-<name>} (the original bytes),
 * {@code data/descriptions/<segment>.json|.txt}, {@code data/case.json}, {@code data/export.json},
 * and {@code data/audit/<segment>.jsonl}, {@code case.jsonl}, {@code export.jsonl} — the custody
 * trail of every object in it. The download is audited first ({@code export.download}, and one
 * {@code segment.export} per original), so the trail in the bag includes its own handing-out, and
 * an attempt that fails half-way is still on record. Originals are read from the object store as
 * the bag is written ({@link BagWriter} hashes them on the way into the manifest). People are named
 * "name (id)" where a person reads them ({@code bag-info.txt}, the description texts), and
 * {@code data/principals.json} names every principal id the records and trails mention.
 */
public final class ExportPackager {
    private static final ObjectMapper PRETTY = Records.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper LINE = Records.mapper();

    private final Ledger ledger;
    private final ExportStore exports;
    private final CaseStore cases;
    private final SegmentIndex segmentIndex;
    private final AuditLog auditLog;
    private final ObjectStore objects;
    private final Function<String, Optional<String>> nameOf;
    private final Duration downloadWindow;

    /**
     * @param nameOf         a principal's name by id, so people read "name (id)" in the bag; the trails keep ids
     * @param downloadWindow how long after its approval the requester may download an export
     */
    public ExportPackager(Ledger ledger, ExportStore exports, CaseStore cases, SegmentIndex segments, AuditLog audit,
            ObjectStore objects, Function<String, Optional<String>> nameOf, Duration downloadWindow) {
        this.nameOf = nameOf;
        this.downloadWindow = downloadWindow;
        this.ledger = ledger;
        this.exports = exports;
        this.cases = cases;
        this.segmentIndex = segments;
        this.auditLog = audit;
        this.objects = objects;
    }

    /**
     * Writes the bag of export {@code exportId} into {@code sink} and closes it.
     *
     * @return how many originals the bag holds
     * @throws VaultException NOT_FOUND for an unknown export; FORBIDDEN (audited) when it is not approved,
     *                        when {@code actor} is not its requester, or when its download window has closed;
     *                        INTEGRITY when an approved original is gone or no longer what was approved
     */
    public int write(String exportId, String actor, BagWriter.Sink sink, ZoneId zone) throws IOException {
        ExportRecord e = exports.get(exportId).orElseThrow(() ->
                new VaultException(VaultException.Kind.NOT_FOUND, "export " + exportId + " not found"));
        if (e.status() != ExportStatus.APPROVED) {
            ledger.record(AuditEntry.denied(actor, "export.download", ExportOperations.subject(e), "export not approved"));
            throw new VaultException(VaultException.Kind.FORBIDDEN, "export " + exportId + " is not approved");
        }
        refuseUnless(e.fixesItsItems(), e, actor, "the export names no fixed set of originals (requested before "
                + "exports did); request it again");
        refuseUnless(actor.equals(e.requestedBy()), e, actor, "only the requester may download an approved export");
        Instant closes = e.approvedAt() == null ? Instant.MIN : e.approvedAt().plus(downloadWindow);
        refuseUnless(ledger.clock().instant().isBefore(closes), e, actor, "the download window closed at " + closes);
        CaseRecord c = cases.get(e.caseId()).orElseThrow(() ->
                new VaultException(VaultException.Kind.INTEGRITY, "case " + e.caseId() + " of export " + exportId + " is gone"));
        // exactly the approved set: its segments, their approved bytes and descriptions, nothing linked since
        List<CaseLink> links = new ArrayList<>();
        List<Segment> segments = new ArrayList<>();
        for (ExportItem item : e.items()) {
            Segment s = segmentIndex.get(SegmentId.parse(item.segmentId())).orElseThrow(() -> new VaultException(
                    VaultException.Kind.INTEGRITY, "segment " + item.segmentId() + " of export " + exportId + " is gone"));
            if (!s.sha256().hex().equals(item.sha256())) {
                throw new VaultException(VaultException.Kind.INTEGRITY, "segment " + s.id() + " no longer holds the "
                        + "approved original " + item.sha256());
            }
            segments.add(s);
            links.add(new CaseLink(s.id(), item.description(), item.linkedBy(), item.linkedAt(), null, null, null));
        }
        List<AuditEntry> audit = new ArrayList<>();
        audit.add(AuditEntry.success(actor, "export.download", ExportOperations.subject(e),
                Map.of("case", c.id(), "segments", Integer.toString(segments.size()), "scope", e.scope())));
        for (Segment s : segments) {
            audit.add(AuditEntry.success(actor, "segment.export", "segment:" + s.id(),
                    Map.of("export", e.id(), "case", c.id(), "sha256", s.sha256().hex())));
        }
        ledger.commit(batch -> { }, audit);

        BagWriter bag = new BagWriter(sink);
        Set<String> people = new TreeSet<>();
        try {
            for (int i = 0; i < segments.size(); i++) {
                Segment s = segments.get(i);
                try (ObjectReader reader = objects.open(s.sha256()); InputStream in = reader.stream()) {
                    String read = bag.payload("originals/" + originalName(s), in);
                    if (!read.equals(s.sha256().hex())) {
                        // the bag is abandoned: a release must hold exactly the committed bytes
                        throw new VaultException(VaultException.Kind.INTEGRITY, "original of segment " + s.id()
                                + " read back from " + objects.describe() + " hashes to " + read + ", not " + s.sha256().hex());
                    }
                }
                bag.payload("descriptions/" + s.id() + ".json", PRETTY.writeValueAsBytes(descriptionJson(s, links.get(i))));
                bag.payload("descriptions/" + s.id() + ".txt", descriptionText(s, links.get(i), c)
                        .getBytes(StandardCharsets.UTF_8));
                bag.payload("audit/" + s.id() + ".jsonl", jsonl(trail("segment:" + s.id(), people)));
            }
            // the case as released: its links limited to the approved items, with their approved descriptions
            bag.payload("case.json", PRETTY.writeValueAsBytes(new CaseRecord(c.id(), c.number(), c.title(), c.unitCode(),
                    c.status(), c.major(), c.openedAt(), c.closedAt(), links, c.holds())));
            bag.payload("export.json", PRETTY.writeValueAsBytes(e));
            // the case's trail without the events about footage outside the approved set
            Set<String> released = new TreeSet<>(e.items().stream().map(ExportItem::segmentId).toList());
            bag.payload("audit/case.jsonl", jsonl(trail("case:" + c.id(), people).stream()
                    .filter(ev -> !ev.details().containsKey("segment") || released.contains(ev.details().get("segment")))
                    .toList()));
            bag.payload("audit/export.jsonl", jsonl(trail(ExportOperations.subject(e), people)));
            people.add(e.requestedBy());
            people.add(e.approvedBy());
            people.add(actor);
            links.forEach(l -> people.add(l.linkedBy()));
            bag.payload("principals.json", PRETTY.writeValueAsBytes(names(people)));
            List<Map.Entry<String, String>> info = new ArrayList<>();
            info.add(Map.entry("Source-Organization", c.unitCode() == null || c.unitCode().isBlank() ? "camvault" : c.unitCode()));
            info.add(Map.entry("External-Identifier", e.id()));
            info.add(Map.entry("Internal-Sender-Identifier", c.number()));
            info.add(Map.entry("Internal-Sender-Description", "evidence export of case " + c.number()
                    + (c.title() == null ? "" : " (" + c.title() + ")")));
            info.add(Map.entry("Camvault-Case-Number", c.number()));
            info.add(Map.entry("Camvault-Case-Id", c.id()));
            info.add(Map.entry("Camvault-Export-Reason", String.valueOf(e.reason())));
            info.add(Map.entry("Camvault-Requested-By", who(e.requestedBy())));
            info.add(Map.entry("Camvault-Approved-By", who(String.valueOf(e.approvedBy()))));
            info.add(Map.entry("Camvault-Downloaded-By", who(actor)));
            Instant now = ledger.clock().instant();
            bag.finish(info, LocalDate.ofInstant(now, zone));
        } finally {
            sink.close();
        }
        return segments.size();
    }

    /** Records the refused download (audited as denied) and throws FORBIDDEN, unless {@code allowed}. */
    private void refuseUnless(boolean allowed, ExportRecord e, String actor, String reason) {
        if (!allowed) {
            ledger.record(AuditEntry.denied(actor, "export.download", ExportOperations.subject(e), reason));
            throw new VaultException(VaultException.Kind.FORBIDDEN, "export " + e.id() + ": " + reason);
        }
    }

    /** {@code <sha256>-<safe original name>}: unique in the bag, and the name a clerk recognises. */
    public static String originalName(Segment s) {
        return s.sha256().hex() + "-" + BagWriter.safeName(s.originalName());
    }

    /** "name (id)" for a principal id; other actors ({@code system}, {@code local-admin}) as they are. */
    private String who(String actor) {
        return actor == null ? "" : nameOf.apply(actor).map(n -> n + " (" + actor + ")").orElse(actor);
    }

    /** The trail of {@code subject}; its actors are added to {@code people}. */
    private List<AuditEvent> trail(String subject, Set<String> people) {
        List<AuditEvent> events = auditLog.bySubject(subject, Integer.MAX_VALUE);
        events.forEach(ev -> people.add(ev.actor()));
        return events;
    }

    /** {@code principals.json}: the name of every principal id the bag's records and trails mention. */
    private Map<String, String> names(Set<String> ids) {
        Map<String, String> out = new TreeMap<>();
        for (String id : ids) {
            if (id != null) {
                nameOf.apply(id).ifPresent(n -> out.put(id, n));
            }
        }
        return out;
    }

    private Map<String, Object> descriptionJson(Segment s, CaseLink link) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("segment", s.id().toString());
        m.put("sha256", s.sha256().hex());
        m.put("original", "originals/" + originalName(s));
        m.put("originalName", s.originalName());
        m.put("officer", s.officerBadge());
        m.put("recorder", s.recorderSerial());
        m.put("unit", s.unitCode());
        m.put("recordedStart", s.recordedStart());
        m.put("recordedEnd", s.recordedEnd());
        m.put("description", link.description());
        m.put("linkedBy", link.linkedBy());
        m.put("linkedByName", nameOf.apply(link.linkedBy()).orElse(null));
        m.put("linkedAt", link.linkedAt());
        return m;
    }

    private String descriptionText(Segment s, CaseLink link, CaseRecord c) {
        Description d = link.description();
        StringBuilder sb = new StringBuilder();
        sb.append("Case:      ").append(c.number()).append(c.title() == null ? "" : " — " + c.title()).append('\n');
        sb.append("Segment:   ").append(s.id()).append('\n');
        sb.append("Original:  ").append(s.originalName()).append(" (SHA-256 ").append(s.sha256().hex()).append(")\n");
        sb.append("Recorded:  ").append(s.recordedStart()).append(" – ").append(s.recordedEnd())
                .append(", recorder ").append(s.recorderSerial()).append(", officer ").append(s.officerBadge()).append('\n');
        sb.append("Linked by: ").append(who(link.linkedBy())).append(" at ").append(link.linkedAt()).append("\n\n");
        sb.append(d.text()).append("\n\n");
        line(sb, "What", d.what());
        line(sb, "Who", d.who());
        line(sb, "Where", d.where());
        line(sb, "When", d.when());
        return sb.toString();
    }

    private static void line(StringBuilder sb, String label, String value) {
        if (value != null && !value.isBlank()) {
            sb.append(label).append(": ").append(value).append('\n');
        }
    }

    private static byte[] jsonl(List<AuditEvent> events) throws JsonProcessingException {
        StringBuilder sb = new StringBuilder();
        for (AuditEvent ev : events) {
            sb.append(LINE.writeValueAsString(ev)).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
