package io.camvault.vault.redaction;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command-line forms of a spec's parts: a box {@code x,y,w,h@from-to} (pixels, then seconds,
 * decimals allowed: {@code 100,80,200,200@1.5-12}) and a range {@code from-to} in seconds.
 */
public final class SpecArguments {
    private static final String SECONDS = "(\\d{1,6}(?:\\.\\d{1,3})?)";
    private static final Pattern RANGE = Pattern.compile(SECONDS + "-" + SECONDS);
    private static final Pattern BOX = Pattern.compile("(-?\\d{1,5}),(-?\\d{1,5}),(\\d{1,5}),(\\d{1,5})@" + SECONDS + "-" + SECONDS);

    private SpecArguments() {
    }

    public static Region box(String text) {
        Matcher m = BOX.matcher(text.strip());
        if (!m.matches()) {
            throw new RedactionSpecException("a box is x,y,w,h@from-to (pixels, then seconds), got '" + shorten(text) + "'");
        }
        TimeRange t = new TimeRange(millis(m.group(5)), millis(m.group(6)));
        return Region.still(t.from(), t.to(), new Box(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4))));
    }

    public static TimeRange range(String text) {
        Matcher m = RANGE.matcher(text.strip());
        if (!m.matches()) {
            throw new RedactionSpecException("a time range is from-to in seconds (e.g. 3-7.5), got '" + shorten(text) + "'");
        }
        return new TimeRange(millis(m.group(1)), millis(m.group(2)));
    }

    private static long millis(String seconds) {
        return new BigDecimal(seconds).movePointRight(3).longValueExact();
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
