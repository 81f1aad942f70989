package io.camvault.vault.media;

import io.camvault.vault.Vault;
import io.camvault.vault.VaultException;
import io.camvault.vault.model.Segment;
import io.camvault.vault.model.SegmentId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the queued media jobs ({@link MediaJobs}) on a small pool of threads, apart from ingest: a
 * commit only stages a queue entry, and this worker picks it up on its next poll (or at once after
 * {@link #wake()}). At most {@code threads} jobs run at a time; the backlog stays in the index, not
 * in memory, so a restart resumes it and a burst of commits costs no heap.
 *
 * <p>Below ingest in priority: Linux ignores Java thread priorities, so jobs give way to ingest
 * themselves. Once told the gateway's counters ({@link #yieldTo}), the worker samples them and
 * {@link YieldToIngest} holds jobs before they start and between frames and packets while uploads
 * stream in, letting them run only a small share of the time until ingest is quiet. Clips, which a
 * person waits for, go through {@link #processor()} and are not held.
 */
public final class MediaWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MediaWorker.class);

    /**
     * @param threads concurrent media jobs (default 1: one transcode already fills a core)
     * @param poll    how often the queue is looked at when nobody calls {@link #wake()} (default 1 s)
     * @param ingest  how jobs give way to ingest
     * @param nice    Linux nice value of the media threads and the threads they start (default 19,
     *                below the big uploads' writers at 15; 0 leaves them at the daemon's)
     */
    public record Settings(int threads, Duration poll, ProxySettings proxy, YieldToIngest.Settings ingest, int nice) {
        public static final Settings DEFAULT = new Settings(1, Duration.ofSeconds(1), ProxySettings.DEFAULT,
                YieldToIngest.Settings.DEFAULT, 19);

        public Settings(int threads, Duration poll, ProxySettings proxy) {
            this(threads, poll, proxy, DEFAULT.ingest(), DEFAULT.nice());
        }

        public Settings {
            if (threads < 1 || threads > 64) {
                throw new IllegalArgumentException("media threads must be between 1 and 64, got " + threads);
            }
            if (nice < 0 || nice > 19) {
                throw new IllegalArgumentException("media nice value must be between 0 and 19, got " + nice);
            }
            if (poll.isNegative() || poll.isZero()) {
                throw new IllegalArgumentException("media poll interval must be positive");
            }
        }
    }

    private final Vault vault;
    private final MediaJobs jobs;
    private final MediaProcessor processor;
    /** The processor jobs use: same tool and store, but paced by {@link #pacer}. */
    private final MediaProcessor jobProcessor;
    private final MediaTool pacedTool;
    private final YieldToIngest pacer;
    private final DerivedStore derived;
    private final Settings settings;
    private final ScheduledExecutorService dispatcher;
    private final ExecutorService pool;
    /** Work a person asked for that may take minutes (redacted copies): one at a time, as low as media jobs. */
    private final ExecutorService requested;
    private final Set<SegmentId> running = ConcurrentHashMap.newKeySet();
    /** Jobs whose original the store could not hand over, and when (System.nanoTime) to try them again. */
    private final java.util.Map<SegmentId, Long> retryAt = new ConcurrentHashMap<>();
    private static final Duration RETRY_LATER = Duration.ofSeconds(30);
    private volatile boolean closed;
    /** Set once the start-up backfill pass has run (or failed); {@link #idle} waits for it. */
    private volatile boolean backfillDone;

    private MediaWorker(Vault vault, MediaTool tool, Settings settings) {
        this.vault = vault;
        this.jobs = vault.mediaJobs();
        this.derived = new DerivedStore(vault.config().dataDir(), vault.clock());
        this.processor = new MediaProcessor(tool, derived, settings.proxy());
        this.pacer = YieldToIngest.onSystemClock(settings.ingest());
        this.pacedTool = tool.paced(pacer);
        this.jobProcessor = new MediaProcessor(pacedTool, derived, settings.proxy());
        this.settings = settings;
        this.dispatcher = Executors.newSingleThreadScheduledExecutor(threads("camvault-media-dispatch-"));
        // the job threads start at a lower CPU priority; the dispatcher (index scans, sampling) does not
        ThreadFactory jobThreads = threads("camvault-media-");
        this.pool = Executors.newFixedThreadPool(settings.threads(),
                r -> jobThreads.newThread(() -> {
                    io.camvault.vault.ThreadNiceness.apply(settings.nice());
                    r.run();
                }));
        ThreadFactory requestedThreads = threads("camvault-media-requested-");
        this.requested = Executors.newSingleThreadExecutor(r -> requestedThreads.newThread(() -> {
            io.camvault.vault.ThreadNiceness.apply(settings.nice());
            r.run();
        }));
    }

    /** Starts polling the queue; pending work from before a restart is picked up at once. */
    public static MediaWorker start(Vault vault, MediaTool tool, Settings settings) {
        MediaWorker w = new MediaWorker(vault, tool, settings);
        w.dispatcher.execute(() -> {
            try {
                long n = w.jobs.backfill();
                if (n > 0) {
                    LOG.info("media.backfilled segments={}", n);
                }
            } catch (RuntimeException e) {
                LOG.warn("media.backfill_failed error=\"{}\"", e.toString());
            } finally {
                w.backfillDone = true;
            }
        });
        w.dispatcher.scheduleWithFixedDelay(w::dispatch, 0, settings.poll().toMillis(), TimeUnit.MILLISECONDS);
        long sample = YieldToIngest.SAMPLE.toMillis();
        w.dispatcher.scheduleAtFixedRate(w::sampleIngest, sample, sample, TimeUnit.MILLISECONDS);
        LOG.info("media.worker_started threads={} poll={} ingest_busy_rate={} ingest_quiet={} duty_cycle_while_busy={}",
                settings.threads(), settings.poll(), settings.ingest().busyBytesPerSecond(), settings.ingest().quiet(),
                settings.ingest().dutyCycle());
        return w;
    }

    public MediaJobs jobs() {
        return jobs;
    }

    public DerivedStore derived() {
        return derived;
    }

    public MediaProcessor processor() {
        return processor;
    }

    /** Face detection that gives way to ingest like the jobs do, where OpenCV loads on this machine. */
    public java.util.Optional<io.camvault.vault.redaction.FaceFinder> faceFinder() {
        return pacedTool.faceFinder();
    }

    /** The processor background jobs use: it gives way to ingest between frames. */
    public MediaProcessor pacedProcessor() {
        return jobProcessor;
    }

    /**
     * One low-priority thread (the media jobs' nice value) for long work a person asked for, such as
     * a redacted copy; stopped with the worker.
     */
    public java.util.concurrent.Executor requestedWork() {
        return requested;
    }

    /**
     * From now on, jobs give way while these counters show uploads streaming in. Called once the
     * gateway is up (it starts after the worker); until then nothing is held.
     */
    public void yieldTo(IngestActivity ingest) {
        pacer.watch(ingest);
    }

    /** Wall time, since start, during which media jobs were held back for ingest. */
    public long deferredNanos() {
        return pacer.deferredNanos();
    }

    /** Looks at the queue now instead of at the next poll (after a commit, say). */
    public void wake() {
        if (!closed) {
            try {
                dispatcher.execute(this::dispatch);
            } catch (RejectedExecutionException e) {
                // closing
            }
        }
    }

    /**
     * Whether nothing is queued or running (tests and benchmarks wait for this); never before the
     * start-up pass has queued what earlier releases left without media work.
     */
    public boolean idle() {
        return backfillDone && running.isEmpty() && jobs.pending(1).isEmpty();
    }

    private void dispatch() {
        if (closed) {
            return;
        }
        try {
            int free = settings.threads() - running.size();
            if (free <= 0) {
                return;
            }
            List<SegmentId> next = jobs.pending(free + running.size() + retryAt.size());
            long now = System.nanoTime();
            retryAt.values().removeIf(at -> now - at >= 0);
            for (SegmentId id : next) {
                if (running.size() >= settings.threads()) {
                    break;
                }
                if (!retryAt.containsKey(id) && running.add(id)) {
                    pool.execute(() -> run(id));
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("media.dispatch_failed error=\"{}\"", e.toString());
        }
    }

    private void sampleIngest() {
        try {
            pacer.sample();
        } catch (RuntimeException e) {
            LOG.warn("media.ingest_sample_failed error=\"{}\"", e.toString());
        }
    }

    private void run(SegmentId id) {
        long deferred0 = pacer.deferredNanos();
        long t0 = System.nanoTime();
        try {
            pacer.enter();
        } catch (RuntimeException e) { // interrupted while held: closing
            running.remove(id);
            return;
        }
        try {
            Optional<Segment> s = vault.segments().get(id);
            if (s.isEmpty()) {
                jobs.forget(id);
                return;
            }
            MediaRecord record;
            try (LocalOriginal original = LocalOriginal.of(vault.objects(), s.get().sha256(),
                    derived.dir(s.get().sha256()))) {
                record = MediaRecord.of(jobProcessor.process(s.get().sha256(), original.path()), vault.clock().instant());
            } catch (VaultException e) {
                if (e.kind() != VaultException.Kind.NOT_FOUND) {
                    // The store could not hand the original over (unreachable, or bytes that fail
                    // their hash): the job stays queued and is tried again later, with no verdict.
                    LOG.warn("media.original_unavailable segment={} retry_in={} error=\"{}\"", id, RETRY_LATER,
                            e.getMessage());
                    retryAt.put(id, System.nanoTime() + RETRY_LATER.toNanos());
                    return;
                }
                record = new MediaRecord(MediaFacts.unplayable(s.get().mediaKind(), "original missing from the store"),
                        null, null, vault.clock().instant(), "original missing from the store");
            } catch (RuntimeException e) {
                LOG.warn("media.job_failed segment={} error=\"{}\"", id, e.toString());
                record = new MediaRecord(MediaFacts.unplayable(s.get().mediaKind(), "media job failed"),
                        null, null, vault.clock().instant(), "media job failed");
            }
            if (!closed) {
                jobs.complete(id, record);
                LOG.info("media.job_done segment={} playability={} rendition={} poster={} millis={} deferred_millis={}",
                        id, record.facts().playability(), record.rendition(), record.poster(),
                        (System.nanoTime() - t0) / 1_000_000, (pacer.deferredNanos() - deferred0) / 1_000_000);
            }
        } catch (RuntimeException e) {
            LOG.warn("media.job_unrecorded segment={} error=\"{}\"", id, e.toString());
        } finally {
            pacer.exit();
            running.remove(id);
            wake();
        }
    }

    /** Stops taking work, lets running jobs finish (their queue entries stay if they cannot). */
    @Override
    public void close() {
        closed = true;
        dispatcher.shutdownNow();
        requested.shutdownNow(); // a redaction cut short is not recorded; it is asked for again
        pool.shutdown();
        try {
            if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
        }
        LOG.info("media.worker_stopped");
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY); // a hint only; YieldToIngest is what keeps ingest first
            return t;
        };
    }
}
