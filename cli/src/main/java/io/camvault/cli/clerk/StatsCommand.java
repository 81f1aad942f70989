package io.camvault.cli.clerk;

import com.fasterxml.jackson.databind.JsonNode;
import io.camvault.cli.ExitCodes;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code camvault stats --year Y}: the yearly figures for the annual public statistics. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = {"Yearly figures per unit and per officer.",
                "Recordings, hours, bytes, share uploaded in time, segments linked to cases, supervisor reviews,",
                "exports. A recording counts in the year it started (in the daemon's statistics zone)."})
public final class StatsCommand extends ClientCommand {
    enum Format { table, csv, json, html }

    enum Lang { zh, en }

    private static final List<String> COLUMNS = List.of("unit", "officer", "recordings", "hours", "bytes", "onTime",
            "onTimeShare", "linkedToCases", "reviews", "exports", "unknownDuration", "late", "unitName", "officerName");

    @Option(names = "--year", required = true)
    int year;

    @Option(names = "--format", defaultValue = "table",
            description = "table, csv, json, or html: the printable yearly report with charts (default ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--lang", defaultValue = "zh", description = "Language of the html report: zh or en (default ${DEFAULT-VALUE}).")
    Lang lang;

    @Override
    public Integer call() {
        JsonNode r = client().get("/stats?year=" + year);
        PrintWriter out = out();
        switch (format) {
            case json -> out.println(r.toPrettyString());
            case html -> out.print(YearlyReport.render(r, lang == Lang.zh ? java.util.Locale.SIMPLIFIED_CHINESE
                    : java.util.Locale.ROOT, java.time.ZonedDateTime.now(java.time.ZoneId.of(r.path("zone").asText("UTC")))));
            case csv -> {
                out.println("level," + String.join(",", COLUMNS));
                r.path("units").forEach(row -> out.println("unit," + csv(row)));
                r.path("officers").forEach(row -> out.println("officer," + csv(row)));
                out.println("total," + csv(r.path("total")));
            }
            case table -> {
                out.println("Statistics " + io.camvault.cli.SafeText.terminal(r.path("year").asText()) + " (zone "
                        + io.camvault.cli.SafeText.terminal(r.path("zone").asText()) + ")");
                out.println();
                out.println("Per unit");
                table(r.path("units"), false).print(out);
                out.println();
                out.println("Per officer");
                table(r.path("officers"), true).print(out);
                out.println();
                Table total = new Table("TOTAL", "RECORDINGS", "HOURS", "SIZE", "IN TIME", "LINKED", "REVIEWS", "EXPORTS");
                cells(total, "", r.path("total"));
                total.print(out);
            }
            default -> throw new IllegalStateException();
        }
        out.flush(); // the html report ends without a newline, which is what flushes a PrintWriter
        return ExitCodes.OK;
    }

    private static Table table(JsonNode rows, boolean officers) {
        Table t = officers
                ? new Table("UNIT", "OFFICER", "RECORDINGS", "HOURS", "SIZE", "IN TIME", "LINKED", "REVIEWS", "EXPORTS")
                : new Table("UNIT", "RECORDINGS", "HOURS", "SIZE", "IN TIME", "LINKED", "REVIEWS", "EXPORTS");
        for (JsonNode row : rows) {
            if (officers) {
                cells(t, row.path("unit").asText("") + "\u0000" + row.path("officer").asText(""), row);
            } else {
                cells(t, row.path("unit").asText(""), row);
            }
        }
        return t;
    }

    private static void cells(Table t, String key, JsonNode row) {
        String[] lead = key.split("\u0000", -1);
        String[] rest = {row.path("recordings").asText(), String.format("%.2f", row.path("hours").asDouble()),
                Table.bytes(row.path("bytes").asLong()), row.path("onTimeShare").isNumber()
                        ? String.format("%.1f%%", row.path("onTimeShare").asDouble() * 100) : "-",
                row.path("linkedToCases").asText(), row.path("reviews").asText(), row.path("exports").asText()};
        String[] all = new String[lead.length + rest.length];
        System.arraycopy(lead, 0, all, 0, lead.length);
        System.arraycopy(rest, 0, all, lead.length, rest.length);
        t.row(all);
    }

    /** One CSV record's cells after the level: escaped, formula-neutral, quoted where needed (see SafeText#csvCell). */
    static String csv(JsonNode row) {
        StringBuilder sb = new StringBuilder();
        for (String c : COLUMNS) {
            if (!c.equals(COLUMNS.get(0))) {
                sb.append(',');
            }
            JsonNode v = row.path(c);
            sb.append(io.camvault.cli.SafeText.csvCell(v.isNull() || v.isMissingNode() ? "" : v.asText()));
        }
        return sb.toString();
    }
}
