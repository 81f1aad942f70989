package io.camvault.cli.dock;

import java.util.Locale;

/** Human figures for progress displays. */
final class Figures {
    private Figures() {
    }

    static String oneDecimal(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String bytes(long b) {
        if (b >= 1_000_000_000L) {
            return oneDecimal(b / 1e9) + " GB";
        }
        if (b >= 1_000_000L) {
            return oneDecimal(b / 1e6) + " MB";
        }
        return oneDecimal(b / 1e3) + " kB";
    }

    /** {@code h:mm:ss}, or {@code --:--} when unknown. */
    static String duration(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds) || seconds < 0) {
            return "--:--";
        }
        long s = (long) Math.ceil(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** A bar of {@code width} cells for {@code done/total}. */
    static String bar(long done, long total, int width) {
        int filled = total <= 0 ? width : (int) Math.min(width, done * width / total);
        return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "]";
    }
}
