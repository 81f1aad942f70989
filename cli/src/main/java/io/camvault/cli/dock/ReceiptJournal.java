package io.camvault.cli.dock;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A recorder's receipt entries, each made durable before the file it describes is wiped: one JSON
 * line per entry, appended and fsynced. A file is deleted from a recorder only once its entry is on
 * disk, so an unwritable receipts folder (or a crash before the whole receipt is written) never
 * leaves a wiped file without a record. The journal is removed once the complete receipt is written;
 * when that write fails, the journal remains as the record.
 */
final class ReceiptJournal {
    private final Path file;
    private FileChannel channel;

    ReceiptJournal(Path file) {
        this.file = file;
    }

    /** The journal beside the receipt {@code receiptName} in {@code dir} (hidden until cleaned up). */
    static ReceiptJournal beside(Path dir, String receiptName) {
        return new ReceiptJournal(dir.resolve("." + receiptName + ".journal.jsonl"));
    }

    /** Appends {@code entry} and forces it to disk; the caller wipes only after this returns. */
    void append(Receipt.FileEntry entry) throws IOException {
        if (channel == null) {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            Durable.syncDirectory(dir);
        }
        byte[] line = Receipt.jsonLine(entry);
        ByteBuffer b = ByteBuffer.wrap(line);
        while (b.hasRemaining()) {
            channel.write(b);
        }
        channel.force(true);
    }

    /** Closes the journal; with {@code superseded} (the whole receipt is written) it is deleted. */
    void close(boolean superseded) throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
        if (superseded) {
            Files.deleteIfExists(file);
        }
    }
}
