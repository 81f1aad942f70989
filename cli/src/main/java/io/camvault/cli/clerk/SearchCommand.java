package io.camvault.cli.clerk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.camvault.cli.ExitCodes;
import io.camvault.cli.UserError;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code camvault search}: footage by officer, recorder, unit or case, within a time window. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Search footage by one of officer, recorder, unit or case, optionally within --from/--to.",
                "Times: ISO-8601 with offset (2025-03-01T08:00:00+08:00) or a date (2025-03-01, local zone)."})
public final class SearchCommand extends ClientCommand {
    @Option(names = "--officer", paramLabel = "BADGE")
    String officer;
    @Option(names = "--recorder", paramLabel = "SERIAL")
    String recorder;
    @Option(names = "--unit", paramLabel = "CODE")
    String unit;
    @Option(names = "--case", paramLabel = "CASE", description = "Case number or id.")
    String caseRef;
    @Option(names = "--from", paramLabel = "TIME", description = "Recorded start at or after this.")
    String from;
    @Option(names = "--to", paramLabel = "TIME", description = "Recorded start before this.")
    String to;
    @Option(names = "--limit", defaultValue = "100", description = "At most this many results (default ${DEFAULT-VALUE}).")
    int limit;
    @Option(names = "--json", description = "Print JSON (one array) instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new UserError(ExitCodes.USAGE, "--limit must be at least 1");
        }
        ApiClient api = client();
        ArrayNode all = ApiClient.JSON.createArrayNode();
        String cursor = null;
        do {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("officer", officer);
            q.put("recorder", recorder);
            q.put("unit", unit);
            q.put("case", caseRef);
            q.put("from", time(from, "--from"));
            q.put("to", time(to, "--to"));
            q.put("limit", Integer.toString(Math.min(1000, limit - all.size())));
            q.put("cursor", cursor);
            JsonNode page = api.get("/segments" + ApiClient.query(q));
            page.path("items").forEach(all::add);
            cursor = page.path("next").isTextual() ? page.path("next").asText() : null;
        } while (cursor != null && all.size() < limit);
        if (json) {
            out().println(all.toPrettyString());
            return ExitCodes.OK;
        }
        Table t = new Table("SEGMENT", "RECORDED START", "LENGTH", "OFFICER", "RECORDER", "UNIT", "SIZE", "CASES", "FILE");
        for (JsonNode s : all) {
            Instant start = Instant.parse(s.path("recordedStart").asText());
            JsonNode millis = s.path("durationMillis");
            // device times that cannot be right are shown as declared, flagged (see `camvault audit show`)
            boolean suspect = !s.path("clockSuspect").asText("").isEmpty();
            t.row(s.path("id").asText(), start.atZone(ZoneId.systemDefault()).toOffsetDateTime().toString()
                            + (suspect ? " [clock suspect]" : ""),
                    millis.isNumber() ? length(Duration.ofMillis(millis.asLong())) : "unknown", s.path("officer").asText(""), s.path("recorder").asText(""),
                    s.path("unit").asText(""), Table.bytes(s.path("size").asLong()),
                    Integer.toString(s.path("cases").size()), s.path("filename").asText(""));
        }
        t.print(out());
        lines().println(all.size() + " segment(s)" + (cursor != null ? " (more: raise --limit)" : ""));
        return ExitCodes.OK;
    }

    static String time(String v, String flag) {
        if (v == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v).toString();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(v).atStartOfDay(ZoneId.systemDefault()).toOffsetDateTime().toString();
            } catch (DateTimeParseException e2) {
                throw new UserError(ExitCodes.USAGE, flag + " must be a date (2025-03-01) or a time with offset "
                        + "(2025-03-01T08:00:00+08:00), not " + v);
            }
        }
    }

    static String length(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
