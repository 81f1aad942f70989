package io.camvault.cli;

import io.camvault.gateway.GatewayServer;
import io.camvault.vault.Vault;
import io.camvault.vault.media.MediaException;
import io.camvault.vault.media.MediaWorker;
import io.camvault.vault.media.ffmpeg.FfmpegMediaTool;
import io.camvault.vault.schedule.JobScheduler;
import io.camvault.vault.schedule.Maintenance;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Runs the daemon until SIGTERM or Ctrl-C. Shutdown order matters: the gateway stops accepting
 * and lets in-flight chunk writes finish (fsynced) before the vault closes RocksDB.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the camvault daemon (gateway + vault) on embedded defaults.")
final class ServeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Mixin
    DataDirOptions data;

    @Option(names = "--port", description = "TCP port (setting gateway.port; default 8080, 0 picks a free one).")
    Integer port;

    @Option(names = "--host", description = "Address to bind (setting gateway.host; default 0.0.0.0).")
    String host;

    @Option(names = "--config", paramLabel = "FILE", description = "Optional properties file with settings (see README).")
    Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one setting, e.g. --set gateway.disk-reserve=2GiB.")
    Map<String, String> sets = new LinkedHashMap<>();

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> overrides = new LinkedHashMap<>(sets);
        if (port != null) {
            overrides.put("gateway.port", port.toString());
        }
        if (host != null) {
            overrides.put("gateway.host", host);
        }
        ServeSettings settings = ServeSettings.load(data.dataDir, configFile, overrides);
        DaemonLogging.configure(settings.files());
        io.camvault.vault.natives.NativeCache.use(settings.files().cacheDir());
        Vault vault = data.openOrCreate(settings.vault());
        // From here on a SIGTERM always ends in an orderly stop of what has started so far, even one
        // that arrives while the rest starts (right after /readyz first answers 200, say).
        Running running = new Running();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> stop(vault, running, stopped), "camvault-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        GatewayServer gateway;
        try {
            gateway = start(vault, settings, running);
        } catch (RuntimeException e) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook); // the start failed: its own exit code stands
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already
            }
            throw e;
        }
        LOG.info("serve.started port={} data={}", gateway.port(), data.dataDir.toAbsolutePath());
        stopped.await();
        return ExitCodes.OK;
    }

    /** What has started so far, for the shutdown hook. */
    private static final class Running {
        volatile MediaWorker media;
        volatile GatewayServer gateway;
        volatile JobScheduler jobs;
    }

    /** Starts media work, the gateway and the jobs; on a failure closes what it started and the vault. */
    private static GatewayServer start(Vault vault, ServeSettings settings, Running running) {
        try {
            // segments of earlier releases get lateness and duration before anyone reads a figure
            io.camvault.vault.statistics.EarlierSegments.decide(vault);
        } catch (RuntimeException e) {
            vault.close();
            throw e;
        }
        MediaWorker media;
        try {
            media = startMedia(vault, settings);
        } catch (RuntimeException e) {
            vault.close();
            throw new UserError(ExitCodes.CONFIG, "cannot start the media worker: " + e.getMessage(), e);
        }
        running.media = media;
        GatewayServer gateway;
        try {
            gateway = GatewayServer.start(settings.gateway(), vault, media);
        } catch (Exception e) { // Netty rethrows a checked BindException undeclared
            closeMedia(media);
            vault.close();
            throw new UserError(ExitCodes.CONFIG, "cannot listen on " + settings.gateway().host() + ":"
                    + settings.gateway().port() + ": " + e.getMessage(), e);
        }
        running.gateway = gateway;
        if (media != null) {
            // media jobs hold back while uploads stream in, and /metrics says for how long
            media.yieldTo(gateway.ingestActivity());
            gateway.metrics().mediaDeferred(media::deferredNanos);
        }
        try {
            Maintenance maintenance = Maintenance.create(vault, gateway.uploads()::expire);
            gateway.metrics().counter("camvault_fixity_failures_total",
                    "Originals whose bytes no longer matched their SHA-256, found since start.",
                    maintenance::fixityFailuresTotal);
            gateway.metrics().counter("camvault_fixity_bytes_hashed_total",
                    "Bytes of originals read and hashed by the fixity pass since start.",
                    maintenance::fixityBytesHashedTotal);
            JobScheduler jobs = new JobScheduler(vault, settings.vault().displayZone());
            running.jobs = jobs;
            jobs.start(maintenance.jobs());
        } catch (RuntimeException e) {
            gateway.close();
            closeMedia(media);
            vault.close();
            throw new UserError(ExitCodes.CONFIG, "cannot start the scheduled jobs: " + e.getMessage(), e);
        }
        return gateway;
    }

    /** The shutdown hook: stops what is running in an order that loses nothing, then exits with how it went. */
    private static void stop(Vault vault, Running running, CountDownLatch stopped) {
        LOG.info("serve.stopping reason=signal");
        int exit = ExitCodes.OK;
        // Order (resources close in reverse): stop taking uploads (in-flight writes finish), stop
        // the jobs, stop media work, then close RocksDB.
        try (AutoCloseable v = vault::close; AutoCloseable m = () -> closeMedia(running.media);
                AutoCloseable j = () -> closeIfStarted(running.jobs); AutoCloseable g = () -> closeIfStarted(running.gateway)) {
            LOG.debug("serve.closing");
        } catch (Exception e) {
            exit = ExitCodes.FAILURE;
            LOG.error("serve.stop_failed error={}", e.toString(), e);
        }
        LOG.info("serve.stopped exit={}", exit);
        stopped.countDown();
        // A JVM ended by SIGTERM exits 143 even after a clean shutdown; service managers read that as
        // a failure. Everything is closed and logged, so say how it really went.
        Runtime.getRuntime().halt(exit);
    }

    private static void closeIfStarted(AutoCloseable c) throws Exception {
        if (c != null) {
            c.close();
        }
    }

    /**
     * The media worker, or null when FFmpeg's natives cannot load on this machine. Ingest, search
     * and streaming of originals do not need them, so the daemon runs on without: media jobs stay
     * queued in the index and run after a restart on a machine that has the library; until then
     * streams fall back to playable originals and clips answer 503.
     */
    private static MediaWorker startMedia(Vault vault, ServeSettings settings) {
        FfmpegMediaTool tool;
        try {
            tool = FfmpegMediaTool.load();
        } catch (MediaException e) {
            LOG.error("media.unavailable reason=\"{}\" effect=\"no renditions, posters or clips; media jobs stay"
                    + " queued until a restart with the library\"", e.getMessage());
            return null;
        }
        return MediaWorker.start(vault, tool, settings.media());
    }

    private static void closeMedia(MediaWorker media) {
        if (media != null) {
            media.close();
        }
    }
}
