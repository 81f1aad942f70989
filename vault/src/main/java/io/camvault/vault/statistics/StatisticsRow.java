package io.camvault.vault.statistics;

/**
 * One line of the yearly figures: a unit (officer null), one officer of a unit, or the total (both null).
 * Names are the latest the docks reported for the code (null when none was); codes stay the keys.
 *
 * @param recordedMillis  sum of the probed durations of the recordings whose duration is known
 * @param unknownDuration recordings whose duration is not known (not probed yet, or not readable as
 *                        media): they count as recordings but add no hours, never a guess
 * @param onTime          recordings decided, at commit, to have reached the vault within the late-upload threshold
 * @param late            recordings decided at commit to have reached it later
 * @param reviews         reviewer-days on these recordings: distinct (actor, local date) among successful
 *                        {@code segment.view} and {@code segment.stream} audit events
 * @param exports         {@code segment.export} audit events on these recordings (one per copy handed out)
 */
public record StatisticsRow(String unit, String unitName, String officer, String officerName, long recordings,
        long recordedMillis, long unknownDuration, long bytes, long onTime, long late, long linkedToCases,
        long reviews, long exports) {

    public double hours() {
        return recordedMillis / 3_600_000.0;
    }

    /** Share of decided recordings uploaded in time, 0..1; null when none was decided (an empty year has no share). */
    public Double onTimeShare() {
        long decided = onTime + late;
        return decided == 0 ? null : (double) onTime / decided;
    }

    StatisticsRow plus(Contribution c) {
        return new StatisticsRow(unit, c.unitName() != null && unit != null ? c.unitName() : unitName, officer,
                c.officerName() != null && officer != null ? c.officerName() : officerName, recordings + 1,
                recordedMillis + (c.millis() == null ? 0 : c.millis()), unknownDuration + (c.millis() == null ? 1 : 0),
                bytes + c.bytes(), onTime + (Boolean.FALSE.equals(c.late()) ? 1 : 0),
                late + (Boolean.TRUE.equals(c.late()) ? 1 : 0), linkedToCases + (c.linked() ? 1 : 0),
                reviews + c.reviews(), exports + c.exports());
    }

    static StatisticsRow empty(String unit, String officer) {
        return new StatisticsRow(unit, null, officer, null, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** What one recording adds to each row it counts in. */
    record Contribution(String unitName, String officerName, Long millis, long bytes, Boolean late, boolean linked,
            long reviews, long exports) {
    }
}
