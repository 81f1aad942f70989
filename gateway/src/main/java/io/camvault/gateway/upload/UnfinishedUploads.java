package io.camvault.gateway.upload;

import io.camvault.gateway.protocol.GatewayError;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Per-principal quota on unfinished uploads: how many one principal holds, and the sum of the
 * lengths they declare. Without it one token could create hundreds of uploads declaring 50 GB
 * each, and the reserve check at creation (which only sees one upload at a time) would let every
 * one of them through.
 *
 * <p>The tally mirrors the stored upload records: it is filled once from the index (the first time
 * it is asked), then follows every record the store writes or removes. Checks and admissions
 * happen together under one lock, so two concurrent creations by one token cannot both take the
 * last place.
 */
final class UnfinishedUploads {
    private record Entry(String principal, long declared) {
    }

    private final int maxUploads;
    private final long maxBytes;
    private final Map<String, Entry> byId = new HashMap<>();
    private boolean loaded;

    UnfinishedUploads(int maxUploads, long maxBytes) {
        this.maxUploads = maxUploads;
        this.maxBytes = maxBytes;
    }

    /**
     * Admits a new upload {@code id} of {@code principal} declaring {@code length} (null: deferred),
     * or throws 429 leaving the tally as it was. {@code stored} feeds every stored record once.
     */
    synchronized void admit(String id, String principal, Long length, Consumer<Consumer<UploadRecord>> stored) {
        load(stored);
        int count = 0;
        long bytes = 0;
        for (Entry e : byId.values()) {
            if (e.principal().equals(principal)) {
                count++;
                bytes += e.declared();
            }
        }
        long declared = length == null ? 0 : length;
        if (count + 1 > maxUploads) {
            throw GatewayError.UNFINISHED_UPLOADS_LIMIT.exception(count + " unfinished, at most " + maxUploads);
        }
        if (bytes + declared > maxBytes) {
            throw GatewayError.UNFINISHED_BYTES_LIMIT.exception("at most " + maxBytes + " bytes unfinished");
        }
        byId.put(id, new Entry(principal, declared));
    }

    /** Checks that upload {@code id} may declare {@code length} now (a deferred length), or throws 429. */
    synchronized void checkDeclared(String id, String principal, long length, Consumer<Consumer<UploadRecord>> stored) {
        load(stored);
        long bytes = 0;
        for (Map.Entry<String, Entry> e : byId.entrySet()) {
            if (e.getValue().principal().equals(principal) && !e.getKey().equals(id)) {
                bytes += e.getValue().declared();
            }
        }
        if (bytes + length > maxBytes) {
            throw GatewayError.UNFINISHED_BYTES_LIMIT.exception("at most " + maxBytes + " bytes unfinished");
        }
    }

    /** Follows a record the store wrote: unfinished ones are counted, finished ones no longer. */
    synchronized void track(UploadRecord r) {
        if (!loaded) {
            return; // the first admission reads every record from the index, this one included
        }
        if (r.finished()) {
            byId.remove(r.id());
        } else {
            byId.put(r.id(), new Entry(r.createdBy(), r.length() == null ? 0 : r.length()));
        }
    }

    /** The upload's record was removed (terminated, expired, joined, or a creation that failed). */
    synchronized void forget(String id) {
        byId.remove(id);
    }

    private void load(Consumer<Consumer<UploadRecord>> stored) {
        if (loaded) {
            return;
        }
        stored.accept(r -> {
            if (!r.finished()) {
                byId.put(r.id(), new Entry(r.createdBy(), r.length() == null ? 0 : r.length()));
            }
        });
        loaded = true;
    }
}
