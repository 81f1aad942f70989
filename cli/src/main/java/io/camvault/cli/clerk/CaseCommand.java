package io.camvault.cli.clerk;

import com.fasterxml.jackson.databind.JsonNode;
import io.camvault.cli.ExitCodes;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code camvault case create|show|close|hold|release|link|unlink}. */
@Command(name = "case", description = "Cases and the footage linked to them as evidence.",
        subcommands = {CaseCommand.Create.class, CaseCommand.Show.class, CaseCommand.Close.class, CaseCommand.Hold.class,
                CaseCommand.Release.class, CaseCommand.Link.class, CaseCommand.Unlink.class})
public final class CaseCommand {

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Open a case.")
    static final class Create extends ClientCommand {
        @Option(names = "--number", required = true, description = "Case number, as the case system knows it.")
        String number;
        @Option(names = "--title", description = "Short title.")
        String title;
        @Option(names = "--unit", description = "Unit code of the handling unit.")
        String unit;
        @Option(names = "--major", description = "A major case: its footage is kept for good.")
        boolean major;

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("number", number);
            body.put("title", title);
            body.put("unit", unit);
            body.put("major", major);
            JsonNode c = client().post("/cases", body);
            lines().println("created case " + c.path("number").asText() + " (id " + c.path("id").asText() + ")");
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a case, its links and holds.")
    static final class Show extends ClientCommand {
        @Parameters(paramLabel = "CASE", description = "Case number or id.")
        String ref;
        @Option(names = "--json", description = "Print the daemon's JSON.")
        boolean json;

        @Override
        public Integer call() {
            JsonNode c = client().get("/cases/" + ApiClient.seg(ref));
            if (json) {
                out().println(c.toPrettyString());
            } else {
                print(out(), c);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "close", mixinStandardHelpOptions = true, description = "Close a case.")
    static final class Close extends ClientCommand {
        @Parameters(paramLabel = "CASE")
        String ref;
        @Option(names = "--reason", required = true)
        String reason;

        @Override
        public Integer call() {
            JsonNode c = client().post("/cases/" + ApiClient.seg(ref) + "/close", Map.of("reason", reason));
            lines().println("closed case " + c.path("number").asText());
            return ExitCodes.OK;
        }
    }

    @Command(name = "hold", mixinStandardHelpOptions = true, description = "Place a legal hold on a case.")
    static final class Hold extends ClientCommand {
        @Parameters(paramLabel = "CASE")
        String ref;
        @Option(names = "--reason", required = true)
        String reason;

        @Override
        public Integer call() {
            JsonNode r = client().post("/cases/" + ApiClient.seg(ref) + "/holds", Map.of("reason", reason));
            lines().println("hold " + r.path("hold").path("id").asText() + " placed on case "
                    + r.path("case").path("number").asText());
            return ExitCodes.OK;
        }
    }

    @Command(name = "release", mixinStandardHelpOptions = true, description = "Release a legal hold on a case.")
    static final class Release extends ClientCommand {
        @Parameters(index = "0", paramLabel = "CASE")
        String ref;
        @Parameters(index = "1", paramLabel = "HOLD", description = "Hold id (see `case show`).")
        String hold;
        @Option(names = "--reason", required = true)
        String reason;

        @Override
        public Integer call() {
            JsonNode c = client().delete("/cases/" + ApiClient.seg(ref) + "/holds/" + ApiClient.seg(hold),
                    Map.of("reason", reason));
            lines().println("released hold " + hold + " on case " + c.path("number").asText());
            return ExitCodes.OK;
        }
    }

    @Command(name = "link", mixinStandardHelpOptions = true,
            description = "Link footage to a case as evidence, with the written description it requires.")
    static final class Link extends ClientCommand {
        @Parameters(paramLabel = "SEGMENT", arity = "1..*", description = "Segment ids.")
        List<String> segments;
        @Option(names = "--case", required = true, paramLabel = "CASE")
        String ref;
        @Option(names = "--description", required = true, paramLabel = "TEXT",
                description = "What the footage shows and why it matters.")
        String text;
        @Option(names = "--what")
        String what;
        @Option(names = "--who")
        String who;
        @Option(names = "--where")
        String where;
        @Option(names = "--when")
        String when;

        @Override
        public Integer call() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("text", text);
            d.put("what", what);
            d.put("who", who);
            d.put("where", where);
            d.put("when", when);
            JsonNode c = client().post("/cases/" + ApiClient.seg(ref) + "/links", Map.of("segments", segments,
                    "description", d));
            lines().println("linked " + segments.size() + " segment(s) to case " + c.path("number").asText());
            return ExitCodes.OK;
        }
    }

    @Command(name = "unlink", mixinStandardHelpOptions = true,
            description = "Unlink footage from a case (the link history stays).")
    static final class Unlink extends ClientCommand {
        @Parameters(paramLabel = "SEGMENT")
        String segment;
        @Option(names = "--case", required = true, paramLabel = "CASE")
        String ref;
        @Option(names = "--reason", required = true)
        String reason;

        @Override
        public Integer call() {
            JsonNode c = client().post("/cases/" + ApiClient.seg(ref) + "/unlink",
                    Map.of("segment", segment, "reason", reason));
            lines().println("unlinked " + segment + " from case " + c.path("number").asText());
            return ExitCodes.OK;
        }
    }

    static void print(PrintWriter raw, JsonNode c) {
        PrintWriter out = io.camvault.cli.SafeText.lines(raw);
        out.println("Case " + c.path("number").asText() + "  " + c.path("title").asText("")
                + (c.path("major").asBoolean() ? "  [major]" : ""));
        out.println("  id:     " + c.path("id").asText());
        out.println("  unit:   " + c.path("unitCode").asText(""));
        out.println("  status: " + c.path("status").asText().toLowerCase(java.util.Locale.ROOT)
                + "  opened " + c.path("openedAt").asText() + (c.path("closedAt").isNull() || c.path("closedAt").isMissingNode()
                ? "" : ", closed " + c.path("closedAt").asText()));
        out.println("  links:");
        for (JsonNode l : c.path("links")) {
            boolean active = l.path("unlinkedAt").isNull() || l.path("unlinkedAt").isMissingNode();
            out.println("    " + l.path("segmentId").asText() + (active ? "" : "  (unlinked by "
                    + Who.named(c, l.path("unlinkedBy").asText()) + ": " + l.path("unlinkReason").asText() + ")"));
            out.println("      " + l.path("description").path("text").asText() + "  — linked by "
                    + Who.named(c, l.path("linkedBy").asText()) + " at " + l.path("linkedAt").asText());
        }
        out.println("  holds:");
        for (JsonNode h : c.path("holds")) {
            out.println("    " + h.path("id").asText() + "  " + h.path("reason").asText() + "  (by " + Who.named(c, h.path("placedBy").asText()) + ")");
        }
    }
}
