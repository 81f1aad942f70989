package io.camvault.bench;

import java.util.Arrays;

/** Per-operation latencies in nanoseconds; percentiles by sorting (fine for 10^4–10^5 samples). */
final class Latencies {
    private long[] samples;
    private int count;

    Latencies(int expected) {
        samples = new long[Math.max(16, expected)];
    }

    void add(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = nanos;
    }

    long sample(int i) {
        return samples[i];
    }

    int count() {
        return count;
    }

    /** The q-quantile (0..1) in microseconds, nearest-rank. */
    double micros(double q) {
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * count) - 1;
        return sorted[Math.max(0, Math.min(count - 1, rank))] / 1_000.0;
    }

    String summary() {
        return String.format("p50 %.1f us, p99 %.1f us, max %.1f us (n=%d)", micros(0.50), micros(0.99),
                micros(1.0), count);
    }
}
