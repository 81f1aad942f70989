package io.camvault.cli.clerk;

import com.fasterxml.jackson.databind.JsonNode;
import io.camvault.cli.ExitCodes;
import io.camvault.cli.UserError;
import io.camvault.vault.VaultException;
import io.camvault.vault.redaction.Method;
import io.camvault.vault.redaction.RedactionSpec;
import io.camvault.vault.redaction.Region;
import io.camvault.vault.redaction.SpecArguments;
import io.camvault.vault.redaction.TimeRange;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code camvault redact SEGMENT [--auto faces] [--box x,y,w,h@from-to]… [--mute from-to]… [--method M]},
 * and {@code redact show|list|download}. The copy is rendered by the daemon as background media
 * work; this command follows its progress until the record exists (or {@code --no-wait}).
 */
@Command(name = "redact", mixinStandardHelpOptions = true,
        description = {"Make a redacted copy of a segment: boxes hidden over time ranges, audio ranges muted.",
                "The original is never changed. Boxes are in pixels of the source picture, times in seconds."},
        subcommands = {RedactCommand.Show.class, RedactCommand.ListCopies.class, RedactCommand.Download.class})
public final class RedactCommand extends ClientCommand {
    @Parameters(paramLabel = "SEGMENT", arity = "0..1", description = "Segment id.")
    String segment;
    @Option(names = "--box", paramLabel = "X,Y,W,H@FROM-TO",
            description = "A box to hide from FROM to TO seconds (repeatable), e.g. 100,80,200,200@1.5-12.")
    List<String> boxes = new ArrayList<>();
    @Option(names = "--mute", paramLabel = "FROM-TO", description = "Silence the audio from FROM to TO seconds (repeatable).")
    List<String> mutes = new ArrayList<>();
    @Option(names = "--auto", paramLabel = "faces", description = "Also hide what the daemon detects: faces.")
    String auto;
    @Option(names = "--method", paramLabel = "METHOD", defaultValue = "pixelate",
            description = "blur, pixelate or box (default: ${DEFAULT-VALUE}).")
    String method;
    @Option(names = "--no-wait", description = "Print the job id and return at once.")
    boolean noWait;
    @Option(names = "--print-spec", description = "Print the spec's canonical JSON and its SHA-256; send nothing.")
    boolean printSpec;

    @Override
    public Integer call() {
        if (segment == null) {
            throw new UserError(ExitCodes.USAGE, "name the segment to redact (or use: redact show|list|download)");
        }
        if (auto != null && !auto.equals("faces")) {
            throw new UserError(ExitCodes.USAGE, "--auto takes only 'faces'");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        RedactionSpec spec = null;
        try {
            Method m = Method.parse(method.toLowerCase(Locale.ROOT));
            List<Region> regions = boxes.stream().map(SpecArguments::box).toList();
            List<TimeRange> muted = mutes.stream().map(SpecArguments::range).toList();
            if (!regions.isEmpty() || !muted.isEmpty()) {
                spec = new RedactionSpec(m, regions, muted);
            } else if (auto == null) {
                throw new UserError(ExitCodes.USAGE, "nothing to hide: give --box, --mute or --auto faces");
            }
            body.put("method", m.code());
        } catch (VaultException e) {
            throw new UserError(ExitCodes.USAGE, e.getMessage());
        }
        if (printSpec) {
            if (spec == null) {
                throw new UserError(ExitCodes.USAGE, "--print-spec needs --box or --mute (detections come from the daemon)");
            }
            out().println(spec.canonicalJson());
            out().println("sha256 " + spec.sha256().hex());
            return ExitCodes.OK;
        }
        if (spec != null) {
            try {
                JsonNode parsed = ApiClient.JSON.readTree(spec.canonicalJson());
                body.put("regions", parsed.get("regions"));
                body.put("mutes", parsed.get("mutes"));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        if (auto != null) {
            body.put("auto", List.of("faces"));
        }
        JsonNode job = client().post("/segments/" + ApiClient.seg(segment) + "/redactions", body);
        String id = job.path("id").asText();
        if (noWait) {
            out().println("redaction " + id + " queued; follow it with: camvault redact show " + id);
            return ExitCodes.OK;
        }
        JsonNode r = follow(id);
        out().println("redaction " + id + " done: " + r.path("redactedSha256").asText() + " ("
                + Table.bytes(r.path("bytes").asLong()) + ", spec " + r.path("specSha256").asText() + ")");
        if (r.path("detectedRegions").asInt() > 0) {
            out().println("  faces detected and hidden: " + r.path("detectedRegions").asInt() + " regions");
        }
        out().println("download: camvault redact download " + id + " --out FILE.mp4");
        return ExitCodes.OK;
    }

    private JsonNode follow(String id) {
        var err = spec.commandLine().getErr();
        String last = "";
        while (true) {
            JsonNode s = client().get("/redactions/" + ApiClient.seg(id));
            String state = s.path("state").asText();
            if (state.equals("done")) {
                return s;
            }
            if (state.equals("failed")) {
                throw new UserError(ExitCodes.FAILURE, "redaction " + id + " failed: " + s.path("error").asText());
            }
            String line = state + " " + Math.round(s.path("progress").asDouble() * 100) + "%";
            if (!line.equals(last)) {
                err.println(line);
                err.flush();
                last = line;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UserError(ExitCodes.FAILURE, "interrupted; the copy goes on: camvault redact show " + id);
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a redacted copy: hashes, spec, who and when.")
    static final class Show extends ClientCommand {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            out().println(client().get("/redactions/" + ApiClient.seg(id)).toPrettyString());
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List redacted copies of one segment, or the most recent of all.")
    static final class ListCopies extends ClientCommand {
        @Parameters(paramLabel = "SEGMENT", arity = "0..1")
        String segment;

        @Override
        public Integer call() {
            JsonNode list = client().get(segment == null ? "/redactions"
                    : "/segments/" + ApiClient.seg(segment) + "/redactions");
            Table t = new Table("ID", "CREATED", "BY", "REDACTED SHA-256", "SIZE");
            for (JsonNode r : list.path("redactions")) {
                t.row(r.path("id").asText(), r.path("createdAt").asText(), r.path("createdBy").asText(),
                        r.path("redactedSha256").asText(), Table.bytes(r.path("bytes").asLong()));
            }
            t.print(out());
            return ExitCodes.OK;
        }
    }

    @Command(name = "download", mixinStandardHelpOptions = true, description = "Download a redacted copy (audited).")
    static final class Download extends ClientCommand {
        @Parameters(paramLabel = "ID")
        String id;
        @Option(names = "--out", required = true, paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() {
            long bytes = client().download("/redactions/" + ApiClient.seg(id) + "/content", file.toAbsolutePath());
            out().println("downloaded redaction " + id + ": " + Table.bytes(bytes) + " into " + file);
            return ExitCodes.OK;
        }
    }
}
