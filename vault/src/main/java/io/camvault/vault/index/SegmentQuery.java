package io.camvault.vault.index;

import java.time.Instant;

/**
 * A segment search. At most one of officer / recorder / unit / caseId selects the secondary key
 * to scan; {@code from}/{@code to} bound the recorded start ({@code from} inclusive, {@code to}
 * exclusive, either may be null). Results come in ascending recorded start order; {@code cursor}
 * is the opaque {@link Page#next()} of the previous page.
 */
public record SegmentQuery(String officer, String recorder, String unit, String caseId,
        Instant from, Instant to, int limit, String cursor) {

    public static final int MAX_LIMIT = 1000;

    public SegmentQuery {
        if (limit <= 0 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        int selectors = (officer != null ? 1 : 0) + (recorder != null ? 1 : 0) + (unit != null ? 1 : 0)
                + (caseId != null ? 1 : 0);
        if (selectors > 1) {
            throw new IllegalArgumentException("search by one of officer, recorder, unit or case at a time");
        }
    }

    public static SegmentQuery byOfficer(String badge, Instant from, Instant to, int limit) {
        return new SegmentQuery(badge, null, null, null, from, to, limit, null);
    }

    public static SegmentQuery byTime(Instant from, Instant to, int limit) {
        return new SegmentQuery(null, null, null, null, from, to, limit, null);
    }

    public SegmentQuery after(String nextCursor) {
        return new SegmentQuery(officer, recorder, unit, caseId, from, to, limit, nextCursor);
    }
}
