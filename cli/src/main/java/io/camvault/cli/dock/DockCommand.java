package io.camvault.cli.dock;

import io.camvault.cli.ExitCodes;
import io.camvault.cli.Units;
import io.camvault.cli.UserError;
import io.camvault.cli.tls.ClientTls;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code camvault dock}: the docking-station agent. */
@Command(name = "dock", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Upload recorders mounted as USB storage to the daemon over tus, confirm every file, "
                + "write a receipt per recorder and, with --wipe, delete confirmed files from the recorder.",
                "Exit codes: 0 every file stored; 1 some failed (see receipts); 2 usage; 3 configuration "
                        + "(bad URL, missing or refused token, bad device-info file)."})
public final class DockCommand implements Callable<Integer> {

    @Option(names = "--server", paramLabel = "URL", defaultValue = "${env:CAMVAULT_URL}",
            description = "The daemon's base URL, e.g. http://vault:8080 or https://vault.example:8443 (env CAMVAULT_URL).")
    String server;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:CAMVAULT_TOKEN}", showDefaultValue = Visibility.NEVER,
            description = "A dock token (env CAMVAULT_TOKEN).")
    String token;

    @Option(names = "--ca", paramLabel = "FILE", defaultValue = "${env:CAMVAULT_CA}",
            description = "PEM file of the CA that signed the daemon's certificate, for https:// (env CAMVAULT_CA; "
                    + "default: the system trust store).")
    Path ca;

    @Option(names = "--client-cert", paramLabel = "FILE", defaultValue = "${env:CAMVAULT_CLIENT_CERT}",
            description = "PEM certificate this dock presents when the daemon asks (mutual TLS; env CAMVAULT_CLIENT_CERT).")
    Path clientCert;

    @Option(names = "--client-key", paramLabel = "FILE", defaultValue = "${env:CAMVAULT_CLIENT_KEY}",
            description = "PEM private key of --client-cert (env CAMVAULT_CLIENT_KEY).")
    Path clientKey;

    @Option(names = "--station", paramLabel = "ID", description = "This dock's id, recorded with every segment.")
    String station;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "4", description = "Recorders docked at once (default 4).")
    int parallel;

    @Option(names = "--wipe", description = "Delete each file from the recorder once the daemon confirmed it (same SHA-256 and size).")
    boolean wipe;

    @Option(names = "--watch", paramLabel = "DIR", description = "Wait for recorder mounts to appear under DIR and dock each one; runs until stopped.")
    Path watch;

    @Option(names = "--poll", paramLabel = "DURATION", defaultValue = "2s", description = "How often --watch looks for mounts (default 2s).")
    String poll;

    @Option(names = "--state", paramLabel = "DIR", description = "Resume state, one folder per recorder serial (default ~/.camvault/dock).")
    Path state;

    @Option(names = "--receipts", paramLabel = "DIR", defaultValue = "receipts", description = "Where receipts are written (default ./receipts).")
    Path receipts;

    @Option(names = "--zone", paramLabel = "ZONE", description = "Time zone of the recorders' clocks, for times in file names (default: this machine's).")
    String zone;

    @Option(names = "--serial", description = "Recorder serial (single MOUNT without a device-info file).")
    String serial;

    @Option(names = "--badge", description = "Officer badge number (with --serial).")
    String badge;

    @Option(names = "--unit", description = "Unit code (with --serial).")
    String unit;

    @Option(names = "--officer-name", paramLabel = "NAME", description = "Officer's name, stored with each segment (with --serial).")
    String officerName;

    @Option(names = "--unit-name", paramLabel = "NAME", description = "Unit's name, stored with each segment (with --serial).")
    String unitName;

    @Option(names = "--clock-drift-ms", paramLabel = "MS", defaultValue = "0", description = "Device clock minus dock clock (with --serial).")
    long clockDriftMs;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "5", description = "Retries per file on connection errors, 5xx, 409, 423 (default 5).")
    int retries;

    @Option(names = "--retry-delay", paramLabel = "DURATION", defaultValue = "1s", description = "First retry delay, doubled each time up to 60s (default 1s).")
    String retryDelay;

    @Option(names = "--request-size", paramLabel = "SIZE", defaultValue = "32MiB", description = "Bytes per PATCH request (default 32MiB).")
    String requestSize;

    @Parameters(paramLabel = "MOUNT", arity = "0..*", description = "Directories where recorders appear as USB storage.")
    List<Path> mounts = new ArrayList<>();

    @Spec
    CommandSpec spec;

    /** Lets tests watch the agent at work (e.g. stop the daemon mid-file); {@code null} in normal runs. */
    static volatile DockListener testListener;

    @Override
    public Integer call() throws Exception {
        DockSettings settings = settings();
        List<Dock.Mount> targets = watch == null ? mounts() : List.of();
        if (watch != null && !Files.isDirectory(watch)) {
            throw new UserError(ExitCodes.USAGE, "--watch " + watch + " is not a directory");
        }
        boolean terminal = System.console() != null;
        if (terminal && System.getenv("CAMVAULT_LOG_LEVEL") == null) {
            quietInfoLogs(); // INFO lines on the same terminal would tear the redrawn bars; receipts keep the record
        }
        TerminalProgress bars = terminal ? new TerminalProgress(System.out) : null;
        DockListener listener = terminal ? bars : new LogProgress();
        if (testListener != null) {
            listener = DockListener.both(listener, testListener);
        }
        Dock dock = new Dock(settings, listener, Clock.systemUTC());
        Thread hook = new Thread(() -> {
            boolean clean = dock.stop(30);
            if (watch != null) {
                // --watch runs until stopped, so SIGTERM is its normal end: a JVM ended by a signal exits
                // 143 even after a clean stop, which a service manager reads as a failure
                System.out.flush();
                Runtime.getRuntime().halt(clean ? ExitCodes.OK : ExitCodes.FAILURE);
            }
        }, "camvault-dock-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (watch != null) {
                new MountWatcher(watch, Units.duration("--poll", poll), dock).run();
                return ExitCodes.OK;
            }
            List<Dock.Outcome> outcomes = dock.dockAll(targets);
            if (bars != null) {
                bars.close();
            }
            return report(outcomes);
        } finally {
            dock.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down already: the hook is running
            }
        }
    }

    private static void quietInfoLogs() {
        org.slf4j.Logger root = org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root instanceof ch.qos.logback.classic.Logger logback) {
            logback.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    private DockSettings settings() {
        if (server == null || server.isBlank()) {
            throw new UserError(ExitCodes.CONFIG, "no server: give --server URL or set CAMVAULT_URL");
        }
        if (token == null || token.isBlank()) {
            throw new UserError(ExitCodes.CONFIG, "no token: give --token TOKEN or set CAMVAULT_TOKEN (create one with "
                    + "'camvault admin token create --role dock')");
        }
        URI uri;
        try {
            uri = new URI(server.strip());
        } catch (URISyntaxException e) {
            throw new UserError(ExitCodes.CONFIG, "the server URL '" + server + "' is malformed: " + e.getReason());
        }
        try {
            ZoneId z = zone == null ? ZoneId.systemDefault() : ZoneId.of(zone);
            Path stateRoot = state != null ? state : Path.of(System.getProperty("user.home"), ".camvault", "dock");
            int request = Math.toIntExact(Units.bytes("--request-size", requestSize));
            return DockSettings.of(uri, token.strip()).withTls(ClientTls.of(ca, clientCert, clientKey)).withStation(station).withParallel(parallel).withWipe(wipe)
                    .withDirs(stateRoot, receipts).withZone(z)
                    .withRetries(retries, Units.duration("--retry-delay", retryDelay), DockSettings.DEFAULT_MAX_RETRY_DELAY)
                    .withSizes(request, Math.min(request, DockSettings.DEFAULT_CHUNK_SIZE));
        } catch (DateTimeException e) {
            throw new UserError(ExitCodes.USAGE, "--zone: unknown time zone '" + zone + "'");
        } catch (ArithmeticException e) {
            throw new UserError(ExitCodes.USAGE, "--request-size must be below 2 GiB");
        } catch (IllegalArgumentException e) {
            int code = e.getMessage() != null && (e.getMessage().contains("server URL") || e.getMessage().contains("token"))
                    ? ExitCodes.CONFIG : ExitCodes.USAGE;
            throw new UserError(code, e.getMessage(), e);
        }
    }

    private List<Dock.Mount> mounts() {
        if (mounts.isEmpty()) {
            throw new UserError(ExitCodes.USAGE, "give at least one MOUNT, or --watch DIR");
        }
        boolean flags = serial != null || badge != null || unit != null;
        if (flags && mounts.size() != 1) {
            throw new UserError(ExitCodes.USAGE, "--serial/--badge/--unit describe one recorder: give exactly one MOUNT");
        }
        List<Dock.Mount> out = new ArrayList<>();
        Set<String> serials = new HashSet<>();
        for (Path m : mounts) {
            if (!Files.isDirectory(m)) {
                throw new UserError(ExitCodes.USAGE, "MOUNT " + m + " is not a directory");
            }
            DeviceInfo info = flags ? fromFlags() : fromFile(m);
            if (!serials.add(info.serial())) {
                throw new UserError(ExitCodes.USAGE, "recorder " + info.serial() + " is given twice");
            }
            out.add(new Dock.Mount(m, info));
        }
        return out;
    }

    private DeviceInfo fromFlags() {
        if (serial == null || badge == null || unit == null) {
            throw new UserError(ExitCodes.USAGE, "--serial, --badge and --unit go together");
        }
        try {
            return DeviceInfo.of(serial, badge, unit, officerName, unitName, clockDriftMs);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCodes.USAGE, e.getMessage(), e);
        }
    }

    private static DeviceInfo fromFile(Path mount) {
        Optional<DeviceInfo> info;
        try {
            info = DeviceInfo.read(mount);
        } catch (IOException e) {
            throw new UserError(ExitCodes.CONFIG, "cannot read the device-info file of " + mount + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCodes.CONFIG, "bad device-info file " + e.getMessage(), e);
        }
        return info.orElseThrow(() -> new UserError(ExitCodes.USAGE, "no device-info file for " + mount + " ("
                + mount.resolve(DeviceInfo.INSIDE) + " or " + mount + DeviceInfo.BESIDE_SUFFIX
                + "); give --serial, --badge and --unit"));
    }

    private int report(List<Dock.Outcome> outcomes) {
        PrintWriter out = spec.commandLine().getOut();
        boolean refused = false;
        boolean allOk = true;
        for (Dock.Outcome o : outcomes) {
            String serialNo = o.mount().device().serial();
            refused |= o.tokenRefused();
            allOk &= o.allStored();
            if (o.receipt() == null) {
                out.printf("%s: not docked: %s%n", serialNo, o.error());
                continue;
            }
            Receipt r = o.receipt();
            long wiped = r.files().stream().filter(Receipt.FileEntry::wiped).count();
            out.printf("%s: %d committed, %d already stored, %d failed%s; receipt %s%n", serialNo, r.committed(),
                    r.alreadyStored(), r.failed(), r.wipeRequested() ? ", " + wiped + " wiped" : "", o.receiptFile());
            for (Receipt.FileEntry f : r.files()) {
                if (f.status().equals(Receipt.FAILED)) {
                    out.printf("  failed %s: %s%n", f.path(), f.reason());
                }
            }
        }
        out.flush();
        if (refused) {
            return ExitCodes.CONFIG;
        }
        return allOk ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}
