package io.camvault.vault.retention;

import io.camvault.vault.model.CaseRecord;
import io.camvault.vault.model.CaseStatus;
import io.camvault.vault.model.RetentionClass;
import io.camvault.vault.model.Segment;
import io.camvault.vault.model.Trigger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The retention rules as one pure function of (segment, its cases, policy, now). No I/O, no clock:
 * the sweep, the purge and every custody change call it, and the property tests drive it directly.
 *
 * <ul>
 *   <li>Class: ROUTINE; EVIDENCE when marked important on the recorder or linked to any case;
 *       MAJOR when linked to a major case. A class never goes down (the stored class is a floor).</li>
 *   <li>Retain-until: the later of recording end and ingest time ({@link #retentionBasis}) + routine
 *       period, so a device's clock can never bring it before ingest + routine; marked important, major, or linked to a
 *       case while evidence is permanent by policy: permanent; linked to a closed case with a
 *       finite evidence period: at least close time + that period. The result is never earlier
 *       than the stored value ({@code max(old, computed)}, permanent being the largest), so neither
 *       an unlink nor a configuration change can bring a deletion forward.</li>
 *   <li>Purgeable: expired (retain-until strictly before now) and not protected — no hold on the
 *       segment, no hold on a linked case, no open linked case, not marked, not major.</li>
 *   <li>Legal hold (for a store that enforces retention): while a protection that can end is in
 *       force — a hold on the segment or a linked case, a link to an open case. Marked and major
 *       need none: they make the retain-until permanent, which the store's lock carries.</li>
 * </ul>
 */
public final class RetentionRules {
    private RetentionRules() {
    }

    /**
     * @param linkedCases the cases named by {@code segment.caseIds()}, as far as they exist; an id
     *                    without its case protects the segment (we cannot tell whether it is open)
     */
    public static Decision decide(Segment segment, Collection<CaseRecord> linkedCases, RetentionPolicy policy,
            Instant now) {
        RetentionClass cls = RetentionClass.ROUTINE;
        Instant computed = retentionBasis(segment).plus(policy.routine());
        boolean permanent = false;
        List<String> protections = new ArrayList<>();
        boolean removable = false;

        if (segment.trigger() == Trigger.MARKED) {
            cls = atLeast(cls, RetentionClass.EVIDENCE);
            permanent = true;
            protections.add("marked important on the recorder");
        }
        Set<String> found = new HashSet<>();
        for (CaseRecord c : linkedCases) {
            if (!segment.caseIds().contains(c.id())) {
                continue;
            }
            found.add(c.id());
            if (c.major()) {
                cls = RetentionClass.MAJOR;
                permanent = true;
                protections.add("linked to major case " + c.number());
            } else {
                cls = atLeast(cls, RetentionClass.EVIDENCE);
            }
            if (c.status() == CaseStatus.OPEN) {
                protections.add("linked to open case " + c.number());
                removable = true;
                permanent |= policy.evidencePermanent();
            } else if (policy.evidencePermanent() || c.closedAt() == null) {
                permanent = true;
            } else {
                computed = later(computed, c.closedAt().plus(policy.evidenceAfterClose()));
            }
            if (!c.holds().isEmpty()) {
                protections.add("case " + c.number() + " is on hold");
                removable = true;
            }
        }
        for (String id : segment.caseIds()) {
            if (!found.contains(id)) {
                protections.add("linked to case " + id + ", which cannot be read");
                removable = true;
            }
        }
        if (!segment.holds().isEmpty()) {
            protections.add("on hold");
            removable = true;
        }

        cls = atLeast(cls, segment.retentionClass());
        if (cls == RetentionClass.MAJOR) {
            permanent = true;
            if (protections.stream().noneMatch(p -> p.contains("major"))) {
                protections.add("major");
            }
        }
        Instant until = laterOrPermanent(segment.retainUntil(), permanent ? null : computed);
        boolean expired = until != null && until.isBefore(now);
        boolean purgeable = expired && protections.isEmpty();
        String reason;
        if (purgeable) {
            reason = "retention expired at " + until;
        } else if (!protections.isEmpty()) {
            reason = "kept: " + String.join("; ", protections);
        } else if (until == null) {
            reason = "kept permanently";
        } else {
            reason = "kept until " + until;
        }
        return new Decision(cls, until, purgeable, reason, removable);
    }

    /**
     * Where the routine period counts from: the later of the declared recording end and the ingest
     * time. The declared end is the uploader's claim (a reset clock says 1970); the ingest time is the
     * vault's own, so retain-until is never earlier than ingest + routine period, whatever a device says.
     */
    public static Instant retentionBasis(Segment segment) {
        Instant end = segment.recordedEnd();
        Instant ingested = segment.ingestedAt();
        return ingested != null && ingested.isAfter(end) ? ingested : end;
    }

    /** The later of two retain-until values; null (permanent) is later than any instant. */
    public static Instant laterOrPermanent(Instant a, Instant b) {
        if (a == null || b == null) {
            return null;
        }
        return a.isAfter(b) ? a : b;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static RetentionClass atLeast(RetentionClass a, RetentionClass b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
