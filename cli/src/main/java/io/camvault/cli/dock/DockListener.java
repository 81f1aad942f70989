package io.camvault.cli.dock;

/** What the agent reports as it goes: progress displays implement it, tests hook into it. Called from worker threads. */
public interface DockListener {
    default void recorderStarted(String serial, int files, long bytes) {
    }

    /** Bytes hashed so far of {@code path} (the pass before its upload). */
    default void hashing(String serial, String path, long done, long size) {
    }

    /** The daemon's offset of {@code path}, as it grows. */
    default void uploading(String serial, String path, long offset, long size) {
    }

    default void fileFinished(String serial, Receipt.FileEntry entry) {
    }

    default void recorderFinished(String serial, Receipt receipt) {
    }

    /** Fans out to several listeners. */
    static DockListener both(DockListener a, DockListener b) {
        return new DockListener() {
            @Override
            public void recorderStarted(String serial, int files, long bytes) {
                a.recorderStarted(serial, files, bytes);
                b.recorderStarted(serial, files, bytes);
            }

            @Override
            public void hashing(String serial, String path, long done, long size) {
                a.hashing(serial, path, done, size);
                b.hashing(serial, path, done, size);
            }

            @Override
            public void uploading(String serial, String path, long offset, long size) {
                a.uploading(serial, path, offset, size);
                b.uploading(serial, path, offset, size);
            }

            @Override
            public void fileFinished(String serial, Receipt.FileEntry entry) {
                a.fileFinished(serial, entry);
                b.fileFinished(serial, entry);
            }

            @Override
            public void recorderFinished(String serial, Receipt receipt) {
                a.recorderFinished(serial, receipt);
                b.recorderFinished(serial, receipt);
            }
        };
    }
}
