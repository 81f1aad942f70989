package io.camvault.vault.statistics;

/**
 * One month of a year's recordings, for the report's charts: of one unit, or of all (unit null).
 *
 * @param month           1 to 12, in the statistics zone
 * @param recordedMillis sum of the known durations
 */
public record MonthRow(String unit, int month, long recordings, long recordedMillis) {

    public double hours() {
        return recordedMillis / 3_600_000.0;
    }

    MonthRow plus(Long millis) {
        return new MonthRow(unit, month, recordings + 1, recordedMillis + (millis == null ? 0 : millis));
    }
}
