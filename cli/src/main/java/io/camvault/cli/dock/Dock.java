package io.camvault.cli.dock;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent: docks recorders on a pool of {@code parallel} threads (one recorder per thread, its
 * files in turn), so a dock of 20 recorders keeps a bounded number of streams open.
 */
public final class Dock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dock.class);

    /** A recorder to dock: where it is mounted and who it is. */
    public record Mount(Path path, DeviceInfo device) {
    }

    /**
     * How one recorder's dock ended.
     *
     * @param receipt      its receipt, or {@code null} when the dock could not run at all
     * @param error        why it could not run (unreadable mount, receipt not writable), or {@code null}
     * @param tokenRefused the daemon refused the token
     */
    public record Outcome(Mount mount, Receipt receipt, Path receiptFile, String error, boolean tokenRefused) {
        public boolean allStored() {
            return error == null && receipt != null && receipt.failed() == 0;
        }
    }

    private final DockSettings settings;
    private final DockListener listener;
    private final Clock clock;
    private final Stopper stopper = new Stopper();
    private final ExecutorService pool;

    public Dock(DockSettings settings, DockListener listener, Clock clock) {
        this.settings = settings;
        this.listener = listener;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(settings.parallel(), r -> {
            Thread t = new Thread(r, "camvault-dock-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public Stopper stopper() {
        return stopper;
    }

    /** Queues one recorder; the future never fails (problems are in the outcome). */
    public CompletableFuture<Outcome> submit(Mount m) {
        return CompletableFuture.supplyAsync(() -> run(m), pool);
    }

    /** Docks every mount and waits for all of them. */
    public List<Outcome> dockAll(List<Mount> mounts) {
        List<CompletableFuture<Outcome>> futures = new ArrayList<>();
        for (Mount m : mounts) {
            futures.add(submit(m));
        }
        List<Outcome> out = new ArrayList<>();
        for (CompletableFuture<Outcome> f : futures) {
            out.add(f.join());
        }
        return out;
    }

    private Outcome run(Mount m) {
        try {
            RecorderDock.Result r = new RecorderDock(settings, stopper, listener, clock).dock(m.path(), m.device());
            return new Outcome(m, r.receipt(), r.receiptFile(), null, r.tokenRefused());
        } catch (Exception e) {
            LOG.error("dock.recorder_error recorder={} mount={} error=\"{}\"", m.device().serial(), m.path(), e.toString());
            return new Outcome(m, null, null, e.getMessage() == null ? e.toString() : e.getMessage(), false);
        }
    }

    /** Asks in-flight uploads to end their current request and waits up to {@code seconds} for them. */
    /** Stops docking; returns whether every recorder's work ended (receipts written) within {@code seconds}. */
    public boolean stop(long seconds) {
        stopper.stop();
        pool.shutdown();
        try {
            if (!pool.awaitTermination(seconds, TimeUnit.SECONDS)) {
                LOG.warn("dock.stop_timeout seconds={}", seconds);
                return false;
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        pool.shutdown();
    }
}
