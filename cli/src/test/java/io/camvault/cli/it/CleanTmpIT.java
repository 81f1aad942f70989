package io.camvault.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts and stops the daemon through the packaged launcher ({@code src/deb/bin/camvault}) three
 * times with SIGTERM and three times with SIGKILL, with an offline command in between, and finds
 * nothing new in {@code /tmp}. The runs see a {@code /tmp} of their own (a bind mount in a private
 * mount namespace over a folder of this test), so what other processes on the machine do there
 * does not count, and what the daemon leaves there cannot hide. Release 0.1.0 left a 17 MB
 * {@code librocksdbjni*.so} per start, and an {@code hsperfdata} file per SIGKILL. Needs root and
 * {@code unshare}; skipped, saying why, without them.
 */
class CleanTmpIT {
    private static final int CYCLES = 3;

    @TempDir
    Path dir;

    @Test
    void startsStopsAndCrashesLeaveNothingInTmp() throws Exception {
        Path fakeTmp = Files.createDirectories(dir.resolve("tmp"));
        Path data = dir.resolve("data");
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Path launcher = Path.of("src/deb/bin/camvault").toAbsolutePath();
        String script = String.join("\n",
                "set -u",
                "mount --make-rprivate / && mount --bind \"$FAKE_TMP\" /tmp || exit 97",
                "camvault() { \"$LAUNCHER\" \"$@\"; }",
                "camvault admin token create --init --data \"$DATA\" --role admin --name tmp-check > \"$LOGS/token.out\" 2>&1 || exit 98",
                "for i in $(seq 1 " + (2 * CYCLES) + "); do",
                "  log=\"$LOGS/serve-$i.log\"",
                "  \"$LAUNCHER\" serve --data \"$DATA\" --host 127.0.0.1 --port 0 > \"$log\" 2>&1 &",
                "  pid=$!",
                "  for _ in $(seq 1 240); do grep -q serve.started \"$log\" && break; sleep 0.25; done",
                "  grep -q serve.started \"$log\" || { echo \"start $i: not started\"; cat \"$log\"; exit 99; }",
                "  if [ $((i % 2)) -eq 1 ]; then kill -TERM $pid; else kill -KILL $pid; fi",
                "  wait $pid",
                "done",
                "exit 0");
        ProcessBuilder pb = new ProcessBuilder("unshare", "-m", "--propagation", "private", "bash", "-c", script)
                .redirectErrorStream(true).redirectOutput(dir.resolve("harness.log").toFile());
        pb.environment().put("FAKE_TMP", fakeTmp.toString());
        pb.environment().put("LAUNCHER", launcher.toString());
        pb.environment().put("DATA", data.toString());
        pb.environment().put("LOGS", logs.toString());
        pb.environment().put("CAMVAULT_JAR", Daemon.jar().toString());
        pb.environment().put("CAMVAULT_CLASS_CACHE", dir.resolve("no-class-cache").toString());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            Assumptions.abort("unshare is not available here (" + e.getMessage() + "); this test needs a private /tmp");
            return;
        }
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).as("harness finished").isTrue();
        String harness = Files.readString(dir.resolve("harness.log"), StandardCharsets.UTF_8);
        Assumptions.assumeTrue(p.exitValue() != 97, "no private mount namespace here (needs root): " + harness);
        assertThat(p.exitValue()).as("harness: %s", harness).isZero();

        try (Stream<Path> left = Files.walk(fakeTmp)) {
            assertThat(left.filter(f -> !f.equals(fakeTmp)).map(f -> fakeTmp.relativize(f).toString()).toList())
                    .as("files left in /tmp").isEmpty();
        }
        // the RocksDB library was extracted once, into the data directory's cache, and reused
        List<String> extractedAt = Stream.of(Files.list(logs).toArray(Path[]::new))
                .filter(f -> read(f).contains("natives.extracted library=rocksdbjni"))
                .map(f -> f.getFileName().toString()).toList();
        assertThat(extractedAt).containsExactly("token.out");
        try (Stream<Path> natives = Files.walk(data.resolve("cache").resolve("natives"))) {
            // (named as RocksDB.loadLibrary(paths) looks for it: librocksdbjnijni-linux64.so)
            assertThat(natives.filter(Files::isRegularFile).map(f -> f.getFileName().toString()).toList())
                    .singleElement().asString().startsWith("librocksdbjni").endsWith(".so");
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
