package io.camvault.cli.it;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * (A copy of vault's test-support class of the same name, for the daemon-level tests of this module:
 * cli cannot see vault's test sources. Keep the two alike.)
 *
 * <p>A real one-node Ceph cluster (mon, mgr, a BlueStore OSD on a sparse file, RGW) started by the
 * repository's {@code .ci/ceph-cluster} in {@code target/ceph-cluster}, once per test JVM, and
 * stopped by PID when the JVM ends. Test classes that need it are annotated
 * {@code @ExtendWith(CephCluster.Required.class)} and call {@link #shared()}.
 *
 * <p>When the cluster cannot start (Ceph not installed, no loopback) the tests are skipped with the
 * reason, except under {@code CI=true}, where they fail: CI installs Ceph (.ci/test) and must run them.
 */
final class CephCluster {
    private static CephCluster shared;
    private static String failure;

    private final Path script;
    private final Path dir;
    private final Map<String, String> env;

    private CephCluster(Path script, Path dir, Map<String, String> env) {
        this.script = script;
        this.dir = dir;
        this.env = env;
    }

    /** The JVM's cluster, started on first use; aborts (or fails under CI) when it cannot start. */
    public static synchronized CephCluster shared() {
        if (shared == null && failure == null) {
            try {
                shared = start();
                Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "ceph-cluster-stop"));
            } catch (IOException | RuntimeException e) {
                failure = e.getMessage();
            }
        }
        if (shared == null) {
            String why = "a one-node Ceph cluster could not start (install ceph-mon ceph-mgr ceph-osd radosgw "
                    + "ceph-common, see .ci/test): " + failure;
            if ("true".equals(System.getenv("CI"))) {
                fail(why);
            }
            abort(why);
        }
        return shared;
    }

    /** The S3 endpoint of RGW, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return URI.create(env.get("CAMVAULT_S3_ENDPOINT"));
    }

    public String accessKey() {
        return env.get("AWS_ACCESS_KEY_ID");
    }

    public String secretKey() {
        return env.get("AWS_SECRET_ACCESS_KEY");
    }

    public String region() {
        return env.get("AWS_REGION");
    }

    /** A bucket name no other test uses (the bucket is not created). */
    public static String uniqueBucket(String prefix) {
        return (prefix + "-" + UUID.randomUUID().toString().replace("-", "")).substring(0, Math.min(63,
                prefix.length() + 33));
    }

    /** The environment for an independent client ({@code aws --endpoint-url ...}): keys and region. */
    public Map<String, String> clientEnv() {
        return Map.copyOf(env);
    }

    /** SIGKILLs one daemon: {@code rgw}, {@code osd}, {@code mon} or {@code mgr}. */
    public void kill(String daemon) {
        run(List.of("kill", dir.toString(), daemon), 30);
    }

    /** Starts one daemon again and waits until it answers. */
    public void restart(String daemon) {
        run(List.of("start", dir.toString(), daemon), 120);
    }

    /** Runs the repository's awscli ({@code /usr/bin/aws}) against the cluster; returns exit code and output. */
    public AwsResult aws(String... args) {
        List<String> command = new ArrayList<>(List.of(awsBinary(), "--endpoint-url", endpoint().toString(),
                "--output", "json"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().put("AWS_PAGER", "");
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("aws " + String.join(" ", args) + " did not end in 120 s");
            }
            return new AwsResult(p.exitValue(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Debian's awscli: an older pip awscli may shadow it on the PATH. */
    private static String awsBinary() {
        return Files.isExecutable(Path.of("/usr/bin/aws")) ? "/usr/bin/aws" : "aws";
    }

    public record AwsResult(int exit, String output) {
        public boolean ok() {
            return exit == 0;
        }
    }

    void stop() {
        try {
            run(List.of("down", dir.toString()), 60);
        } catch (RuntimeException e) {
            System.err.println("ceph-cluster: stop failed: " + e.getMessage());
        }
    }

    private static CephCluster start() throws IOException {
        Path script = findScript();
        Path dir = Path.of("target", "ceph-cluster").toAbsolutePath();
        if (Files.exists(dir.resolve("ceph.conf"))) {
            // a cluster of an earlier run of this module: stop what may still run, start fresh
            new CephCluster(script, dir, Map.of()).stop();
        }
        deleteTree(dir);
        Files.createDirectories(dir);
        CephCluster c = new CephCluster(script, dir, Map.of());
        long started = System.nanoTime();
        c.run(List.of("up", dir.toString()), 240);
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("s3.env"))) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        System.out.printf("ceph-cluster: up in %d ms at %s%n", (System.nanoTime() - started) / 1_000_000,
                env.get("CAMVAULT_S3_ENDPOINT"));
        return new CephCluster(script, dir, env);
    }

    private String run(List<String> args, int timeoutSeconds) {
        List<String> command = new ArrayList<>();
        command.add("bash");
        command.add(script.toString());
        command.addAll(args);
        try {
            Path log = Files.createTempFile(dir.getParent(), "ceph-cluster-", ".log");
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(".ci/ceph-cluster " + args.get(0) + " did not end in "
                            + timeoutSeconds + " s: " + Files.readString(log));
                }
                String out = Files.readString(log);
                if (p.exitValue() != 0) {
                    throw new IllegalStateException(".ci/ceph-cluster " + args.get(0) + " failed (exit "
                            + p.exitValue() + "): " + out.strip());
                }
                return out;
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (java.util.stream.Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    /** {@code .ci/ceph-cluster} of this checkout, found from the module directory upwards. */
    private static Path findScript() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path s = d.resolve(".ci").resolve("ceph-cluster");
            if (Files.isRegularFile(s)) {
                return s;
            }
        }
        throw new IllegalStateException("no .ci/ceph-cluster above " + Path.of("").toAbsolutePath());
    }

    /** Starts the shared cluster before the class's tests; they are skipped (failed under CI) without it. */
    public static final class Required implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            shared();
        }
    }
}
