package io.camvault.cli.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real daemon as a separate process: {@code java -jar cli/target/camvault.jar serve}. Tokens
 * are bootstrapped offline with {@code admin token create} before the daemon starts. Always
 * {@link #close()} it (SIGKILL if it does not stop), from an {@code @AfterEach}/{@code @AfterAll}.
 */
final class Daemon implements AutoCloseable {
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDir;
    private final Path logDir;
    private final List<String> jvmArgs;
    private List<String> serveArgs = List.of();
    private List<String> launcher = List.of();
    private int port;
    private Process process;
    private Path log;
    private int starts;
    /** Trust for an HTTPS daemon ({@link #https}), or null for plain HTTP. */
    private javax.net.ssl.SSLContext tls;

    Daemon(Path dataDir, Path logDir, List<String> jvmArgs) {
        this.dataDir = dataDir;
        this.logDir = logDir;
        this.jvmArgs = List.copyOf(jvmArgs);
    }

    /** A daemon with a 256 MB heap, the figure the issue asks ingest to work within. */
    static Daemon create(Path tempDir) {
        return new Daemon(tempDir.resolve("data"), tempDir, List.of("-Xmx256m"));
    }

    /** As the packaged launcher does: no {@code /tmp/hsperfdata_USER/PID} file left behind by a killed JVM. */
    static final String NO_PERF_FILE = "-XX:+PerfDisableSharedMem";

    static Path jar() {
        Path jar = Path.of(System.getProperty("camvault.jar", "target/camvault.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no " + jar + "; run ./mvnw -B verify (or package) first");
        }
        return jar;
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Extra arguments for {@code serve} on every start, such as {@code --set KEY=VALUE}. */
    Daemon serveArgs(String... args) {
        this.serveArgs = List.of(args);
        return this;
    }

    /** A command the daemon's {@code java} runs under, such as {@link HiddenLibraries#launcher()}. */
    Daemon launcher(List<String> prefix) {
        this.launcher = List.copyOf(prefix);
        return this;
    }

    /** The daemon speaks HTTPS (its {@code serveArgs} set {@code gateway.tls.*}); {@code trust} verifies it. */
    Daemon https(javax.net.ssl.SSLContext trust) {
        this.tls = trust;
        return this;
    }

    Path dataDir() {
        return dataDir;
    }

    /** The daemon's process id (the launcher execs {@code java}, so it is the JVM's). */
    long pid() {
        return process.pid();
    }

    int port() {
        return port;
    }

    URI base() {
        return URI.create((tls == null ? "http" : "https") + "://127.0.0.1:" + port);
    }

    URI filesEndpoint() {
        return base().resolve("/files/");
    }

    /** Runs {@code admin token create} against the data directory (daemon stopped) and returns the token. */
    String createToken(String role, String name, String... extra) {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("tokens are bootstrapped offline, before the daemon starts");
        }
        List<String> cmd = new ArrayList<>(List.of(javaBin(), NO_PERF_FILE, "-jar", jar().toString(),
                "admin", "token", "create", "--init", "--data", dataDir.toString(), "--role", role, "--name", name));
        cmd.addAll(List.of(extra));
        Run run = Run.of(cmd, Duration.ofSeconds(60));
        if (run.exit() != 0) {
            throw new IllegalStateException("admin token create failed (exit " + run.exit() + "): " + run.stderr()
                    + run.stdout());
        }
        String[] lines = run.stdout().strip().split("\\R");
        return lines[lines.length - 1].strip();
    }

    /** Starts the daemon on a free port and waits until /readyz answers 200. */
    Daemon start() {
        return start(freePort());
    }

    /** Starts on the given port (a restart reuses its port so stored upload URLs stay valid). */
    Daemon start(int onPort) {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("already running");
        }
        this.port = onPort;
        starts++;
        log = logDir.resolve("daemon-" + starts + ".log");
        List<String> cmd = new ArrayList<>(launcher);
        cmd.add(javaBin());
        cmd.add(NO_PERF_FILE);
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-jar", jar().toString(), "serve", "--data", dataDir.toString(), "--host", "127.0.0.1",
                "--port", Integer.toString(onPort)));
        cmd.addAll(serveArgs);
        try {
            Files.createDirectories(dataDir);
            process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitReady();
        return this;
    }

    private void awaitReady() {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
        if (tls != null) {
            b.sslContext(tls);
        }
        HttpClient http = b.build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("daemon exited with " + process.exitValue() + " before ready:\n" + logTail());
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(base().resolve("/readyz"))
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(100);
        }
        throw new IllegalStateException("daemon not ready within " + START_TIMEOUT + ":\n" + logTail());
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL, as a power cut or the OOM killer would: no shutdown hook runs. */
    void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        waitExit(Duration.ofSeconds(30));
    }

    /** SIGTERM and wait for a clean stop; returns the exit code. */
    int stop() {
        if (process == null || !process.isAlive()) {
            return process == null ? 0 : process.exitValue();
        }
        process.destroy();
        if (!waitExit(Duration.ofSeconds(45))) {
            process.destroyForcibly();
            waitExit(Duration.ofSeconds(30));
            throw new IllegalStateException("daemon did not stop on SIGTERM within 45 s:\n" + logTail());
        }
        return process.exitValue();
    }

    private boolean waitExit(Duration d) {
        try {
            return process.waitFor(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String log() {
        try {
            return log == null || !Files.exists(log) ? "" : Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read log: " + e + ")";
        }
    }

    String logTail() {
        String all = log();
        return all.length() <= 6000 ? all : "..." + all.substring(all.length() - 6000);
    }

    /** Kills the daemon if it still runs, and keeps its logs under {@code target/it-logs} for a post-mortem. */
    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitExit(Duration.ofSeconds(30));
        }
        keepLogs();
    }

    private void keepLogs() {
        String keep = System.getProperty("camvault.it.logs");
        if (keep == null || starts == 0) {
            return;
        }
        try {
            Path dir = Files.createDirectories(Path.of(keep));
            String prefix = logDir.getFileName() + "-";
            for (int i = 1; i <= starts; i++) {
                Path l = logDir.resolve("daemon-" + i + ".log");
                if (Files.exists(l)) {
                    Files.copy(l, dir.resolve(prefix + l.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            System.err.println("could not keep daemon logs: " + e);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A finished child process: exit code, stdout, stderr. */
    record Run(int exit, String stdout, String stderr) {
        static Run of(List<String> cmd, Duration timeout) {
            return of(new ProcessBuilder(cmd), timeout);
        }

        static Run of(ProcessBuilder pb, Duration timeout) {
            try {
                Path out = Files.createTempFile("camvault-it-", ".out");
                Path err = Files.createTempFile("camvault-it-", ".err");
                try {
                    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                        p.destroyForcibly();
                        p.waitFor(10, TimeUnit.SECONDS);
                        throw new IllegalStateException("timed out after " + timeout + ": " + pb.command()
                                + "\nstdout: " + Files.readString(out) + "\nstderr: " + Files.readString(err));
                    }
                    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
                } finally {
                    Files.deleteIfExists(out);
                    Files.deleteIfExists(err);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
