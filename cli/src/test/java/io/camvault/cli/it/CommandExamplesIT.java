package io.camvault.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camvault.cli.CamvaultMain;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every {@code camvault} example of the README's shell blocks, and every example in a {@code --help}
 * text, runs as written against a real daemon and exits 0. Only what an example cannot know is
 * replaced: the ids it names in capitals (SEG1, EXPORT-ID, HOLD-ID), the machine paths
 * ({@code /media/rec1}, {@code /srv/camvault}, …) and README notation ({@code [optional]}). Examples
 * with {@code --data} need the daemon stopped and run after it, in their README order; system
 * commands (apt-get, runuser, journalctl, sha256sum) are not camvault's and are left out.
 */
class CommandExamplesIT {
    private static final Pattern EXAMPLE = Pattern.compile("^(camvault |source <\\(camvault )");
    private static final Pattern HELP_OPTION_EXAMPLE = Pattern.compile("e\\.g\\. (--[a-z-]+ [^\\s,;]+?)\\.?(?=\\s|$)");
    private static final Pattern HELP_COMMAND_EXAMPLE = Pattern.compile("(source <\\(camvault [a-z ]+\\)|camvault [a-z-]+(?: [A-Za-z0-9_./:=-]+)*)");

    @TempDir
    Path tmp;
    Daemon daemon;
    final List<Process> longRunning = new ArrayList<>();

    @AfterEach
    void stop() {
        longRunning.forEach(Process::destroyForcibly);
        if (daemon != null) {
            daemon.close();
        }
    }

