package io.camvault.cli.dock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Docks one recorder: hashes, uploads, confirms and (with {@code --wipe}) deletes each of its files in
 * turn, then writes its receipt. One file's failure never stops the others, except a refused token.
 */
final class RecorderDock {
    private static final Logger LOG = LoggerFactory.getLogger(RecorderDock.class);

    private final DockSettings settings;
    private final Stopper stopper;
    private final DockListener listener;
    private final Clock clock;

    RecorderDock(DockSettings settings, Stopper stopper, DockListener listener, Clock clock) {
        this.settings = settings;
        this.stopper = stopper;
        this.listener = listener;
        this.clock = clock;
    }

    /** A file to dock, with its attributes when listed. */
    record LocalFile(Path path, String relative, long size, Instant modified, Instant created) {
        static LocalFile of(Path mount, Path p) throws IOException {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            String rel = mount.relativize(p).toString().replace('\\', '/');
            return new LocalFile(p, rel, a.size(), a.lastModifiedTime().toInstant(), a.creationTime().toInstant());
        }

        /** Whether size and mtime are still those listed (a recorder file does not change once closed). */
        boolean unchanged() throws IOException {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.size() == size && a.lastModifiedTime().toInstant().equals(modified);
        }
    }

    /** Every regular file below {@code mount}, skipping hidden files and folders (which includes the info file). */
    static List<LocalFile> list(Path mount) throws IOException {
        List<LocalFile> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(mount)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || hidden(mount, p)) {
                    continue;
                }
                files.add(LocalFile.of(mount, p));
            }
        }
        files.sort((a, b) -> a.relative().compareTo(b.relative()));
        return files;
    }

    private static boolean hidden(Path mount, Path p) {
        for (Path part : mount.relativize(p)) {
            String s = part.toString();
            if (s.startsWith(".") || s.equals(DeviceInfo.INSIDE)) {
                return true;
            }
        }
        return false;
    }

    /** A docked recorder: its receipt, and whether the daemon refused the token (no file could succeed). */
    record Result(Receipt receipt, Path receiptFile, boolean tokenRefused) {
    }

    Result dock(Path mount, DeviceInfo device) throws IOException {
        Instant started = clock.instant();
        String serial = device.serial();
        List<LocalFile> files = list(mount);
        UploadState state = UploadState.open(settings.stateDir(serial));
        listener.recorderStarted(serial, files.size(), files.stream().mapToLong(LocalFile::size).sum());
        LOG.info("dock.recorder_started recorder={} badge={} mount={} files={}", serial, device.badge(), mount, files.size());
        TusFileUpload uploads = new TusFileUpload(settings, state, stopper);
        SegmentConfirmer confirmer = new SegmentConfirmer(settings, stopper);
        List<Receipt.FileEntry> entries = new ArrayList<>();
        ReceiptJournal journal = ReceiptJournal.beside(settings.receiptsDir(), Receipt.fileName(serial, started));
        String stopAll = null;
        for (LocalFile f : files) {
            Receipt.FileEntry e;
            if (stopAll != null) {
                e = failed(f, null, stopAll);
            } else if (stopper.stopRequested()) {
                e = failed(f, null, "stopped before its upload; it is docked on the next run");
            } else {
                try {
                    e = dockFile(f, device, state, uploads, confirmer, journal);
                } catch (DockFailure x) {
                    e = failed(f, null, x.getMessage());
                    if (x.stopAll()) {
                        stopAll = x.getMessage();
                    }
                }
            }
            if (e.status().equals(Receipt.FAILED)) {
                LOG.warn("dock.file_failed recorder={} file={} reason=\"{}\"", serial, f.relative(), e.reason());
            }
            entries.add(e);
            listener.fileFinished(serial, e);
        }
        Receipt receipt = Receipt.of(device, settings.station(), mount, settings.server().toString(), started,
                clock.instant(), settings.wipe(), entries);
        Path written;
        try {
            written = receipt.write(settings.receiptsDir());
        } catch (IOException e) {
            journal.close(false); // the journal stays: it records every file wiped in this run
            throw e;
        }
        journal.close(true);
        LOG.info("dock.recorder_finished recorder={} committed={} alreadyStored={} failed={} receipt={}", serial,
                receipt.committed(), receipt.alreadyStored(), receipt.failed(), written);
        listener.recorderFinished(serial, receipt);
        return new Result(receipt, written, stopAll != null);
    }

    private Receipt.FileEntry dockFile(LocalFile f, DeviceInfo device, UploadState state, TusFileUpload uploads,
            SegmentConfirmer confirmer, ReceiptJournal journal) throws DockFailure {
        String serial = device.serial();
        String sha = null;
        try {
            sha = FileHasher.sha256(f.path(), done -> listener.hashing(serial, f.relative(), done, f.size()),
                    stopper::stopRequested);
            if (!f.unchanged()) {
                return failed(f, sha, "the file changed while it was being read; it is docked on the next run");
            }
            Map<String, String> md = SegmentMetadata.of(device, settings.station(), f.relative(),
                    SegmentMetadata.times(f.relative(), f.created(), f.modified(), settings.zone()), sha);
            String fingerprint = UploadState.fingerprint(f.relative(), f.size(), f.modified().toEpochMilli(), sha);
            TusFileUpload.Uploaded up = uploads.upload(f.path(), f.size(), fingerprint, md,
                    offset -> listener.uploading(serial, f.relative(), offset, f.size()));
            if (up.segment() == null) {
                return entry(f, sha, Receipt.FAILED, "the daemon's final answer named no segment", up,
                        Confirmation.none(), false, null);
            }
            SegmentConfirmer.Stored stored = confirmer.confirm(up.segment(), up.uploadUrl());
            Confirmation c = new Confirmation(up.segment(), stored.id(), stored.sha256(), stored.size());
            WipeDecision verdict = WipeDecision.decide(sha, f.size(), c);
            if (!verdict.wipe()) {
                return entry(f, sha, Receipt.FAILED, "not confirmed: " + verdict.reason(), up, c, false,
                        settings.wipe() ? verdict.reason() : null);
            }
            String status = storedBefore(up, stored, md) ? Receipt.ALREADY_STORED : Receipt.COMMITTED;
            LOG.info("dock.file_confirmed recorder={} file={} sha256={} bytes={} segment={} resumedFrom={} sent={} status={}",
                    serial, f.relative(), sha, f.size(), up.segment(), up.resumedFrom(), up.bytesSent(), status);
            if (!settings.wipe()) {
                return entry(f, sha, status, null, up, c, false, null);
            }
            try {
                // the receipt entry is on disk before the file goes: no wiped file without its record
                journal.append(entry(f, sha, status, null, up, c, true, null));
            } catch (IOException x) {
                LOG.warn("dock.receipt_not_written recorder={} file={} error=\"{}\"", serial, f.relative(), x.toString());
                return entry(f, sha, status, null, up, c, false,
                        "its receipt entry could not be written (" + x.getMessage() + "), so it was not wiped");
            }
            String kept = wipe(f, fingerprint, state);
            Receipt.FileEntry done = entry(f, sha, status, null, up, c, kept == null, kept);
            if (kept != null) {
                try {
                    journal.append(done); // the later line supersedes: the file was kept after all
                } catch (IOException x) {
                    LOG.warn("dock.receipt_not_written recorder={} file={} error=\"{}\"", serial, f.relative(), x.toString());
                }
            }
            return done;
        } catch (FileHasher.Stopped s) {
            return failed(f, sha, "stopped mid-file; the upload resumes from the daemon's offset on the next run");
        } catch (IOException | UncheckedIOException x) {
            return failed(f, sha, "cannot read the file or the dock state: " + x.getMessage());
        }
    }

    /**
     * Whether the vault held these bytes before this run's upload: the upload was already complete
     * when this run reached it, the segment was ingested before the upload was created (when the
     * daemon dates its answers), or the segment came from another file (the same bytes map to one
     * segment). A fresh upload of bytes stored earlier under the same name and recorder is reported
     * committed: the daemon's answer does not say it deduplicated.
     */
    static boolean storedBefore(TusFileUpload.Uploaded up, SegmentConfirmer.Stored stored, Map<String, String> md) {
        if (up.createdAt() == null && up.bytesSent() == 0) {
            return true;
        }
        if (up.createdAt() != null && stored.ingestedAt() != null && stored.ingestedAt().isBefore(up.createdAt())) {
            return true;
        }
        return stored.filename() != null && !stored.filename().equals(md.get("filename"))
                || stored.recorder() != null && !stored.recorder().equals(md.get("recorder"));
    }

    /** Deletes a confirmed file; returns why it was kept, or {@code null} once it is gone. */
    private String wipe(LocalFile f, String fingerprint, UploadState state) {
        try {
            if (!f.unchanged()) {
                return "the file changed after it was hashed";
            }
            Files.delete(f.path());
        } catch (IOException e) {
            LOG.warn("dock.wipe_failed file={} error=\"{}\"", f.path(), e.toString());
            return "could not delete it: " + e;
        }
        LOG.info("dock.file_wiped file={}", f.path());
        state.remove(fingerprint);
        return null;
    }

    private static Receipt.FileEntry failed(LocalFile f, String sha, String reason) {
        return new Receipt.FileEntry(f.relative(), f.size(), sha, Receipt.FAILED, reason, null, null, 0, 0,
                null, false, null);
    }

    private static Receipt.FileEntry entry(LocalFile f, String sha, String status, String reason,
            TusFileUpload.Uploaded up, Confirmation c, boolean wiped, String kept) {
        return new Receipt.FileEntry(f.relative(), f.size(), sha, status, reason, up.segment(), up.uploadUrl(),
                up.resumedFrom(), up.bytesSent(), c, wiped, kept);
    }
}
