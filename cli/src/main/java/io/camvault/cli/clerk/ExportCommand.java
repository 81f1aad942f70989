package io.camvault.cli.clerk;

import com.fasterxml.jackson.databind.JsonNode;
import io.camvault.cli.ExitCodes;
import io.camvault.cli.UserError;
import io.camvault.vault.exports.BagArchive;
import io.camvault.vault.exports.BagVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code camvault export request|approve|show|download}. */
@Command(name = "export", description = "Hand footage out: request (with a reason), approve (a second person), download.",
        subcommands = {ExportCommand.Request.class, ExportCommand.Approve.class, ExportCommand.Reject.class,
                ExportCommand.Show.class, ExportCommand.Download.class})
public final class ExportCommand {

    @Command(name = "request", mixinStandardHelpOptions = true, description = "Ask to export a case's footage.")
    static final class Request extends ClientCommand {
        @Option(names = "--case", required = true, paramLabel = "CASE", description = "Case number or id.")
        String ref;
        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why, and for whom.")
        String reason;
        @Option(names = "--segment", paramLabel = "ID", split = ",",
                description = "Only these linked segments (default: every segment linked to the case now).")
        java.util.List<String> segments;

        @Override
        public Integer call() {
            Map<String, Object> body = new java.util.LinkedHashMap<>();
            body.put("case", ref);
            body.put("reason", reason);
            if (segments != null && !segments.isEmpty()) {
                body.put("segments", segments);
            }
            JsonNode e = client().post("/exports", body);
            lines().println("export " + e.path("id").asText() + " requested for " + e.path("items").size()
                    + " segment(s), fixed now (see `camvault export show " + e.path("id").asText()
                    + "`); a different person must now run: camvault export approve " + e.path("id").asText());
            return ExitCodes.OK;
        }
    }

    @Command(name = "reject", mixinStandardHelpOptions = true,
            description = "Decline an export someone else requested, saying why; it can then never be downloaded.")
    static final class Reject extends ClientCommand {
        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = "--reason", required = true, paramLabel = "TEXT",
                description = "Why it is declined (kept in the audit trail).")
        String reason;

        @Override
        public Integer call() {
            JsonNode e = client().post("/exports/" + ApiClient.seg(id) + "/reject", Map.of("reason", reason));
            lines().println("export " + id + " rejected by " + Who.named(e, e.path("approvedBy").asText()));
            return ExitCodes.OK;
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true,
            description = "Approve an export someone else requested.")
    static final class Approve extends ClientCommand {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            JsonNode e = client().post("/exports/" + ApiClient.seg(id) + "/approve", Map.of());
            lines().println("export " + id + " approved by " + Who.named(e, e.path("approvedBy").asText()));
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show an export request.")
    static final class Show extends ClientCommand {
        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = "--json", description = "Print the export record as JSON (ids only, with a names map).")
        boolean json;

        @Override
        public Integer call() {
            JsonNode e = client().get("/exports/" + ApiClient.seg(id));
            if (json) {
                out().println(e.toPrettyString());
                return ExitCodes.OK;
            }
            print(out(), e);
            return ExitCodes.OK;
        }
    }

    static void print(java.io.PrintWriter raw, JsonNode e) {
        java.io.PrintWriter out = io.camvault.cli.SafeText.lines(raw);
        out.println("Export " + e.path("id").asText() + "  " + e.path("status").asText().toLowerCase(java.util.Locale.ROOT));
        out.println("  case:      " + e.path("caseId").asText());
        out.println("  reason:    " + e.path("reason").asText());
        out.println("  requested: " + Who.named(e, e.path("requestedBy").asText()) + " at " + e.path("requestedAt").asText());
        if (!e.path("approvedBy").asText("").isEmpty()) {
            out.println("  decided:   " + Who.named(e, e.path("approvedBy").asText()) + " at " + e.path("approvedAt").asText());
        }
        out.println("  scope:     " + e.path("scope").asText("(none: requested before exports named their segments)"));
        out.println("  segments (exactly these are released):");
        for (JsonNode i : e.path("items")) {
            out.println("    " + i.path("segmentId").asText() + "  SHA-256 " + i.path("sha256").asText());
            out.println("      " + i.path("description").path("text").asText() + "  — linked by "
                    + Who.named(e, i.path("linkedBy").asText()));
        }
    }

    @Command(name = "download", mixinStandardHelpOptions = true,
            description = {"Download an approved export into DIR and verify it.",
                    "Unpacks the export's BagIt bag into DIR (new or empty), then verifies it. Exit 4 when the bag",
                    "does not verify."})
    static final class Download extends ClientCommand {
        @Parameters(paramLabel = "ID")
        String id;
        @Option(names = "--out", required = true, paramLabel = "DIR")
        Path out;

        @Override
        public Integer call() {
            Path dir = out.toAbsolutePath();
            try {
                if (Files.isDirectory(dir)) {
                    try (var list = Files.list(dir)) {
                        if (list.findAny().isPresent()) {
                            throw new UserError(ExitCodes.USAGE, dir + " is not empty; give a new or empty directory");
                        }
                    }
                }
                Files.createDirectories(dir.getParent());
                Path zip = Files.createTempFile(dir.getParent(), ".camvault-export-", ".zip");
                try {
                    long bytes = client().download("/exports/" + ApiClient.seg(id) + "/bag", zip);
                    int files;
                    try (InputStream in = Files.newInputStream(zip)) {
                        files = BagArchive.unzip(in, dir);
                    }
                    lines().println("downloaded export " + id + ": " + files + " files, " + Table.bytes(bytes) + " into " + dir);
                } finally {
                    Files.deleteIfExists(zip);
                }
            } catch (IOException e) {
                throw new UserError(ExitCodes.FAILURE, "cannot write the bag into " + dir + ": " + e.getMessage(), e);
            }
            return VerifyBagCommand.report(BagVerifier.verify(dir), dir, out(), spec.commandLine().getErr());
        }
    }
}
