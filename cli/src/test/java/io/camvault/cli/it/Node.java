package io.camvault.cli.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code cli/src/test/js/tus-upload.mjs} (tus-js-client) with node and reads its result line. */
final class Node {
    private Node() {
    }

    static Path jsDir() {
        Path dir = Path.of(System.getProperty("camvault.js.dir", "src/test/js")).toAbsolutePath();
        if (!Files.isDirectory(dir.resolve("node_modules/tus-js-client"))) {
            throw new IllegalStateException("tus-js-client is not installed in " + dir
                    + "; the build runs `npm ci` there in pre-integration-test (or run it by hand)");
        }
        return dir;
    }

    static String nodeBin() {
        return System.getProperty("node.bin", "node");
    }

    /** The outcome of one run: exit code, the parsed last stdout line, and the raw output for messages. */
    record Result(int exit, JsonNode json, String stdout, String stderr) {
        boolean ok() {
            return json.path("ok").asBoolean(false);
        }

        String describe() {
            return "exit " + exit + ", stdout: " + stdout.strip() + ", stderr: " + stderr.strip();
        }
    }

    static Result upload(String token, Duration timeout, String... args) {
        return upload(java.util.Map.of(), token, timeout, args);
    }

    /** With extra environment, such as {@code NODE_EXTRA_CA_CERTS} for a daemon with a test CA. */
    static Result upload(java.util.Map<String, String> env, String token, Duration timeout, String... args) {
        Path dir = jsDir();
        List<String> cmd = new ArrayList<>(List.of(nodeBin(), dir.resolve("tus-upload.mjs").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().put("CAMVAULT_TOKEN", token);
        pb.environment().putAll(env);
        Daemon.Run run = Daemon.Run.of(pb, timeout);
        String[] lines = run.stdout().strip().split("\\R");
        String last = lines[lines.length - 1];
        JsonNode json;
        try {
            json = Api.JSON.readTree(last);
        } catch (Exception e) {
            throw new AssertionError("node printed no result line: exit " + run.exit() + "\n" + run.stdout() + run.stderr(), e);
        }
        return new Result(run.exit(), json, run.stdout(), run.stderr());
    }
}
