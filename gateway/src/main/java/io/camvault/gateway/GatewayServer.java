package io.camvault.gateway;

import io.camvault.gateway.backend.Backend;
import io.camvault.gateway.backend.VaultBackend;
import io.camvault.gateway.http.GatewayInitializer;
import io.camvault.gateway.api.AuditRoute;
import io.camvault.gateway.api.CasesRoute;
import io.camvault.gateway.api.ExportsRoute;
import io.camvault.gateway.api.SegmentsRoute;
import io.camvault.gateway.api.StatsRoute;
import io.camvault.gateway.backend.CustodyBackend;
import io.camvault.gateway.auth.Access;
import io.camvault.gateway.http.HealthRoute;
import io.camvault.gateway.http.MetricsRoute;
import io.camvault.gateway.metrics.GatewayMetrics;
import io.camvault.gateway.protocol.GatewayError;
import io.camvault.gateway.tus.TusContext;
import io.camvault.gateway.tus.TusRoute;
import io.camvault.gateway.upload.UploadStore;
import io.camvault.gateway.http.Route;
import io.camvault.gateway.upload.DiskSpace;
import io.camvault.gateway.review.ReviewBackend;
import io.camvault.gateway.review.ReviewRoutes;
import io.camvault.gateway.tls.ReloadingTls;
import io.camvault.vault.ThreadNiceness;
import io.camvault.vault.Vault;
import io.camvault.vault.media.IngestActivity;
import io.camvault.vault.media.MediaWorker;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's bootstrap: binds the port, owns the event loops and the writer pool, and shuts
 * them down in an order that loses nothing: stop accepting, close connections, let queued chunk
 * writes finish and fsync, then stop the threads.
 */
