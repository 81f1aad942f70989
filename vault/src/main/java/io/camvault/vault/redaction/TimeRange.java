package io.camvault.vault.redaction;

/** {@code [from, to)} in milliseconds from the start of the segment. */
public record TimeRange(long from, long to) {
    public TimeRange {
        if (from < 0 || to <= from) {
            throw new RedactionSpecException("a time range needs 0 <= from < to (ms), got " + from + "-" + to);
        }
    }

    public boolean contains(long millis) {
        return millis >= from && millis < to;
    }

    /** Whether {@code micros} (a frame or sample time) lies inside. */
    public boolean containsMicros(long micros) {
        return micros >= from * 1000 && micros < to * 1000;
    }
}
