package io.camvault.cli.dock;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a recorder's own file name says: {@code <serial>_<badge>_<yyyyMMddHHmmss>[_<flag>...].<ext>},
 * e.g. {@code A123456_012345_20250301083000_IMP.mp4}. The time is the device's local wall clock.
 * A flag token {@code I} or {@code IMP} (any case) marks a file the officer flagged important.
 * Names are a hint only: identity comes from the dock, never from here.
 */
public record RecorderFileName(String serial, String badge, LocalDateTime start, boolean marked) {
    private static final Pattern NAME = Pattern.compile(
            "([A-Za-z0-9]{1,16})_([A-Za-z0-9]{1,16})_(\\d{14})((?:_[A-Za-z0-9]+)*)\\.[A-Za-z0-9]{1,8}");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMddHHmmss", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

    /** Parses a file name (not a path); empty when it does not follow the pattern or the time is impossible. */
    public static Optional<RecorderFileName> parse(String fileName) {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        LocalDateTime start;
        try {
            start = LocalDateTime.parse(m.group(3), STAMP);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        boolean marked = false;
        for (String flag : m.group(4).split("_")) {
            String f = flag.toUpperCase(Locale.ROOT);
            if (f.equals("I") || f.equals("IMP")) {
                marked = true;
            }
        }
        return Optional.of(new RecorderFileName(m.group(1), m.group(2), start, marked));
    }
}
