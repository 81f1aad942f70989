package io.camvault.vault.redaction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A box hidden over {@code [from, to)}. One keyframe is a still box; several move it, linearly
 * between keyframes and held before the first and after the last. {@code source} says where it came
 * from: {@code manual}, or {@code auto:faces} for a detection a person accepted.
 */
public record Region(long from, long to, String source, List<Keyframe> keyframes) {
    public static final String MANUAL = "manual";
    public static final String AUTO_FACES = "auto:faces";

    public Region {
        new TimeRange(from, to); // validates
        source = source == null ? MANUAL : source;
        if (!source.equals(MANUAL) && !source.equals(AUTO_FACES)) {
            throw new RedactionSpecException("region source must be manual or auto:faces, got '" + source + "'");
        }
        if (keyframes == null || keyframes.isEmpty()) {
            throw new RedactionSpecException("a region needs at least one keyframe");
        }
        if (keyframes.size() > RedactionSpec.MAX_KEYFRAMES) {
            throw new RedactionSpecException("a region holds at most " + RedactionSpec.MAX_KEYFRAMES + " keyframes");
        }
        List<Keyframe> sorted = new ArrayList<>(keyframes);
        sorted.sort(Comparator.comparingLong(Keyframe::t));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).t() == sorted.get(i - 1).t()) {
                throw new RedactionSpecException("two keyframes of one region at " + sorted.get(i).t() + " ms");
            }
        }
        keyframes = List.copyOf(sorted);
    }

    /** A still box over {@code [from, to)}. */
    public static Region still(long from, long to, Box b) {
        return new Region(from, to, MANUAL, List.of(new Keyframe(from, b.x(), b.y(), b.w(), b.h())));
    }

    public boolean activeAt(long millis) {
        return millis >= from && millis < to;
    }

    /** The box at {@code millis}, interpolated between keyframes (positions rounded to pixels). */
    public Box boxAt(long millis) {
        Keyframe first = keyframes.get(0);
        if (millis <= first.t()) {
            return first.box();
        }
        for (int i = 1; i < keyframes.size(); i++) {
            Keyframe b = keyframes.get(i);
            if (millis <= b.t()) {
                Keyframe a = keyframes.get(i - 1);
                double f = (double) (millis - a.t()) / (b.t() - a.t());
                return new Box(lerp(a.x(), b.x(), f), lerp(a.y(), b.y(), f), lerp(a.w(), b.w(), f), lerp(a.h(), b.h(), f));
            }
        }
        return keyframes.get(keyframes.size() - 1).box();
    }

    private static int lerp(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }
}
