package io.camvault.vault.statistics;

/**
 * One line of the yearly figures: a unit (officer null), one officer of a unit, or the total (both null).
 *
 * @param recordedSeconds sum of recorded end minus recorded start
 * @param onTime          recordings that reached the vault within the late-upload threshold
 * @param reviews         reviewer-days on these recordings: distinct (actor, local date) among successful
 *                        {@code segment.view} and {@code segment.stream} audit events
 * @param exports         {@code segment.export} audit events on these recordings (one per copy handed out)
 */
public record StatisticsRow(String unit, String officer, long recordings, long recordedSeconds, long bytes,
        long onTime, long linkedToCases, long reviews, long exports) {

    public double hours() {
        return recordedSeconds / 3600.0;
    }

    /** Share of recordings uploaded in time, 0..1; 1 when there were none. */
    public double onTimeShare() {
        return recordings == 0 ? 1.0 : (double) onTime / recordings;
    }

    StatisticsRow plus(long seconds, long size, boolean inTime, boolean linked, long views, long exported) {
        return new StatisticsRow(unit, officer, recordings + 1, recordedSeconds + seconds, bytes + size,
                onTime + (inTime ? 1 : 0), linkedToCases + (linked ? 1 : 0), reviews + views, exports + exported);
    }

    static StatisticsRow empty(String unit, String officer) {
        return new StatisticsRow(unit, officer, 0, 0, 0, 0, 0, 0, 0);
    }
}
