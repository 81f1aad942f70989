package io.camvault.cli.dock;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Progress on a terminal: a bar per recorder and a total, with rate and time left, redrawn in place
 * twice a second (ANSI cursor-up and erase-line). Finished recorders stay listed with their counts.
 */
public final class TerminalProgress implements DockListener, AutoCloseable {
    private static final int BAR = 24;

    private final PrintStream out;
    private final ScheduledExecutorService ticker;
    private final Map<String, Row> rows = new LinkedHashMap<>();
    private final long startNanos = System.nanoTime();
    private int drawnLines;

    private static final class Row {
        int files;
        long bytes;
        int filesDone;
        long bytesDone;
        long current;
        long movedThisRun;
        long lastOffset = -1;
        String file = "";
        String phase = "waiting";
        int failed;
        boolean finished;
        long startNanos = System.nanoTime();
    }

    public TerminalProgress(PrintStream out) {
        this.out = out;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "camvault-dock-progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::draw, 500, 500, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void recorderStarted(String serial, int files, long bytes) {
        Row r = new Row();
        r.files = files;
        r.bytes = bytes;
        rows.put(serial, r);
    }

    @Override
    public synchronized void hashing(String serial, String path, long done, long size) {
        Row r = rows.get(serial);
        if (r != null) {
            r.file = path;
            r.phase = "hashing " + (size == 0 ? 100 : done * 100 / size) + "%";
        }
    }

    @Override
    public synchronized void uploading(String serial, String path, long offset, long size) {
        Row r = rows.get(serial);
        if (r != null) {
            r.file = path;
            r.phase = "uploading";
            if (r.lastOffset >= 0 && offset > r.lastOffset) {
                r.movedThisRun += offset - r.lastOffset;
            }
            r.lastOffset = offset;
            r.current = offset;
        }
    }

    @Override
    public synchronized void fileFinished(String serial, Receipt.FileEntry entry) {
        Row r = rows.get(serial);
        if (r != null) {
            r.filesDone++;
            r.bytesDone += entry.size();
            r.current = 0;
            r.lastOffset = -1;
            if (entry.status().equals(Receipt.FAILED)) {
                r.failed++;
            }
        }
    }

    @Override
    public synchronized void recorderFinished(String serial, Receipt receipt) {
        Row r = rows.get(serial);
        if (r != null) {
            r.finished = true;
            r.phase = receipt.failed() == 0 ? "done" : receipt.failed() + " failed";
            r.file = "";
        }
        draw();
    }

    synchronized void draw() {
        List<String> lines = new ArrayList<>();
        long allBytes = 0;
        long allDone = 0;
        long allMoved = 0;
        for (Map.Entry<String, Row> e : rows.entrySet()) {
            Row r = e.getValue();
            long done = Math.min(r.bytes, r.bytesDone + r.current);
            allBytes += r.bytes;
            allDone += done;
            allMoved += r.movedThisRun;
            lines.add(line(e.getKey(), done, r.bytes, r.movedThisRun, r.startNanos,
                    r.filesDone + "/" + r.files + " files " + r.phase + (r.file.isEmpty() ? "" : " " + r.file)));
        }
        lines.add(line("total", allDone, allBytes, allMoved, startNanos, rows.size() + " recorders"));
        StringBuilder sb = new StringBuilder();
        if (drawnLines > 0) {
            sb.append("\033[").append(drawnLines).append('A');
        }
        for (String l : lines) {
            sb.append("\r\033[2K").append(l).append('\n');
        }
        out.print(sb);
        out.flush();
        drawnLines = lines.size();
    }

    private static String line(String name, long done, long total, long moved, long since, String tail) {
        double seconds = Math.max(1e-3, (System.nanoTime() - since) / 1e9);
        double rate = moved / seconds;
        double left = rate > 0 ? (total - done) / rate : Double.NaN;
        int pct = total <= 0 ? 100 : (int) (done * 100 / total);
        return String.format("%-8s %s %3d%% %9s/%-9s %6s MB/s  %7s left  %s", name, Figures.bar(done, total, BAR), pct,
                Figures.bytes(done), Figures.bytes(total), Figures.oneDecimal(rate / 1e6), Figures.duration(left), tail);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        draw();
    }
}
