package io.camvault.gateway.upload;

import io.camvault.gateway.backend.Backend;
import io.camvault.gateway.metrics.GatewayMetrics;
import io.camvault.gateway.protocol.GatewayError;
import io.camvault.gateway.protocol.IngestMetadata;
import io.camvault.vault.IngestResult;
import io.camvault.vault.VaultException;
import io.camvault.vault.model.Sha256;
import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of an upload, once every byte is in: the whole-file digests are checked against the
 * declared ones, and the file is committed to the vault (object, segment, secondary keys, audit
 * event and the upload's final record in one step). A partial upload of a concatenation only
 * records its digest and waits for its final.
 */
final class Completion {
    private static final Logger LOG = LoggerFactory.getLogger(Completion.class);
    private final UploadStore store;
    private final Backend backend;
    private final GatewayMetrics metrics;
    /** Uploads holding all their bytes whose commit found the store unreachable: id → bytes. */
    private final java.util.Map<String, Long> waitingForStore = new java.util.concurrent.ConcurrentHashMap<>();

    Completion(UploadStore store, Backend backend, GatewayMetrics metrics) {
        this.store = store;
        this.backend = backend;
        this.metrics = metrics;
    }

    /** All bytes are in: verify, then commit (or, for a partial, wait for its final). Writer thread. */
    UploadRecord complete(Upload u) throws IOException {
        long started = System.nanoTime();
        UploadRecord r = u.record();
        if (u.handedToStore()) {
            // A commit moved the file into the object store and stopped there: record the segment
            // from the object under the digest the file was handed over with (checked against the
            // declared one then). SM3, computed while receiving, is not known any more.
            return commit(u, r, r.sha256(), r.length(), null, started);
        }
        u.load();
        Upload.Digests d = u.digests();
        String hex = HexFormat.of().formatHex(d.sha256());
        if (r.kind() == UploadRecord.Kind.PARTIAL) {
            UploadRecord done = r.complete(hex);
            store.persist(done, List.of());
            u.record(done);
            return done;
        }
        IngestMetadata md = r.metadata();
        if (md.sha256() != null && !md.sha256().equals(hex)) {
            metrics.checksumFailure();
            store.discard(u, "checksum mismatch", r.createdBy());
            LOG.warn("upload.checksum_mismatch id={} declared={} actual={}", r.id(), md.sha256(), hex);
            throw GatewayError.CHECKSUM_MISMATCH.exception("the file's SHA-256 differs from the declared sha256");
        }
        if (md.sm3() != null && d.sm3Hex() != null && !md.sm3().equals(d.sm3Hex())) {
            metrics.checksumFailure();
            store.discard(u, "sm3 mismatch", r.createdBy());
            throw GatewayError.CHECKSUM_MISMATCH.exception("the file's SM3 differs from the declared sm3");
        }
        long size = u.offset();
        u.close();
        // The record learns the digest before the file moves: should the commit stop after the
        // move, the upload is finished from the object store instead of being sent again.
        UploadRecord handing = r.handingOver(hex);
        store.persistUnsynced(handing);
        u.record(handing);
        return commit(u, handing, hex, size, d.sm3Hex(), started);
    }

    /** How many uploads hold all their bytes and wait for the store, and how many bytes that is. */
    long[] backlog() {
        long bytes = 0;
        int n = 0;
        for (long b : waitingForStore.values()) {
            bytes += b;
            n++;
        }
        return new long[] {n, bytes};
    }

    /** The upload is gone (discarded, expired): no longer waiting. */
    void forget(String id) {
        waitingForStore.remove(id);
    }

    private UploadRecord commit(Upload u, UploadRecord r, String hex, long size, String sm3Hex, long started) {
        IngestMetadata md = r.metadata();
        IngestResult result;
        UploadRecord[] done = new UploadRecord[1];
        try {
            result = backend.commitOriginal(u.writer(), Sha256.ofHex(hex), size,
                    md.draft(r.createdBy(), sm3Hex),
                    UploadCodec.key(r.id()), segment -> {
                        done[0] = r.committed(segment.id().toString(), hex);
                        return UploadCodec.encode(done[0]);
                    });
        } catch (VaultException e) {
            LOG.warn("upload.commit_failed id={} kind={} error={}", r.id(), e.kind(), e.getMessage());
            u.syncStaged(); // the commit may have failed before its sync; HEAD reports these bytes next
            if (e.kind() == VaultException.Kind.UNAVAILABLE) {
                metrics.storeFailure();
                waitingForStore.put(r.id(), size);
            }
            throw switch (e.kind()) {
                case NO_SPACE -> GatewayError.INSUFFICIENT_STORAGE.exception();
                case INTEGRITY -> GatewayError.CHECKSUM_MISMATCH.exception();
                case UNAVAILABLE -> GatewayError.STORE_UNAVAILABLE.exception();
                default -> GatewayError.INTERNAL.exception();
            };
        }
        u.record(done[0]);
        store.committed(done[0]);
        waitingForStore.remove(r.id());
        double seconds = (System.nanoTime() - started) / 1e9;
        metrics.commitSeconds(seconds);
        LOG.info("upload.committed id={} sha256={} bytes={} millis={} segment={} already={}", r.id(), hex, size,
                (long) (seconds * 1000), done[0].segmentId(), result.alreadyStored());
        return done[0];
    }
}