public final class GatewayServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);

    private final GatewayConfig config;
    private final Backend backend;
    private final DiskSpace disk;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private Access access;
    private final ExecutorService writers;
    private final ExecutorService smallWriters;
    private final ExecutorService control;
    /** Cuts clips: one at a time, off the control pool, so an exact re-encode never delays API answers. */
    private final ExecutorService clips;
    /** Commits the backlog of uploads that found the object store unreachable, once it answers again. */
    private final java.util.concurrent.ScheduledExecutorService drain;
    private final GatewayMetrics metrics;
    private final UploadStore uploads;
    private final ChannelGroup connections = new DefaultChannelGroup("camvault-connections", GlobalEventExecutor.INSTANCE);
    private final Channel serverChannel;
    /** The port's TLS, or null for plain HTTP. */
    private final ReloadingTls tls;
    private volatile boolean closing;

    private GatewayServer(GatewayConfig config, Backend backend, DiskSpace disk, ReviewBackend review)
            throws InterruptedException {
        this.config = config;
        this.backend = backend;
        this.disk = disk;
        this.boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        this.workers = new MultiThreadIoEventLoopGroup(config.ioThreads(), NioIoHandler.newFactory());
        this.writers = Executors.newFixedThreadPool(config.writerThreads(),
                daemonThreads("camvault-writer-", config.bigWriterNice()));
        this.smallWriters = Executors.newFixedThreadPool(config.writerThreads(), daemonThreads("camvault-small-writer-"));
        this.control = Executors.newFixedThreadPool(config.writerThreads(), daemonThreads("camvault-control-"));
        this.clips = Executors.newFixedThreadPool(1, daemonThreads("camvault-clip-"));
        this.metrics = new GatewayMetrics(this::activeUploads, disk::freeBytes);
        this.uploads = new UploadStore(config, backend, disk, writers, smallWriters, metrics);
        metrics.gauge("camvault_store_backlog_uploads",
                "Uploads holding all their bytes whose commit waits for the object store.", () -> uploads.storeBacklog()[0]);
        metrics.gauge("camvault_store_backlog_bytes",
                "Bytes of uploads whose commit waits for the object store (kept in local staging).",
                () -> uploads.storeBacklog()[1]);
        this.drain = Executors.newSingleThreadScheduledExecutor(daemonThreads("camvault-store-drain-"));
        try {
            this.tls = config.tls() == null ? null : new ReloadingTls(config.tls());
            Access access = new Access(backend);
            this.access = access;
            // unauthenticated refusals are summarised per source and minute (see UnauthenticatedDenials)
            boss.scheduleAtFixedRate(() -> runQuietly(() -> access.flushDenials(false)), 10, 10, TimeUnit.SECONDS);
            TusContext tus = new TusContext(config, uploads, access, control);
            List<Route> routes = new java.util.ArrayList<>(List.of(new HealthRoute(this::notReady),
                    new MetricsRoute(metrics), new TusRoute(tus)));
            ReviewRoutes.register(routes, backend, review, access, control, clips); // before SegmentsRoute
            if (backend instanceof CustodyBackend custody) {
                routes.add(new SegmentsRoute(backend, access, control,
                        ref -> custody.findCase(ref).map(io.camvault.vault.model.CaseRecord::id), custody::officersNamed));
                routes.add(new io.camvault.gateway.api.PeopleRoute(custody, access, control));
                routes.add(new io.camvault.gateway.api.PrincipalsRoute(custody, access, control));
                routes.add(new CasesRoute(custody, access, control));
                routes.add(new ExportsRoute(custody, access, control));
                routes.add(new AuditRoute(custody, access, control, backend::audit));
                routes.add(new StatsRoute(custody, access, control));
                routes.add(new io.camvault.gateway.api.BackupRoute(custody, access, control, backend::audit));
            } else {
                routes.add(new SegmentsRoute(backend, access, control));
            }
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new GatewayInitializer(config, routes, connections::add, tls,
                            new io.camvault.gateway.tls.HandshakeAudit(backend::audit, control),
                            new io.camvault.gateway.http.ConnectionLimit(config.maxConnections(),
                                    config.overloadRetryAfter().toSeconds())));
            this.serverChannel = bootstrap.bind(config.host(), config.port()).sync().channel();
            if (tls != null) {
                long every = config.tls().reloadInterval().toMillis();
                boss.scheduleWithFixedDelay(tls::reloadIfChanged, every, every, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException | RuntimeException e) {
            shutdownThreads();
            throw e;
        }
        LOG.info("gateway.started address={} port={} scheme={}", config.host(), port(), tls == null ? "http" : "https");
        control.execute(this::settleAtStart);
        long every = Math.max(1, config.overloadRetryAfter().toSeconds());
        drain.scheduleWithFixedDelay(this::drainBacklog, every, every, TimeUnit.SECONDS);
    }

    /**
     * When uploads wait for the object store and it answers again, commits them without waiting for
     * their clients (a dock may have given up, or believe them stored).
     */
    private void drainBacklog() {
        try {
            if (closing || uploads.storeBacklog()[0] == 0 || backend.storeUnreachable().isPresent()) {
                return;
            }
            int n = uploads.settleReceived();
            LOG.info("upload.backlog_drained count={} left={}", n, uploads.storeBacklog()[0]);
        } catch (RuntimeException e) {
            if (!closing) {
                LOG.warn("upload.backlog_drain_failed error=\"{}\"", e.toString());
            }
        }
    }

    /** Uploads whose bytes were all in when the daemon last stopped are committed now, not at the next expiry pass. */
    private void settleAtStart() {
        try {
            int n = uploads.settleReceived();
            if (n > 0) {
                LOG.info("upload.settled_at_start count={}", n);
            }
        } catch (RuntimeException e) {
            if (!closing) {
                LOG.warn("upload.settle_at_start_failed error=\"{}\"", e.toString());
            }
        }
    }

    private void runQuietly(Runnable r) {
        try {
            control.execute(r);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping: close() records what is left
        }
    }

    /** Binds and returns once listening. */
    public static GatewayServer start(GatewayConfig config, Vault vault) {
        return start(config, vault, null);
    }

    /**
     * Binds over a vault with its media worker: streams serve the worker's renditions, thumbnails
     * its posters, and clips are cut with its tool. {@code media} may be null (no renditions, no clips).
     */
    public static GatewayServer start(GatewayConfig config, Vault vault, MediaWorker media) {
        return start(config, new VaultBackend(vault), DiskSpace.of(vault.config().uploadsDir()),
                new ReviewBackend(vault, media));
    }

    /** Binds over any backend (tests use an in-memory one) and a given view of free space. */
    public static GatewayServer start(GatewayConfig config, Backend backend, DiskSpace disk) {
        return start(config, backend, disk, null);
    }

    private static GatewayServer start(GatewayConfig config, Backend backend, DiskSpace disk, ReviewBackend review) {
        try {
            return new GatewayServer(config, backend, disk, review);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding port " + config.port(), e);
        }
    }

    /** The port actually bound (useful when the config asked for port 0). */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    public GatewayConfig config() {
        return config;
    }

    /** The upload store; the scheduler calls {@link UploadStore#expire} on it. */
    public UploadStore uploads() {
        return uploads;
    }

    public GatewayMetrics metrics() {
        return metrics;
    }

    private long activeUploads() {
        return uploads == null ? 0 : uploads.activeUploads();
    }

    /** The counters background work watches to stay out of ingest's way ({@link MediaWorker#yieldTo}). */
    public IngestActivity ingestActivity() {
        return new IngestActivity() {
            @Override
            public int activeUploads() {
                return uploads.activeUploads();
            }

            @Override
            public long bytesReceived() {
                return metrics.bytesReceivedTotal();
            }
        };
    }

    /** Ready to take uploads: not shutting down, the vault open, free space above the reserve, the store answering. */
    public boolean ready() {
        return notReady().isEmpty();
    }

    /**
     * Why the gateway cannot take uploads now, as the answer {@code /readyz} gives; empty when ready.
     * Never waits for the object store: its state is what its last requests and its own occasional
     * probe saw.
     */
    public java.util.Optional<io.camvault.gateway.protocol.GatewayException> notReady() {
        if (closing) {
            return java.util.Optional.of(GatewayError.NOT_READY.exception("the gateway is shutting down"));
        }
        if (!backend.isOpen()) {
            return java.util.Optional.of(GatewayError.NOT_READY.exception("the vault is not open"));
        }
        try {
            if (disk.freeBytes() <= config.diskReserve()) {
                return java.util.Optional.of(GatewayError.NOT_READY.exception(
                        "free space on the uploads file system is at or below gateway.disk-reserve"));
            }
        } catch (RuntimeException e) {
            LOG.warn("readiness.disk_unreadable error={}", e.toString());
            return java.util.Optional.of(GatewayError.NOT_READY.exception("free space on the uploads file system "
                    + "cannot be read"));
        }
        java.util.Optional<String> store = backend.storeUnreachable();
        if (store.isPresent()) {
            // the reason (endpoint, SDK text) goes to the log, not to whoever asks /readyz
            long[] backlog = uploads.storeBacklog();
            return java.util.Optional.of(GatewayError.STORE_UNAVAILABLE.exception("uploads are received and kept; "
                    + backlog[0] + " complete upload(s) wait for the store and are committed when it answers again"));
        }
        return java.util.Optional.empty();
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        LOG.info("gateway.stopping port={}", port());
        serverChannel.close().syncUninterruptibly();
        connections.close().syncUninterruptibly();
        if (access != null) {
            runQuietly(() -> access.flushDenials(true));
        }
        drain.shutdownNow();
        control.shutdown();
        clips.shutdown();
        writers.shutdown();
        smallWriters.shutdown();
        try {
            control.awaitTermination(config.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS);
            long deadline = System.nanoTime() + config.shutdownTimeout().toNanos();
            for (ExecutorService pool : List.of(writers, smallWriters)) {
                if (!pool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    LOG.warn("gateway.writers_unfinished timeout={}", config.shutdownTimeout());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        shutdownThreads();
        LOG.info("gateway.stopped");
    }

    private void shutdownThreads() {
        drain.shutdownNow();
        control.shutdownNow();
        clips.shutdownNow();
        writers.shutdownNow();
        smallWriters.shutdownNow();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        return daemonThreads(prefix, 0);
    }

    /** Threads that first lower their own priority to {@code nice} (see {@link ThreadNiceness}). */
    private static ThreadFactory daemonThreads(String prefix, int nice) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(nice == 0 ? r : () -> {
                ThreadNiceness.apply(nice);
                r.run();
            }, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
