package io.camvault.cli.dock;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * What one dock of one recorder did, file by file: written as JSON to
 * {@code <receipts>/<serial>-<yyyyMMdd'T'HHmmss.SSS'Z'>.json} when the recorder is done (or stopped).
 */
public record Receipt(
        String recorder,
        String officer,
        String officerName,
        String unit,
        String station,
        String mount,
        String server,
        Instant startedAt,
        Instant finishedAt,
        boolean wipeRequested,
        int committed,
        int alreadyStored,
        int failed,
        List<FileEntry> files) {

    public static final String COMMITTED = "committed";
    public static final String ALREADY_STORED = "already-stored";
    public static final String FAILED = "failed";

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper LINE = JSON.copy().disable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /**
     * One file.
     *
     * @param status       {@value #COMMITTED}, {@value #ALREADY_STORED} (the vault held these bytes before this
     *                     dock's upload) or {@value #FAILED}
     * @param reason       why it failed (or {@code null})
     * @param resumedFrom  the daemon's offset when this run took the upload over (0 for a fresh upload)
     * @param bytesSent    body bytes this run sent
     * @param wiped        whether the file was deleted from the recorder
     * @param keptBecause  with a wipe requested, why the file was kept
     */
    public record FileEntry(String path, long size, String sha256, String status, String reason, String segmentId,
            String uploadUrl, long resumedFrom, long bytesSent, Confirmation confirmation, boolean wiped,
            String keptBecause) {
    }

    public static Receipt of(DeviceInfo device, String station, Path mount, String server, Instant startedAt,
            Instant finishedAt, boolean wipe, List<FileEntry> files) {
        int committed = (int) files.stream().filter(f -> f.status().equals(COMMITTED)).count();
        int already = (int) files.stream().filter(f -> f.status().equals(ALREADY_STORED)).count();
        return new Receipt(device.serial(), device.badge(), device.officerName(), device.unit(), station,
                mount.toAbsolutePath().toString(), server, startedAt, finishedAt, wipe, committed, already,
                files.size() - committed - already, List.copyOf(files));
    }

    /** Writes durably and returns the file. */
    public Path write(Path dir) throws IOException {
        Path target = dir.resolve(fileName(recorder, startedAt));
        Durable.write(target, JSON.writeValueAsBytes(this));
        return target;
    }

    /** The receipt file name of a recorder docked from {@code startedAt}. */
    static String fileName(String recorder, Instant startedAt) {
        return recorder + "-" + STAMP.format(startedAt) + ".json";
    }

    /** One entry as a JSON line, for the {@link ReceiptJournal}. */
    static byte[] jsonLine(FileEntry entry) throws IOException {
        byte[] json = LINE.writeValueAsBytes(entry);
        byte[] line = java.util.Arrays.copyOf(json, json.length + 1);
        line[json.length] = '\n';
        return line;
    }

    public static Receipt read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), Receipt.class);
    }
}
