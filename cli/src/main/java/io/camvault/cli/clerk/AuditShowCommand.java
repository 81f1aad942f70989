package io.camvault.cli.clerk;

import com.fasterxml.jackson.databind.JsonNode;
import io.camvault.cli.ExitCodes;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code camvault audit show --subject S}: the custody trail of one object, from the daemon. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Show the audit trail of one subject, oldest first.",
                "Subjects: segment:ID, case:ID, export:ID, upload:ID. Without --subject, the events from",
                "sequence number --from on."})
public final class AuditShowCommand extends ClientCommand {
    @Option(names = "--subject", paramLabel = "S")
    String subject;
    @Option(names = "--from", defaultValue = "1", paramLabel = "SEQ")
    long from;
    @Option(names = "--limit", defaultValue = "1000")
    int limit;
    @Option(names = "--json", description = "Print the events as JSON lines.")
    boolean json;

    @Override
    public Integer call() {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("subject", subject);
        q.put("from", subject == null ? Long.toString(from) : null);
        q.put("limit", Integer.toString(limit));
        JsonNode r = client().get("/audit" + ApiClient.query(q));
        Table t = new Table("SEQ", "TIME", "ACTOR", "ACTION", "OUTCOME", "SUBJECT", "DETAILS");
        for (JsonNode e : r.path("items")) {
            if (json) {
                out().println(e.toString());
                continue;
            }
            StringBuilder details = new StringBuilder();
            e.path("details").fields().forEachRemaining(f -> details.append(details.length() == 0 ? "" : " ")
                    .append(f.getKey()).append('=').append(f.getValue().asText()));
            t.row(e.path("seq").asText(), e.path("time").asText(), Who.named(r, e.path("actor").asText()),
                    e.path("action").asText(), e.path("outcome").asText().toLowerCase(java.util.Locale.ROOT),
                    Who.named(r, e.path("subject").asText()), Who.named(r, details.toString()));
        }
        if (!json) {
            t.print(out());
        }
        return ExitCodes.OK;
    }
}
