package io.camvault.gateway.metrics;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The gateway's few metrics, rendered in the Prometheus text format (version 0.0.4). A handful of
 * series do not justify a metrics library; this class is the whole registry.
 */
public final class GatewayMetrics {
    /** Commit latency buckets in seconds: a rename and a synced batch usually take milliseconds. */
    static final double[] COMMIT_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final LongAdder bytesReceived = new LongAdder();
    private final LongAdder checksumFailures = new LongAdder();
    private final AtomicLongArray commitBuckets = new AtomicLongArray(COMMIT_BUCKETS.length);
    private final LongAdder commitCount = new LongAdder();
    private final DoubleAdder commitSum = new DoubleAdder();
    private final LongAdder yieldedNanos = new LongAdder();
    private final LongAdder storeFailures = new LongAdder();
    private final LongSupplier activeUploads;
    private final LongSupplier freeBytes;
    private volatile LongSupplier mediaDeferredNanos;
    private final java.util.List<Source> counters = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.List<Source> gauges = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A counter kept elsewhere in the daemon (fixity, media work), read when /metrics is asked. */
    private record Source(String name, String help, LongSupplier value) {
    }

    public GatewayMetrics(LongSupplier activeUploads, LongSupplier freeBytes) {
        this.activeUploads = activeUploads;
        this.freeBytes = freeBytes;
    }

    /** Also report how long media work was held back for ingest (the daemon's media worker). */
    public void mediaDeferred(LongSupplier nanos) {
        this.mediaDeferredNanos = nanos;
    }

    /** Exports a counter the daemon keeps outside the gateway; {@code name} should end in {@code _total}. */
    public void counter(String name, String help, LongSupplier value) {
        counters.add(new Source(name, help, value));
    }

    /** Exports a value that goes up and down (a backlog), read when /metrics is asked. */
    public void gauge(String name, String help, LongSupplier value) {
        gauges.add(new Source(name, help, value));
    }

    /** A commit found the object store unreachable (its bytes are kept for the retry). */
    public void storeFailure() {
        storeFailures.increment();
    }

    public long storeFailuresTotal() {
        return storeFailures.sum();
    }

    public void bytesReceived(long n) {
        bytesReceived.add(n);
    }

    public void checksumFailure() {
        checksumFailures.increment();
    }

    public void commitSeconds(double seconds) {
        for (int i = 0; i < COMMIT_BUCKETS.length; i++) {
            if (seconds <= COMMIT_BUCKETS[i]) {
                commitBuckets.incrementAndGet(i);
            }
        }
        commitCount.increment();
        commitSum.add(seconds);
    }

    /** A big upload held back a write this long while small uploads synced. */
    public void yieldedToSmall(long nanos) {
        yieldedNanos.add(nanos);
    }

    public long bytesReceivedTotal() {
        return bytesReceived.sum();
    }

    public long checksumFailuresTotal() {
        return checksumFailures.sum();
    }

    public String render() {
        StringBuilder sb = new StringBuilder(1024);
        counter(sb, "camvault_bytes_received_total", "Upload body bytes written to partial files.", bytesReceived.sum());
        gauge(sb, "camvault_uploads_active", "Uploads receiving a body right now.", activeUploads.getAsLong());
        sb.append("# HELP camvault_commit_seconds Time from last byte to committed segment.\n");
        sb.append("# TYPE camvault_commit_seconds histogram\n");
        for (int i = 0; i < COMMIT_BUCKETS.length; i++) {
            sb.append("camvault_commit_seconds_bucket{le=\"").append(COMMIT_BUCKETS[i]).append("\"} ")
                    .append(commitBuckets.get(i)).append('\n');
        }
        long count = commitCount.sum();
        sb.append("camvault_commit_seconds_bucket{le=\"+Inf\"} ").append(count).append('\n');
        sb.append("camvault_commit_seconds_sum ").append(commitSum.sum()).append('\n');
        sb.append("camvault_commit_seconds_count ").append(count).append('\n');
        counter(sb, "camvault_checksum_failures_total", "Uploads or requests whose checksum did not match.",
                checksumFailures.sum());
        sb.append("# HELP camvault_big_upload_yield_seconds_total Time big uploads held back writes while small ones synced.\n");
        sb.append("# TYPE camvault_big_upload_yield_seconds_total counter\n");
        sb.append("camvault_big_upload_yield_seconds_total ").append(yieldedNanos.sum() / 1e9).append('\n');
        long free;
        try {
            free = freeBytes.getAsLong();
        } catch (RuntimeException e) {
            free = -1;
        }
        gauge(sb, "camvault_free_bytes", "Free bytes on the uploads file system.", free);
        counter(sb, "camvault_store_failures_total",
                "Commits that found the object store unreachable (bytes kept, answered 503 Retry-After).",
                storeFailures.sum());
        for (Source g : gauges) {
            gauge(sb, g.name(), g.help(), g.value().getAsLong());
        }
        for (Source c : counters) {
            counter(sb, c.name(), c.help(), c.value().getAsLong());
        }
        LongSupplier deferred = mediaDeferredNanos;
        if (deferred != null) {
            sb.append("# HELP camvault_media_deferred_seconds_total Time media jobs were held back while ingest was busy.\n");
            sb.append("# TYPE camvault_media_deferred_seconds_total counter\n");
            sb.append("camvault_media_deferred_seconds_total ").append(deferred.getAsLong() / 1e9).append('\n');
        }
        return sb.toString();
    }

    private static void counter(StringBuilder sb, String name, String help, long value) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(" counter\n");
        sb.append(name).append(' ').append(value).append('\n');
    }

    private static void gauge(StringBuilder sb, String name, String help, long value) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(" gauge\n");
        sb.append(name).append(' ').append(value).append('\n');
    }
}
