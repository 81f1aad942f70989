package io.camvault.gateway.upload;

import io.camvault.gateway.backend.Backend;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The passes over every stored upload that no request drives: finishing uploads whose bytes are
 * all in but whose commit never answered, and removing uploads nobody finished in time. An upload
 * that holds all its bytes is committed, never expired: its client sent everything, and a tus
 * client may well believe it stored.
 */
final class UploadSweeps {
    private static final Logger LOG = LoggerFactory.getLogger(UploadSweeps.class);
    private final UploadStore store;
    private final Backend backend;
    private final Duration expiry;

    UploadSweeps(UploadStore store, Backend backend, Duration expiry) {
        this.store = store;
        this.backend = backend;
        this.expiry = expiry;
    }

    /**
     * Settles every unfinished upload whose bytes are all on disk: for clients that will never come
     * back, having been told the upload failed or believing it done. An upload a request holds is
     * left to that request. Returns how many it finished.
     */
    int settleReceived() {
        int settled = 0;
        for (UploadRecord r : records(r -> !r.finished() && r.length() != null)) {
            Upload u = store.tracked(r);
            // Only an upload whose bytes are all in is claimed: locking every unfinished one would
            // answer 423 to its client's next PATCH while the pass runs (at start-up, under load).
            if (!holdsAllBytes(u) || !u.tryLock()) {
                continue;
            }
            try {
                if (store.settle(u).join().finished()) {
                    settled++;
                    LOG.info("upload.settled id={} state={}", r.id(), u.record().state());
                }
            } catch (RuntimeException e) {
                LOG.warn("upload.settle_failed id={} error=\"{}\"", r.id(), e.getCause() == null ? e : e.getCause());
            } finally {
                u.unlock();
            }
        }
        return settled;
    }

    /**
     * Settles what it can, then removes unfinished uploads created before {@code now - expiry}
     * (except those holding all their bytes, which wait for their commit), the records of
     * committed ones as old, and staged bytes without a record. Returns how many were removed.
     */
    int expire(Instant now) {
        settleReceived();
        int removed = 0;
        for (UploadRecord r : records(r -> r.createdAt().plus(expiry).isBefore(now))) {
            Upload u = store.tracked(r);
            if (u.locked()) {
                continue;
            }
            if (holdsAllBytes(u)) {
                LOG.warn("upload.expiry_skipped id={} reason=\"all bytes are in; waiting for its commit\"", r.id());
                continue;
            }
            store.onWriter(u, () -> {
                store.discard(u, r.state() == UploadRecord.State.COMMITTED ? "committed record expired" : "expired",
                        "gateway");
                return null;
            }).join();
            removed++;
            LOG.info("upload.expired id={} state={}", r.id(), r.state());
        }
        // Staged bytes without a record: a power cut after the staging was created and before its
        // record reached the disk (creation does not wait for it). Nobody was told about them.
        return removed + backend.removeAbandonedWrites(now.minus(expiry), store::known);
    }

    private static boolean holdsAllBytes(Upload u) {
        try {
            return u.holdsAllBytes();
        } catch (IOException e) {
            return false;
        }
    }

    private List<UploadRecord> records(java.util.function.Predicate<UploadRecord> which) {
        List<UploadRecord> out = new ArrayList<>();
        backend.forEachUpload((k, v) -> {
            UploadRecord r = UploadCodec.decode(v);
            if (which.test(r)) {
                out.add(r);
            }
            return true;
        });
        return out;
    }
}
