package io.camvault.vault.store.s3;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Whether the cluster answers, as last seen, for readiness and for failing fast. Two sources: every
 * commit reports how it went, and a probe — a HEAD of one fixed key, answered by RGW from RADOS, so it
 * hangs like a write does when the OSD is down (a HEAD of the bucket is answered from RGW's cache) —
 * runs on a thread of its own when the last word is older than {@link #STALE}, at most one at a time.
 * Asking never waits for the cluster and never sends more than one probe per {@link #STALE}.
 */
final class S3Health implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(S3Health.class);
    /** How old the last word may be before a question about health starts a probe. */
    static final Duration STALE = Duration.ofSeconds(5);
    /** A probe that takes longer counts as "the store does not answer". */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    static final String PROBE_KEY = "health/probe";

    /** @param hangs the store held the request until a timeout (rather than refusing the connection) */
    private record Word(String problem, boolean hangs, long atNanos) {
    }

    private final S3Client s3;
    private final String bucket;
    private final AtomicBoolean probing = new AtomicBoolean();
    private final ExecutorService prober = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "camvault-s3-probe");
        t.setDaemon(true);
        return t;
    });
    private volatile Word last = new Word(null, false, System.nanoTime());

    S3Health(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** Why the store cannot be reached, as last seen; empty when it answered. Starts a probe when that word is stale. */
    Optional<String> problem() {
        Word w = last;
        if (System.nanoTime() - w.atNanos() > STALE.toNanos()) {
            probeLater();
        }
        return Optional.ofNullable(w.problem());
    }

    /**
     * The problem when the store was seen hanging (a timeout, not a refusal) less than {@link #STALE}
     * ago: a commit then fails at once rather than holding a writer thread for the call timeout. A
     * refused connection fails fast by itself and is not short-cut, so a store that is back is used
     * at once. Starts a probe, which clears the word as soon as the store answers.
     */
    Optional<String> recentProblem() {
        Word w = last;
        if (w.problem() == null || !w.hangs()) {
            return Optional.empty();
        }
        probeLater();
        if (System.nanoTime() - w.atNanos() > STALE.toNanos()) {
            return Optional.empty(); // old news: let the request try, it reports how it went
        }
        return Optional.of(w.problem());
    }

    void answered() {
        Word before = last;
        last = new Word(null, false, System.nanoTime());
        if (before.problem() != null) {
            LOG.info("objectstore.reachable bucket={}", bucket);
        }
    }

    void failed(String why, boolean hangs) {
        Word before = last;
        last = new Word(why, hangs, System.nanoTime());
        if (before.problem() == null) {
            LOG.warn("objectstore.unreachable bucket={} reason=\"{}\"", bucket, why);
        }
    }

    private void probeLater() {
        if (!probing.compareAndSet(false, true)) {
            return;
        }
        try {
            prober.execute(() -> {
                try {
                    probe();
                } finally {
                    probing.set(false);
                }
            });
        } catch (RejectedExecutionException e) {
            probing.set(false); // closed
        }
    }

    /** One HEAD of {@link #PROBE_KEY}: 200 or 404 both mean the cluster answered. */
    void probe() {
        try {
            s3.headObject(b -> b.bucket(bucket).key(PROBE_KEY)
                    .overrideConfiguration(o -> o.apiCallTimeout(PROBE_TIMEOUT).apiCallAttemptTimeout(PROBE_TIMEOUT)));
            answered();
        } catch (SdkException e) {
            if (S3Errors.status(e, 404)) {
                answered();
            } else if (S3Errors.status(e, 403)) {
                failed("the store refuses camvault's credentials (403) for bucket " + bucket, false);
            } else {
                failed(S3Errors.wrap("probe", e).getMessage(), hangs(e));
            }
        }
    }

    /** Whether {@code failure} is a timeout: the store held the request rather than refusing it. */
    static boolean hangs(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof software.amazon.awssdk.core.exception.ApiCallTimeoutException
                    || t instanceof software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException
                    || t instanceof java.net.SocketTimeoutException
                    || t instanceof java.io.InterruptedIOException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        prober.shutdownNow();
    }
}
