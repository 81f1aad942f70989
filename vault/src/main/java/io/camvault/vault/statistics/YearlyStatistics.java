package io.camvault.vault.statistics;

import io.camvault.vault.Vault;
import io.camvault.vault.audit.AuditEvent;
import io.camvault.vault.index.Page;
import io.camvault.vault.index.SegmentQuery;
import io.camvault.vault.kv.ColumnFamily;
import io.camvault.vault.kv.Keys;
import io.camvault.vault.kv.Records;
import io.camvault.vault.model.Segment;
import io.camvault.vault.model.SegmentId;
import io.camvault.vault.timeliness.LateUpload;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Computes a year's figures from the index. A recording belongs to the year its recorded start
 * falls in, in the statistics zone — the same rule the late-upload check files its flags by, so
 * "on time" is simply "recorded that year and not flagged late". A read-only pass over the year's
 * segments and their audit trails; run it on demand, it writes nothing.
 */
public final class YearlyStatistics {
    private static final int PAGE = SegmentQuery.MAX_LIMIT;
    private static final Set<String> REVIEWS = Set.of("segment.view", "segment.stream");

    private YearlyStatistics() {
    }

    /** The figures of one year: per unit, per officer (within a unit), and the total. */
    public record Report(int year, ZoneId zone, List<StatisticsRow> units, List<StatisticsRow> officers,
            StatisticsRow total) {
    }

    public static Report compute(Vault vault, int year, ZoneId zone) {
        if (year < 1970 || year > 9999) {
            throw new IllegalArgumentException("year must be between 1970 and 9999");
        }
        Set<SegmentId> late = lateSegments(vault, year);
        Instant from = LocalDate.of(year, 1, 1).atStartOfDay(zone).toInstant();
        Instant to = LocalDate.of(year + 1, 1, 1).atStartOfDay(zone).toInstant();
        Map<String, StatisticsRow> units = new TreeMap<>();
        Map<String, StatisticsRow> officers = new TreeMap<>();
        StatisticsRow total = StatisticsRow.empty(null, null);
        SegmentQuery q = SegmentQuery.byTime(from, to, PAGE);
        while (true) {
            Page<Segment> page = vault.segments().search(q);
            for (Segment s : page.items()) {
                long seconds = Math.max(0, Duration.between(s.recordedStart(), s.recordedEnd()).toSeconds());
                // one review per reviewer per recording per day: the review API audits every ranged
                // stream request (a player makes dozens), so counting events would count seeks
                java.util.Set<String> reviewerDays = new java.util.HashSet<>();
                long exported = 0;
                for (AuditEvent e : vault.audit().bySubject("segment:" + s.id(), Integer.MAX_VALUE)) {
                    if (REVIEWS.contains(e.action()) && e.outcome() == io.camvault.vault.audit.Outcome.SUCCESS) {
                        reviewerDays.add(e.actor() + "|" + e.time().atZone(zone).toLocalDate());
                    } else if (e.action().equals("segment.export") && e.outcome() == io.camvault.vault.audit.Outcome.SUCCESS) {
                        exported++;
                    }
                }
                boolean inTime = !late.contains(s.id());
                boolean linked = !s.caseIds().isEmpty();
                String unit = s.unitCode() == null ? "" : s.unitCode();
                String officer = s.officerBadge() == null ? "" : s.officerBadge();
                final long v = reviewerDays.size();
                final long x = exported;
                units.compute(unit, (k, r) -> (r == null ? StatisticsRow.empty(unit, null) : r)
                        .plus(seconds, s.size(), inTime, linked, v, x));
                officers.compute(unit + "\0" + officer, (k, r) -> (r == null ? StatisticsRow.empty(unit, officer) : r)
                        .plus(seconds, s.size(), inTime, linked, v, x));
                total = total.plus(seconds, s.size(), inTime, linked, v, exported);
            }
            if (page.next() == null) {
                break;
            }
            q = q.after(page.next());
        }
        return new Report(year, zone, List.copyOf(units.values()), List.copyOf(officers.values()), total);
    }

    private static Set<SegmentId> lateSegments(Vault vault, int year) {
        Set<SegmentId> out = new HashSet<>();
        byte[] prefix = Keys.lateUploadPrefix(year, null, null);
        vault.kv().scan(ColumnFamily.LATE_UPLOADS, prefix, Keys.prefixEnd(prefix), (k, v) -> {
            out.add(Records.decode(v, LateUpload.class).segmentId());
            return true;
        });
        return out;
    }
}
