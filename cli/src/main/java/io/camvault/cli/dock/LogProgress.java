package io.camvault.cli.dock;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress as log lines, for a dock without a terminal: one {@code dock.progress} line per file
 * each time it passes another 10 % or every 5 seconds, whichever comes first.
 */
public final class LogProgress implements DockListener {
    private static final Logger LOG = LoggerFactory.getLogger("dock.progress");
    private static final long EVERY_NANOS = 5_000_000_000L;

    private final LongSupplier nanos;
    private final Map<String, FileState> current = new ConcurrentHashMap<>();

    private static final class FileState {
        final String path;
        final long startNanos;
        final long startOffset;
        long lastNanos;
        long lastTenth = -1;

        FileState(String path, long startNanos, long startOffset) {
            this.path = path;
            this.startNanos = startNanos;
            this.startOffset = startOffset;
            this.lastNanos = startNanos;
        }
    }

    public LogProgress() {
        this(System::nanoTime);
    }

    LogProgress(LongSupplier nanos) {
        this.nanos = nanos;
    }

    @Override
    public void uploading(String serial, String path, long offset, long size) {
        long now = nanos.getAsLong();
        FileState s = current.compute(serial, (k, v) -> v == null || !v.path.equals(path) ? new FileState(path, now, offset) : v);
        long tenth = size == 0 ? 10 : offset * 10 / size;
        if (tenth > s.lastTenth || now - s.lastNanos >= EVERY_NANOS) {
            s.lastTenth = Math.max(tenth, s.lastTenth);
            s.lastNanos = now;
            double seconds = Math.max(1e-3, (now - s.startNanos) / 1e9);
            LOG.info("dock.progress recorder={} file={} bytes={}/{} rate={}MB/s", serial, path, offset, size,
                    Figures.oneDecimal((offset - s.startOffset) / seconds / 1e6));
        }
    }

    @Override
    public void fileFinished(String serial, Receipt.FileEntry entry) {
        current.remove(serial);
    }
}
