package io.camvault.gateway.tus;

import io.camvault.gateway.http.Responses;
import io.camvault.gateway.protocol.Tus;
import io.camvault.gateway.protocol.UploadMetadata;
import io.camvault.gateway.upload.Upload;
import io.camvault.gateway.upload.UploadRecord;
import io.camvault.vault.model.Principal;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.stream.Collectors;

/** {@code HEAD /files/{id}} (offset and length) and {@code DELETE /files/{id}} (termination). */
final class InfoExchange extends TusExchange {
    private final String id;
    private final boolean delete;

    InfoExchange(ChannelHandlerContext ctx, HttpRequest request, TusContext tus, String id, boolean delete) {
        super(ctx, request, tus);
        this.id = id;
        this.delete = delete;
    }

    @Override
    public void start() {
        acceptBody();
    }

    @Override
    protected void finish() {
        offload(delete ? this::terminate : this::head);
    }

    private void head() {
        Principal p = authenticate("upload.head", "upload:" + id);
        Tus.checkVersion(header(Tus.RESUMABLE));
        Upload u = tus.store().open(id);
        requireOwner(p, u, "upload.head");
        if (holdsAllBytes(u)) {
            // Every byte is in but the commit never answered: a tus client seeing offset == length
            // counts the upload done and sends nothing more, so finish it before saying so.
            tus.store().lock(u);
            try {
                tus.store().settle(u).whenComplete((settled, err) -> {
                    tus.store().unlock(u);
                    if (err != null) {
                        fail(toGateway(err));
                    } else {
                        respond(describe(u));
                    }
                });
            } catch (RuntimeException e) {
                tus.store().unlock(u);
                throw e;
            }
            return;
        }
        respond(describe(u));
    }

    private FullHttpResponse describe(Upload u) {
        UploadRecord rec = u.record();
        FullHttpResponse r = Responses.empty(HttpResponseStatus.OK);
        addUploadHeaders(r, u, offsetOf(u));
        if (rec.length() != null) {
            r.headers().set(Tus.UPLOAD_LENGTH, rec.length());
        } else {
            r.headers().set(Tus.UPLOAD_DEFER_LENGTH, "1");
        }
        if (rec.metadata() != null) {
            r.headers().set(Tus.UPLOAD_METADATA, UploadMetadata.render(rec.metadata().pairs()));
        }
        if (rec.kind() == UploadRecord.Kind.PARTIAL) {
            r.headers().set(Tus.UPLOAD_CONCAT, "partial");
        } else if (rec.kind() == UploadRecord.Kind.FINAL) {
            r.headers().set(Tus.UPLOAD_CONCAT, "final;" + rec.partials().stream().map(x -> "/files/" + x)
                    .collect(Collectors.joining(" ")));
        }
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        return r;
    }

    private static boolean holdsAllBytes(Upload u) {
        try {
            return u.holdsAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long offsetOf(Upload u) {
        UploadRecord rec = u.record();
        try {
            return rec.state() == UploadRecord.State.COMMITTED ? rec.length() : u.offset();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void terminate() {
        Principal p = authenticate("upload.terminate", "upload:" + id);
        Tus.checkVersion(header(Tus.RESUMABLE));
        Upload u = tus.store().open(id);
        requireOwner(p, u, "upload.terminate");
        tus.store().lock(u);
        try {
            tus.store().terminate(u, p.id()).whenComplete((ok, err) -> {
                tus.store().unlock(u);
                if (err != null) {
                    fail(toGateway(err));
                } else {
                    respond(noContent());
                }
            });
        } catch (RuntimeException e) {
            tus.store().unlock(u);
            throw e;
        }
    }
}
