package io.camvault.vault.redaction;

/** A rectangle in pixels: top-left {@code (x, y)}, size {@code w × h}. */
public record Box(int x, int y, int w, int h) {

    /** This box cut to a {@code width × height} picture; null when nothing of it is inside. */
    public Box clip(int width, int height) {
        int x0 = Math.max(0, x);
        int y0 = Math.max(0, y);
        int x1 = Math.min(width, x + w);
        int y1 = Math.min(height, y + h);
        return x1 <= x0 || y1 <= y0 ? null : new Box(x0, y0, x1 - x0, y1 - y0);
    }

    /** Grown by {@code fraction} of its size on every side (detections are tight around a face). */
    public Box grow(double fraction) {
        int dx = (int) Math.round(w * fraction);
        int dy = (int) Math.round(h * fraction);
        return new Box(x - dx, y - dy, w + 2 * dx, h + 2 * dy);
    }
}
