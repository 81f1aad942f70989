package io.camvault.cli;

/**
 * Text from elsewhere (the daemon, a bag, a file name, a case number typed by someone) made safe
 * to print for a person: nothing in it can end a line, move the cursor, recolour the terminal or
 * reorder what follows. Control characters (C0, DEL, C1), line and paragraph separators and the
 * invisible format characters (bidirectional overrides and isolates, zero-width spaces) are shown
 * as escapes ({@code \n}, {@code \x1b}, {@code \u202e}); everything printable, CJK included, is
 * left as it is. Also: display widths for aligning columns of CJK text, and CSV cells that a
 * spreadsheet will not run as formulas. Pure.
 */
public final class SafeText {
    private SafeText() {
    }

    /**
     * A writer for human-readable output over {@code out}: each line printed with {@code println(String)}
     * or {@code print(String)} is {@linkplain #terminal made safe} first, so a field cannot break it in two.
     * Lines the program composes contain no control characters and pass unchanged.
     */
    public static java.io.PrintWriter lines(java.io.PrintWriter out) {
        return new java.io.PrintWriter(out, true) {
            @Override
            public void print(String s) {
                super.print(terminal(s));
            }

            @Override
            public void println(String s) {
                super.println(terminal(s));
            }

            @Override
            public void println(Object o) {
                println(String.valueOf(o));
            }
        };
    }

    /** {@code s} with every character that could alter how the surrounding output reads escaped. */
    public static String terminal(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = Character.charCount(cp);
            if (unsafe(cp)) {
                if (sb == null) {
                    sb = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                sb.append(escape(cp));
            } else if (sb != null) {
                sb.appendCodePoint(cp);
            }
            i += n;
        }
        return sb == null ? s : sb.toString();
    }

    /** Whether {@code cp} is shown escaped by {@link #terminal}. */
    static boolean unsafe(int cp) {
        int type = Character.getType(cp);
        if (type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.SURROGATE || type == Character.UNASSIGNED && cp > 0x10FFFF) {
            return true;
        }
        // format characters that reorder or hide text; the zero-width joiner (emoji) and soft hyphen stay
        return type == Character.FORMAT && cp != 0x200D && cp != 0x00AD;
    }

    private static String escape(int cp) {
        return switch (cp) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> cp <= 0xFF ? String.format("\\x%02x", cp) : String.format("\\u%04x", cp);
        };
    }

    /**
     * Columns {@code s} takes in a terminal: two for East Asian wide and full-width characters (CJK
     * ideographs, kana, hangul, full-width forms), one for the rest. {@code s} should already be
     * {@linkplain #terminal safe}.
     */
    public static int width(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            w += wide(cp) ? 2 : 1;
            i += Character.charCount(cp);
        }
        return w;
    }

    static boolean wide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) || (cp >= 0x3041 && cp <= 0x33FF)
                || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF)
                || (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F)
                || (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F)
                || (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD);
    }

    /**
     * One CSV cell (RFC 4180): control characters escaped as for a terminal, so a record is one line;
     * a cell a spreadsheet would run as a formula (it starts with {@code = + - @}, or with a tab or
     * carriage return, as OWASP lists) gets a leading {@code '}, unless it is a plain number such as
     * {@code -3.5}; quoted when it holds a comma, a quote or a blank at either end.
     */
    public static String csvCell(String raw) {
        String s = terminal(raw);
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 && !s.matches("[-+]?[0-9]+(\\.[0-9]+)?")) {
            s = "'" + s;
        }
        if (s.matches("[A-Za-z0-9._-]*")) {
            return s;
        }
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
