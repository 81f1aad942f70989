package io.camvault.cli;

import io.camvault.gateway.GatewayConfig;
import io.camvault.gateway.source.TrustedProxies;
import io.camvault.gateway.tls.TlsConfig;
import io.camvault.vault.JobSchedule;
import io.camvault.vault.MaintenanceConfig;
import io.camvault.vault.StoreConfig;
import io.camvault.vault.VaultConfig;
import io.camvault.vault.media.MediaWorker;
import io.camvault.vault.media.YieldToIngest;
import io.camvault.vault.retention.RetentionPolicy;
import io.camvault.vault.store.s3.S3Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.ZoneId;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The daemon's settings: every key, how it is parsed and where it goes. Values come from an
 * optional properties file, overridden by {@code --set key=value} and the dedicated flags. An
 * unknown key or a bad value stops start-up with a message naming the key. The README's
 * configuration table lists exactly {@link #KEYS} (a test checks it).
 */
final class ServeSettings {

    private record Setting(String key, BiConsumer<Target, String> apply) {
    }

    /** What the settings are applied to, starting from every default. */
    private static final class Target {
        final GatewayConfig.Builder gateway = GatewayConfig.defaults().toBuilder();
        RetentionPolicy retention = RetentionPolicy.defaults();
        private final MaintenanceConfig d = MaintenanceConfig.defaults();
        JobSchedule sweep = d.retentionSweep();
        JobSchedule fixity = d.fixity();
        JobSchedule lateUploads = d.lateUploads();
        JobSchedule uploadExpiry = d.uploadExpiry();
        JobSchedule checkpoint = d.auditCheckpoint();
        Duration fixityCycle = d.fixityCycle();
        long fixityRate = d.fixityBytesPerSecond();
        Duration fixityBudget = d.fixityRunBudget();
        Duration lateThreshold = d.lateUploadThreshold();
        ZoneId displayZone = d.displayZone();
        private final MediaWorker.Settings m = MediaWorker.Settings.DEFAULT;
        int mediaThreads = m.threads();
        int mediaNice = m.nice();
        long mediaBusyRate = m.ingest().busyBytesPerSecond();
        Duration mediaQuiet = m.ingest().quiet();
        double mediaDuty = m.ingest().dutyCycle();
        Duration exportDownloadWindow = VaultConfig.DEFAULT_EXPORT_DOWNLOAD_WINDOW;
        Path cacheDir;
        Path logFile;
        String storeKind = "file";
        URI s3Endpoint;
        String s3Region = S3Settings.DEFAULT_REGION;
        String s3Bucket;
        boolean s3PathStyle = true;
        Path s3Credentials;
        long s3PartSize = S3Settings.DEFAULT_PART_SIZE;
        Duration s3AttemptTimeout = S3Settings.DEFAULT_ATTEMPT_TIMEOUT;
        Duration s3CallTimeout = S3Settings.DEFAULT_CALL_TIMEOUT;
        long logFileSize = DaemonFiles.DEFAULT_LOG_FILE_SIZE;
        int logFiles = DaemonFiles.DEFAULT_LOG_FILES;
        Path tlsCert;
        Path tlsKey;
        Path tlsClientCa;
        Duration tlsReload = TlsConfig.DEFAULT_RELOAD_INTERVAL;
        String tlsProvider = TlsConfig.DEFAULT_PROVIDER;

        /** HTTPS when a certificate and key are given; both or neither, and a client CA only with them. */
        TlsConfig tls() {
            if (tlsCert == null && tlsKey == null) {
                if (tlsClientCa != null) {
                    throw new IllegalArgumentException("gateway.tls.client-ca needs HTTPS: give gateway.tls.cert "
                            + "and gateway.tls.key too");
                }
                return null;
            }
            if (tlsCert == null || tlsKey == null) {
                throw new IllegalArgumentException("HTTPS needs both gateway.tls.cert and gateway.tls.key; only "
                        + (tlsCert == null ? "gateway.tls.key" : "gateway.tls.cert") + " is set");
            }
            return new TlsConfig(tlsCert, tlsKey, tlsClientCa, tlsReload, tlsProvider);
        }

        MediaWorker.Settings media() {
            return new MediaWorker.Settings(mediaThreads, m.poll(), m.proxy(),
                    new YieldToIngest.Settings(mediaBusyRate, mediaQuiet, mediaDuty), mediaNice);
        }

        /** The store: the file store, or the s3 store with credentials from the file or the environment. */
        StoreConfig store(boolean directIo, Function<String, String> env) {
            boolean anyS3 = s3Endpoint != null || s3Bucket != null || s3Credentials != null;
            if (storeKind.equals("file")) {
                if (anyS3) {
                    throw new IllegalArgumentException("store.s3.* settings are given but store.kind is file; "
                            + "set store.kind=s3 to keep originals in the S3 bucket");
                }
                return new StoreConfig(directIo);
            }
            if (s3Endpoint == null || s3Bucket == null) {
                throw new IllegalArgumentException("store.kind=s3 needs store.s3.endpoint and store.s3.bucket");
            }
            S3Settings.Credentials credentials;
            if (s3Credentials != null) {
                credentials = S3Settings.Credentials.fromFile(s3Credentials);
            } else {
                try {
                    credentials = S3Settings.Credentials.from(env);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("store.kind=s3 needs credentials: store.s3.credentials (a file "
                            + "with AWS_ACCESS_KEY_ID= and AWS_SECRET_ACCESS_KEY= lines) or those two environment "
                            + "variables");
                }
            }
            return StoreConfig.s3(directIo, new S3Settings(s3Endpoint, s3Region, s3Bucket, s3PathStyle, credentials,
                    s3PartSize, s3AttemptTimeout, s3CallTimeout));
        }

        MaintenanceConfig maintenance() {
            return new MaintenanceConfig(sweep, fixity, lateUploads, uploadExpiry, checkpoint, fixityCycle, fixityRate,
                    fixityBudget, lateThreshold, displayZone);
        }
    }

    private static final List<Setting> SETTINGS = List.of(
            new Setting("gateway.host", (t, v) -> t.gateway.host(v.trim())),
            new Setting("gateway.port", (t, v) -> t.gateway.port(integer("gateway.port", v))),
            new Setting("gateway.io-threads", (t, v) -> t.gateway.ioThreads(integer("gateway.io-threads", v))),
            new Setting("gateway.writer-threads", (t, v) -> t.gateway.writerThreads(integer("gateway.writer-threads", v))),
            new Setting("gateway.max-upload-size",
                    (t, v) -> t.gateway.maxUploadSize(Units.bytes("gateway.max-upload-size", v))),
            new Setting("gateway.upload-expiry",
                    (t, v) -> t.gateway.uploadExpiry(Units.duration("gateway.upload-expiry", v))),
            new Setting("gateway.disk-reserve", (t, v) -> t.gateway.diskReserve(Units.bytes("gateway.disk-reserve", v))),
            new Setting("gateway.max-active-uploads",
                    (t, v) -> t.gateway.maxActiveUploads(integer("gateway.max-active-uploads", v))),
            new Setting("gateway.max-initial-line-length",
                    (t, v) -> t.gateway.maxInitialLineLength(intBytes("gateway.max-initial-line-length", v))),
            new Setting("gateway.max-header-size",
                    (t, v) -> t.gateway.maxHeaderSize(intBytes("gateway.max-header-size", v))),
            new Setting("gateway.max-chunk-size", (t, v) -> t.gateway.maxChunkSize(intBytes("gateway.max-chunk-size", v))),
            new Setting("gateway.max-in-flight-bytes-per-upload",
                    (t, v) -> t.gateway.maxInFlightBytesPerUpload(intBytes("gateway.max-in-flight-bytes-per-upload", v))),
            new Setting("gateway.compute-sm3", (t, v) -> t.gateway.computeSm3(bool("gateway.compute-sm3", v))),
            new Setting("gateway.small-upload-bytes",
                    (t, v) -> t.gateway.smallUploadBytes(Units.bytes("gateway.small-upload-bytes", v))),
            new Setting("gateway.big-writer-nice",
                    (t, v) -> t.gateway.bigWriterNice(integer("gateway.big-writer-nice", v))),
            new Setting("gateway.direct-io", (t, v) -> t.gateway.directIo(bool("gateway.direct-io", v))),
            new Setting("gateway.idle-timeout", (t, v) -> t.gateway.idleTimeout(Units.duration("gateway.idle-timeout", v))),
            new Setting("gateway.shutdown-timeout",
                    (t, v) -> t.gateway.shutdownTimeout(Units.duration("gateway.shutdown-timeout", v))),
            new Setting("gateway.overload-retry-after",
                    (t, v) -> t.gateway.overloadRetryAfter(Units.duration("gateway.overload-retry-after", v))),
            new Setting("gateway.tls.cert", (t, v) -> t.tlsCert = path("gateway.tls.cert", v)),
            new Setting("gateway.tls.key", (t, v) -> t.tlsKey = path("gateway.tls.key", v)),
            new Setting("gateway.tls.client-ca", (t, v) -> t.tlsClientCa = path("gateway.tls.client-ca", v)),
            new Setting("gateway.tls.provider", (t, v) -> t.tlsProvider = v.strip().toLowerCase(java.util.Locale.ROOT)),
            new Setting("gateway.tls.reload-interval",
                    (t, v) -> t.tlsReload = Units.duration("gateway.tls.reload-interval", v)),
            new Setting("gateway.trusted-proxies", (t, v) -> t.gateway.trustedProxies(proxies("gateway.trusted-proxies", v))),
            new Setting("gateway.max-unfinished-uploads-per-principal", (t, v) -> t.gateway.maxUnfinishedUploadsPerPrincipal(
                    integer("gateway.max-unfinished-uploads-per-principal", v))),
            new Setting("gateway.max-unfinished-bytes-per-principal", (t, v) -> t.gateway.maxUnfinishedBytesPerPrincipal(
                    Units.bytes("gateway.max-unfinished-bytes-per-principal", v))),
            new Setting("gateway.header-timeout",
                    (t, v) -> t.gateway.headerTimeout(Units.duration("gateway.header-timeout", v))),
            new Setting("gateway.max-connections",
                    (t, v) -> t.gateway.maxConnections(integer("gateway.max-connections", v))),
            new Setting(RetentionPolicy.ROUTINE,
                    (t, v) -> t.retention = t.retention.withRoutine(Units.duration(RetentionPolicy.ROUTINE, v))),
            new Setting(RetentionPolicy.EVIDENCE_AFTER_CLOSE, (t, v) -> t.retention = t.retention.withEvidenceAfterClose(
                    "permanent".equalsIgnoreCase(v.trim()) ? null : Units.duration(RetentionPolicy.EVIDENCE_AFTER_CLOSE, v))),
            new Setting(RetentionPolicy.PENDING_DELETION, (t, v) -> t.retention = t.retention.withPendingDeletion(
                    Units.duration(RetentionPolicy.PENDING_DELETION, v))),
            new Setting("jobs.retention-sweep", (t, v) -> t.sweep = schedule("jobs.retention-sweep", v)),
            new Setting("jobs.fixity", (t, v) -> t.fixity = schedule("jobs.fixity", v)),
            // obsolete (lateness is decided at commit), still parsed so that older files load and typos show
            new Setting("jobs.late-uploads", (t, v) -> t.lateUploads = schedule("jobs.late-uploads", v)),
            new Setting("jobs.upload-expiry", (t, v) -> t.uploadExpiry = schedule("jobs.upload-expiry", v)),
            new Setting("jobs.audit-checkpoint", (t, v) -> t.checkpoint = schedule("jobs.audit-checkpoint", v)),
            new Setting("fixity.cycle", (t, v) -> t.fixityCycle = Units.duration("fixity.cycle", v)),
            new Setting("fixity.bytes-per-second", (t, v) -> t.fixityRate = Units.bytes("fixity.bytes-per-second", v)),
            new Setting("fixity.run-budget", (t, v) -> t.fixityBudget = Units.duration("fixity.run-budget", v)),
            new Setting("late-uploads.threshold", (t, v) -> t.lateThreshold = Units.duration("late-uploads.threshold", v)),
            new Setting("display.zone", (t, v) -> t.displayZone = zone("display.zone", v)),
            new Setting("statistics.zone", (t, v) -> t.displayZone = zone("statistics.zone", v)),
            new Setting("media.threads", (t, v) -> t.mediaThreads = integer("media.threads", v)),
            new Setting("media.nice", (t, v) -> t.mediaNice = integer("media.nice", v)),
            new Setting("media.ingest-busy-rate",
                    (t, v) -> t.mediaBusyRate = Units.bytes("media.ingest-busy-rate", v.replaceFirst("(?i)/s$", ""))),
            new Setting("media.ingest-quiet", (t, v) -> t.mediaQuiet = Units.duration("media.ingest-quiet", v)),
            new Setting("media.duty-cycle-while-busy",
                    (t, v) -> t.mediaDuty = share("media.duty-cycle-while-busy", v)),
            new Setting("export.download-window",
                    (t, v) -> t.exportDownloadWindow = Units.duration("export.download-window", v)),
            new Setting("cache.dir", (t, v) -> t.cacheDir = path("cache.dir", v)),
            new Setting("log.file", (t, v) -> t.logFile = path("log.file", v)),
            new Setting("log.file-size", (t, v) -> t.logFileSize = Units.bytes("log.file-size", v)),
            new Setting("log.files", (t, v) -> t.logFiles = integer("log.files", v)),
            new Setting("store.kind", (t, v) -> t.storeKind = storeKind(v)),
            new Setting("store.s3.endpoint", (t, v) -> t.s3Endpoint = url("store.s3.endpoint", v)),
            new Setting("store.s3.region", (t, v) -> t.s3Region = v.trim()),
            new Setting("store.s3.bucket", (t, v) -> t.s3Bucket = v.trim()),
            new Setting("store.s3.path-style", (t, v) -> t.s3PathStyle = bool("store.s3.path-style", v)),
            new Setting("store.s3.credentials", (t, v) -> t.s3Credentials = path("store.s3.credentials", v)),
            new Setting("store.s3.part-size", (t, v) -> t.s3PartSize = Units.bytes("store.s3.part-size", v)),
            new Setting("store.s3.attempt-timeout",
                    (t, v) -> t.s3AttemptTimeout = Units.duration("store.s3.attempt-timeout", v)),
            new Setting("store.s3.call-timeout", (t, v) -> t.s3CallTimeout = Units.duration("store.s3.call-timeout", v)));

    static final List<String> KEYS = SETTINGS.stream().map(Setting::key).toList();

    private final GatewayConfig gateway;
    private final VaultConfig vault;
    private final MediaWorker.Settings media;
    private final DaemonFiles files;

    private ServeSettings(GatewayConfig gateway, VaultConfig vault, MediaWorker.Settings media, DaemonFiles files) {
        this.gateway = gateway;
        this.vault = vault;
        this.media = media;
        this.files = files;
    }

    /**
     * Reads the file (if any), applies {@code overrides} on top, validates everything once.
     *
     * @throws UserError (exit code CONFIG) naming the offending key
     */
    static ServeSettings load(Path dataDir, Path configFile, Map<String, String> overrides) {
        return load(dataDir, configFile, overrides, System::getenv);
    }

    /** As above, with the environment that supplies S3 credentials when no file names them. */
    static ServeSettings load(Path dataDir, Path configFile, Map<String, String> overrides,
                              Function<String, String> env) {
        Map<String, String> values = new LinkedHashMap<>();
        if (configFile != null) {
            values.putAll(readFile(configFile));
        }
        values.putAll(overrides);
        if (values.containsKey("display.zone") && values.containsKey("statistics.zone")
                && !values.get("display.zone").trim().equals(values.get("statistics.zone").trim())) {
            throw new UserError(ExitCodes.CONFIG, "display.zone and statistics.zone (its older name) differ;"
                    + " give display.zone only");
        }
        Target target = new Target();
        for (Map.Entry<String, String> e : values.entrySet()) {
            Setting s = SETTINGS.stream().filter(x -> x.key().equals(e.getKey())).findFirst()
                    .orElseThrow(() -> new UserError(ExitCodes.CONFIG,
                            "unknown setting '" + e.getKey() + "'; known settings: " + String.join(", ", KEYS)));
            try {
                s.apply().accept(target, e.getValue());
            } catch (IllegalArgumentException | ArithmeticException ex) {
                throw new UserError(ExitCodes.CONFIG, ex.getMessage(), ex);
            }
        }
        try {
            GatewayConfig gateway = target.gateway.tls(target.tls()).build();
            return new ServeSettings(gateway, new VaultConfig(dataDir, target.retention, target.maintenance(),
                    target.store(gateway.directIo(), env), target.exportDownloadWindow), target.media(),
                    new DaemonFiles(target.cacheDir != null ? target.cacheDir : DaemonFiles.defaultCache(dataDir),
                            target.logFile, target.logFileSize, target.logFiles));
        } catch (IllegalArgumentException ex) {
            throw new UserError(ExitCodes.CONFIG, "invalid configuration: " + ex.getMessage(), ex);
        }
    }

    GatewayConfig gateway() {
        return gateway;
    }

    VaultConfig vault() {
        return vault;
    }

    MediaWorker.Settings media() {
        return media;
    }

    DaemonFiles files() {
        return files;
    }

    private static Map<String, String> readFile(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UserError(ExitCodes.CONFIG, "cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        p.stringPropertyNames().stream().sorted().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }

    /** {@code 1h} (an interval) or {@code cron:0 0 3 * * ?} (a Quartz cron expression). */
    private static JobSchedule schedule(String key, String v) {
        String text = v.trim();
        if (text.startsWith("cron:")) {
            try {
                return JobSchedule.cron(text.substring(5).trim());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(key + ": '" + text + "' is not a valid cron expression: " + e.getMessage());
            }
        }
        return JobSchedule.every(Units.duration(key, text));
    }

    private static String storeKind(String v) {
        String kind = v.trim().toLowerCase(java.util.Locale.ROOT);
        if (!kind.equals("file") && !kind.equals("s3")) {
            throw new IllegalArgumentException("store.kind: '" + v + "' is not a store; use file or s3");
        }
        return kind;
    }

    private static URI url(String key, String v) {
        try {
            URI u = new URI(v.trim());
            if (u.getScheme() == null || u.getHost() == null) {
                throw new URISyntaxException(v, "no scheme or host");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(key + ": '" + v + "' is not a URL (example: http://rgw.example:7480)");
        }
    }

    private static Path path(String key, String v) {
        if (v.isBlank()) {
            throw new IllegalArgumentException(key + ": a path is required");
        }
        try {
            return Path.of(v.trim());
        } catch (java.nio.file.InvalidPathException e) {
            throw new IllegalArgumentException(key + ": '" + v + "' is not a path");
        }
    }

    private static TrustedProxies proxies(String key, String v) {
        try {
            return TrustedProxies.parse(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage() + " (example: 10.0.0.0/8, 192.168.1.5)");
        }
    }

    private static ZoneId zone(String key, String v) {
        try {
            return ZoneId.of(v.trim());
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException(key + ": '" + v + "' is not a time zone (example: Asia/Shanghai)");
        }
    }

    private static int integer(String key, String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + v + "' is not a whole number");
        }
    }

    /** A share of a whole: {@code 5%} or {@code 0.05}. */
    private static double share(String key, String v) {
        String text = v.trim();
        boolean percent = text.endsWith("%");
        try {
            double d = Double.parseDouble(percent ? text.substring(0, text.length() - 1).trim() : text);
            return percent ? d / 100 : d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + v + "' is not a share (examples: 5%, 0.05)");
        }
    }

    private static int intBytes(String key, String v) {
        long n = Units.bytes(key, v);
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(key + ": '" + v + "' is too large");
        }
        return (int) n;
    }

    private static boolean bool(String key, String v) {
        return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException(key + ": '" + v + "' is not true or false");
        };
    }
}
