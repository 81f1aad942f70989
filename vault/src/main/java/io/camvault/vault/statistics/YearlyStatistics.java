package io.camvault.vault.statistics;

import io.camvault.vault.Vault;
import io.camvault.vault.audit.AuditEvent;
import io.camvault.vault.audit.Outcome;
import io.camvault.vault.index.Page;
import io.camvault.vault.index.SegmentQuery;
import io.camvault.vault.model.Segment;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Computes a year's figures from the index. A recording belongs to the year (and month) its
 * recorded start falls in, in the statistics zone. Hours are the probed durations of the
 * recordings whose duration is known ({@link Segment#durationMillis()}); "on time" is the lateness
 * decided at commit ({@link Segment#late()}), so the figures never depend on when a job ran. A
 * read-only pass over the year's segments and their audit trails; run it on demand, it writes nothing.
 */
public final class YearlyStatistics {
    private static final int PAGE = SegmentQuery.MAX_LIMIT;
    private static final Set<String> REVIEWS = Set.of("segment.view", "segment.stream");

    private YearlyStatistics() {
    }

    /**
     * The figures of one year: per unit, per officer (within a unit), the total, and the months of
     * the total ({@code months}, 12 rows) and of each unit ({@code unitMonths}, 12 rows per unit).
     */
    public record Report(int year, ZoneId zone, List<StatisticsRow> units, List<StatisticsRow> officers,
            StatisticsRow total, List<MonthRow> months, List<MonthRow> unitMonths) {
    }

    public static Report compute(Vault vault, int year, ZoneId zone) {
        if (year < 1970 || year > 9999) {
            throw new IllegalArgumentException("year must be between 1970 and 9999");
        }
        Instant from = LocalDate.of(year, 1, 1).atStartOfDay(zone).toInstant();
        Instant to = LocalDate.of(year + 1, 1, 1).atStartOfDay(zone).toInstant();
        Map<String, StatisticsRow> units = new TreeMap<>();
        Map<String, StatisticsRow> officers = new TreeMap<>();
        StatisticsRow total = StatisticsRow.empty(null, null);
        MonthRow[] months = emptyMonths(null);
        Map<String, MonthRow[]> unitMonths = new TreeMap<>();
        SegmentQuery q = SegmentQuery.byTime(from, to, PAGE);
        while (true) {
            Page<Segment> page = vault.segments().search(q);
            for (Segment s : page.items()) {
                StatisticsRow.Contribution c = contribution(vault, s, zone);
                String unit = s.unitCode() == null ? "" : s.unitCode();
                String officer = s.officerBadge() == null ? "" : s.officerBadge();
                units.compute(unit, (k, r) -> (r == null ? StatisticsRow.empty(unit, null) : r).plus(c));
                officers.compute(unit + "\0" + officer,
                        (k, r) -> (r == null ? StatisticsRow.empty(unit, officer) : r).plus(c));
                total = total.plus(c);
                int m = s.recordedStart().atZone(zone).getMonthValue() - 1;
                months[m] = months[m].plus(c.millis());
                MonthRow[] um = unitMonths.computeIfAbsent(unit, YearlyStatistics::emptyMonths);
                um[m] = um[m].plus(c.millis());
            }
            if (page.next() == null) {
                break;
            }
            q = q.after(page.next());
        }
        List<MonthRow> perUnit = new ArrayList<>();
        unitMonths.values().forEach(rows -> perUnit.addAll(List.of(rows)));
        return new Report(year, zone, List.copyOf(units.values()), List.copyOf(officers.values()), total,
                List.of(months), List.copyOf(perUnit));
    }

    private static StatisticsRow.Contribution contribution(Vault vault, Segment s, ZoneId zone) {
        // one review per reviewer per recording per day: the review API audits every ranged
        // stream request (a player makes dozens), so counting events would count seeks
        Set<String> reviewerDays = new HashSet<>();
        long exported = 0;
        for (AuditEvent e : vault.audit().bySubject("segment:" + s.id(), Integer.MAX_VALUE)) {
            if (e.outcome() != Outcome.SUCCESS) {
                continue;
            }
            if (REVIEWS.contains(e.action())) {
                reviewerDays.add(e.actor() + "|" + e.time().atZone(zone).toLocalDate());
            } else if (e.action().equals("segment.export")) {
                exported++;
            }
        }
        Long millis = s.durationMillis();
        return new StatisticsRow.Contribution(s.unitName(), s.officerName(), millis, s.size(), s.late(),
                !s.caseIds().isEmpty(), reviewerDays.size(), exported);
    }

    private static MonthRow[] emptyMonths(String unit) {
        MonthRow[] rows = new MonthRow[12];
        for (int i = 0; i < 12; i++) {
            rows[i] = new MonthRow(unit, i + 1, 0, 0);
        }
        return rows;
    }
}
