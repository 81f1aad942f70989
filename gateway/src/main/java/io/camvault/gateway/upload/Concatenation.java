package io.camvault.gateway.upload;

import io.camvault.gateway.protocol.GatewayError;
import io.camvault.gateway.protocol.GatewayException;
import io.camvault.gateway.protocol.IngestMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * tus concatenation: a final upload joins completed partial uploads, in the order named, into
 * one file that is hashed, verified and committed like any other. The partials are removed once
 * the final is committed.
 */
final class Concatenation {
    private final UploadStore store;

    Concatenation(UploadStore store) {
        this.store = store;
    }

    CompletableFuture<UploadRecord> start(String createdBy, IngestMetadata md, List<String> partialIds) {
        List<Upload> partials = new ArrayList<>();
        long total = 0;
        for (String id : partialIds) {
            Upload p;
            try {
                p = store.open(id);
            } catch (GatewayException e) {
                throw GatewayError.INVALID_CONCAT.exception("a named partial upload does not exist");
            }
            UploadRecord r = p.record();
            if (r.kind() != UploadRecord.Kind.PARTIAL || !r.createdBy().equals(createdBy)) {
                throw GatewayError.INVALID_CONCAT.exception("a named upload is not a partial upload of this caller");
            }
            if (r.state() != UploadRecord.State.COMPLETE) {
                throw GatewayError.INVALID_CONCAT.exception("a named partial upload is not finished");
            }
            if (partials.contains(p)) {
                throw GatewayError.INVALID_CONCAT.exception("a partial upload is named twice");
            }
            partials.add(p);
            total += r.length();
        }
        store.checkSpace(total);
        Upload fin = store.create(createdBy, total, md, UploadRecord.Kind.FINAL, partialIds);
        return store.onWriter(fin, () -> {
            for (Upload p : partials) {
                fin.appendFrom(p);
            }
            UploadRecord done = store.complete(fin);
            for (Upload p : partials) {
                store.onWriter(p, () -> {
                    store.discard(p, "joined into " + fin.record().id(), createdBy);
                    return null;
                });
            }
            return done;
        });
    }
}
