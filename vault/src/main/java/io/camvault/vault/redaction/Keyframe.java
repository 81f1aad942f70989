package io.camvault.vault.redaction;

/**
 * Where a region's box is at time {@code t} (milliseconds from the start of the segment), in pixels
 * of the source picture: top-left corner {@code (x, y)}, size {@code w × h}.
 */
public record Keyframe(long t, int x, int y, int w, int h) {
    public Keyframe {
        if (t < 0) {
            throw new RedactionSpecException("keyframe time must be >= 0 ms, got " + t);
        }
        if (w <= 0 || h <= 0 || w > RedactionSpec.MAX_PIXELS || h > RedactionSpec.MAX_PIXELS) {
            throw new RedactionSpecException("box size must be 1.." + RedactionSpec.MAX_PIXELS + " px, got " + w + "x" + h);
        }
        if (Math.abs((long) x) > RedactionSpec.MAX_PIXELS || Math.abs((long) y) > RedactionSpec.MAX_PIXELS) {
            throw new RedactionSpecException("box position out of range: " + x + "," + y);
        }
    }

    public Box box() {
        return new Box(x, y, w, h);
    }
}
