package io.camvault.cli.clerk;

import io.camvault.cli.SafeText;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain text table with columns padded to their widest cell. Every cell is made
 * {@linkplain SafeText#terminal safe} as it is added, so whatever a field holds, each row is one line
 * and the columns line up (CJK characters count two columns).
 */
public final class Table {
    private final List<String[]> rows = new ArrayList<>();

    public Table(String... header) {
        row(header);
    }

    public void row(String... cells) {
        String[] safe = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            safe[i] = SafeText.terminal(cells[i]);
        }
        rows.add(safe);
    }

    public void print(PrintWriter out) {
        for (String line : lines()) {
            out.println(line);
        }
    }

    /** The table's lines, one per row, header first. */
    List<String> lines() {
        int[] w = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                w[i] = Math.max(w[i], SafeText.width(r[i]));
            }
        }
        List<String> out = new ArrayList<>();
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                sb.append(r[i]);
                if (i < r.length - 1) {
                    sb.append(" ".repeat(w[i] - SafeText.width(r[i]) + 2));
                }
            }
            out.add(sb.toString().stripTrailing());
        }
        return out;
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format("%.1f %s", v, units[u]);
    }
}