    /** The README's shell blocks: one command per element, continuation lines joined, `;` split. */
    static List<String> readmeExamples() throws IOException {
        List<String> examples = new ArrayList<>();
        boolean inShell = false;
        StringBuilder pending = new StringBuilder();
        for (String line : Files.readAllLines(repository().resolve("README.md"))) {
            if (line.startsWith("```")) {
                inShell = !inShell && line.equals("```sh");
                continue;
            }
            if (!inShell) {
                continue;
            }
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1);
                continue;
            }
            String whole = pending.append(line).toString().strip();
            pending.setLength(0);
            for (String part : whole.split(";\\s+(?=camvault )")) {
                String command = part.replaceFirst("\\s+#.*$", "").strip(); // the comment explains it
                if (EXAMPLE.matcher(command).find()) {
                    examples.add(command);
                }
            }
        }
        return examples;
    }

    static Path repository() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("README.md")) && Files.isDirectory(p.resolve("test-media"))) {
                return p;
            }
        }
        throw new IllegalStateException("README.md not found above " + Path.of("").toAbsolutePath());
    }

    @Test
    void everyReadmeExampleRunsAsWritten() throws Exception {
        List<String> examples = readmeExamples();
        assertThat(examples).as("the README's camvault examples").hasSizeGreaterThan(15);

        daemon = Daemon.create(tmp);
        String admin = daemon.createToken("admin", "example-admin");
        String dock = daemon.createToken("dock", "example-dock");
        String clerk = daemon.createToken("clerk,supervisor,auditor", "example-clerk-a");
        String approver = daemon.createToken("clerk,supervisor", "example-clerk-b");
        daemon.start();
        Path bin = wrapper();
        Map<String, String> ids = new LinkedHashMap<>();
        Path media = recorders();
        Map<String, String> paths = new LinkedHashMap<>();
        paths.put("/var/lib/camvault/backups/2026-12-02", daemon.dataDir().resolve("backups/2026-12-02").toString());
        paths.put("/srv/camvault-restored", tmp.resolve("restored").toString());
        paths.put("/srv/camvault", daemon.dataDir().toString());
        paths.put("/mnt/backup/x", tmp.resolve("offline-backup").toString());
        paths.put("/media", media.toString());
        paths.put("/safe/", tmp.resolve("safe") + "/"); // the admin's copies kept off the node

        List<String> offline = new ArrayList<>();
        for (String example : examples) {
            if (example.contains(" --data ")) {
                offline.add(example);
                continue;
            }
            String command = subcommand(example);
            String token = switch (command) {
                case "admin" -> admin;
                case "dock" -> dock;
                default -> example.contains("export approve") ? approver : clerk;
            };
            if (example.contains("case link")) { // the segments the dock examples stored
                List<JsonNode> segs = new Api(daemon.base()).segmentsOfOfficer(clerk, "000001");
                assertThat(segs).as("segments docked by the examples").hasSizeGreaterThanOrEqualTo(2);
                ids.put("SEG1", segs.get(0).path("id").asText());
                ids.put("SEG2", segs.get(1).path("id").asText());
            }
            String line = concrete(example, paths, ids);
            if (example.contains("--watch")) {
                assertRunsUntilStopped(bin, line, token);
                continue;
            }
            Daemon.Run run = bash(bin, line, token, Duration.ofMinutes(2));
            assertThat(run.exit()).as("README example `%s`, run as `%s`:%n%s%s", example, line, run.stdout(), run.stderr())
                    .isZero();
            remember(run.stdout(), ids);
        }
        Path report = tmp.resolve("report-2025.html");
        if (Files.exists(report)) { // the README's yearly report example: Chinese, whatever locales the machine has
            assertThat(Files.readString(report, StandardCharsets.UTF_8)).contains("2025年度").doesNotContain("????");
        }
        daemon.stop();
        Path safe = Files.createDirectories(tmp.resolve("safe"));
        Files.copy(daemon.dataDir().resolve("keys/node-ed25519.pub"), safe.resolve("node-ed25519.pub"));
        Files.copy(daemon.dataDir().resolve("checkpoints.log"), safe.resolve("checkpoints.log"));
        ids.put("DIR", daemon.dataDir().toString()); // "--data DIR": the daemon's data directory
        for (String example : offline) {
            String line = concrete(example, paths, ids);
            Daemon.Run run = bash(bin, line, null, Duration.ofMinutes(2));
            assertThat(run.exit()).as("README example `%s` (daemon stopped), run as `%s`:%n%s%s", example, line,
                    run.stdout(), run.stderr()).isZero();
        }
    }

    @Test
    void everyHelpExampleRuns() throws Exception {
        Path bin = wrapper();
        List<String> checked = new ArrayList<>();
        walk(CamvaultMain.commandLine(), List.of(), (path, help) -> {
            Matcher option = HELP_OPTION_EXAMPLE.matcher(help);
            while (option.find()) {
                String example = option.group(1);
                if (example.matches("--(server|name) .*")) {
                    continue; // a URL or a name, not something to run
                }
                assertThat(path).as("an option example in the help of '%s' (%s): teach this test to run it",
                        String.join(" ", path), example).containsExactly("serve");
                runServeWith(bin, example);
                checked.add(example);
            }
            Matcher command = HELP_COMMAND_EXAMPLE.matcher(help);
            while (command.find()) {
                String example = command.group(1);
                if (!example.startsWith("source <(") || checked.contains(example)) {
                    continue;
                }
                Daemon.Run run = bash(bin, example, null, Duration.ofMinutes(1));
                assertThat(run.exit()).as("help example `%s`: %s", example, run.stderr()).isZero();
                checked.add(example);
            }
        });
        assertThat(checked).as("examples found in the help texts").isNotEmpty();
    }

    @Test
    void versionNamesTheReleaseTheCommitAndTheBuildTime() throws Exception {
        Daemon.Run run = bash(wrapper(), "camvault -V", null, Duration.ofMinutes(1));
        assertThat(run.exit()).isZero();
        assertThat(run.stdout()).containsPattern("(?m)^camvault \\d+\\.\\d+\\.\\d+")
                .containsPattern("(?m)^commit [0-9a-f]{7,}") // the build runs in a git checkout
                .containsPattern("(?m)^built \\d{4}-\\d{2}-\\d{2}T").doesNotContain("development build");
    }

    private interface HelpVisitor {
        void visit(List<String> path, String help) throws Exception;
    }

    private static void walk(CommandLine cli, List<String> path, HelpVisitor visitor) throws Exception {
        // the declared texts, not the rendered help (which wraps lines inside an example)
        CommandLine.Model.CommandSpec spec = cli.getCommandSpec();
        List<String> texts = new ArrayList<>(List.of(spec.usageMessage().description()));
        spec.options().forEach(o -> texts.addAll(List.of(o.description())));
        spec.positionalParameters().forEach(p -> texts.addAll(List.of(p.description())));
        visitor.visit(path, String.join("\n", texts));
        for (Map.Entry<String, CommandLine> sub : cli.getSubcommands().entrySet()) {
            if (sub.getKey().equals(sub.getValue().getCommandName())
                    && !sub.getValue().getCommandSpec().usageMessage().hidden()) {
                List<String> next = new ArrayList<>(path);
                next.add(sub.getKey());
                walk(sub.getValue(), next, visitor);
            }
        }
    }

    /** Starts serve with the example's option on a fresh data directory; it must become ready and stop cleanly. */
    private void runServeWith(Path bin, String example) throws Exception {
        int port = Daemon.freePort();
        Path data = Files.createTempDirectory(tmp, "serve-example-");
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "exec camvault serve --data " + data + " --port " + port
                + " --host 127.0.0.1 " + example).redirectErrorStream(true).redirectOutput(tmp.resolve("serve-example.log").toFile());
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process p = pb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            boolean ready = false;
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            while (!ready && p.isAlive() && System.nanoTime() < deadline) {
                try {
                    ready = http.send(java.net.http.HttpRequest.newBuilder(
                                    java.net.URI.create("http://127.0.0.1:" + port + "/readyz")).build(),
                            java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException e) {
                    Thread.sleep(200);
                }
            }
            assertThat(ready).as("serve with the help's example `%s`:%n%s", example,
                    Files.readString(tmp.resolve("serve-example.log"))).isTrue();
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(45, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
        } finally {
            p.destroyForcibly();
        }
    }

    private void assertRunsUntilStopped(Path bin, String line, String token) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "exec " + line).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("watch.log").toFile()).directory(tmp.toFile());
        environment(pb, bin, token);
        Process p = pb.start();
        longRunning.add(p);
        Path log = tmp.resolve("watch.log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (p.isAlive() && System.nanoTime() < deadline && !Files.readString(log).contains("dock.recorder_finished")) {
            p.waitFor(100, TimeUnit.MILLISECONDS);
        }
        assertThat(p.isAlive()).as("`%s` keeps watching after docking what it found:%n%s", line, Files.readString(log))
                .isTrue();
        assertThat(Files.readString(log)).contains("dock.recorder_finished");
        p.destroy();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("`%s` after SIGTERM", line).isZero();
    }

    private static String subcommand(String example) {
        String rest = example.replaceFirst("^source <\\(", "").replaceFirst("^camvault ", "");
        return rest.split("\\s+")[0].replace(")", "");
    }

    /** The example with what it cannot know filled in. */
    private static String concrete(String example, Map<String, String> paths, Map<String, String> ids) {
        String line = example.replaceAll("\\s\\[[^]]*]", "");
        for (Map.Entry<String, String> p : paths.entrySet()) {
            line = line.replace(p.getKey(), p.getValue());
        }
        for (Map.Entry<String, String> id : ids.entrySet()) {
            line = line.replaceAll("\\b" + Pattern.quote(id.getKey()) + "\\b", id.getValue());
        }
        return line;
    }

    /** Ids the examples print that later examples name. */
    private static void remember(String stdout, Map<String, String> ids) {
        Matcher export = Pattern.compile("camvault export approve (\\S+)").matcher(stdout);
        if (export.find()) {
            ids.put("EXPORT-ID", export.group(1));
        }
        Matcher redaction = Pattern.compile("^redaction (\\S+) done", Pattern.MULTILINE).matcher(stdout);
        if (redaction.find()) {
            ids.put("REDACTION-ID", redaction.group(1));
        }
        Matcher hold = Pattern.compile("^hold (\\S+) placed", Pattern.MULTILINE).matcher(stdout);
        if (hold.find()) {
            ids.put("HOLD-ID", hold.group(1));
        }
    }

    private Daemon.Run bash(Path bin, String line, String token, Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", line).directory(tmp.toFile());
        environment(pb, bin, token);
        if (line.contains("--format html")) {
            // a clerk's desktop in China; the machine need not have the locale installed
            pb.environment().remove("LC_ALL");
            pb.environment().remove("LC_CTYPE");
            pb.environment().put("LANG", "zh_CN.UTF-8");
        }
        return Daemon.Run.of(pb, timeout);
    }

    private void environment(ProcessBuilder pb, Path bin, String token) {
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("HOME", tmp.resolve("home").toString());
        if (daemon != null) {
            pb.environment().put("CAMVAULT_URL", daemon.base().toString().replaceAll("/$", ""));
        }
        if (token != null) {
            pb.environment().put("CAMVAULT_TOKEN", token);
        }
    }

    /** A {@code camvault} command on the PATH, as the Debian package installs one. */
    private Path wrapper() throws IOException {
        Path bin = tmp.resolve("bin");
        Files.createDirectories(bin);
        Path camvault = bin.resolve("camvault");
        Files.writeString(camvault, "#!/bin/sh\nexec '" + Daemon.javaBin() + "' " + Daemon.NO_PERF_FILE + " -jar '"
                + Daemon.jar() + "' \"$@\"\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(camvault, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(tmp.resolve("home"));
        return bin;
    }

    /** Two recorders mounted as the README's /media/rec1 and /media/rec2, with footage of 1 March 2025. */
    private Path recorders() throws IOException {
        Path media = tmp.resolve("media");
        String[][] recorders = {{"rec1", "A123456", "20250301083000", "A123456_100234_20261120083000.mp4"},
                {"rec2", "A654321", "20250301091500", "A123456_100234_20261120091500.mp4"}};
        for (String[] r : recorders) {
            Path mount = media.resolve(r[0]);
            Files.createDirectories(mount.resolve("DCIM"));
            Files.copy(repository().resolve("test-media").resolve(r[3]),
                    mount.resolve("DCIM/" + r[1] + "_000001_" + r[2] + ".mp4"));
            Files.writeString(mount.resolve(".camvault-device.json"), "{\"serial\": \"" + r[1]
                    + "\", \"badge\": \"000001\", \"unit\": \"110101000000\", \"officerName\": \"张伟\","
                    + " \"unitName\": \"北京市公安局东城分局\"}", StandardCharsets.UTF_8);
        }
        return media;
    }
}
