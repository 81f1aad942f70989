package io.camvault.gateway.tus;

import io.camvault.gateway.protocol.GatewayError;
import io.camvault.gateway.protocol.Tus;
import io.camvault.gateway.protocol.UploadChecksum;
import io.camvault.gateway.upload.Upload;
import io.camvault.gateway.upload.UploadRecord;
import io.camvault.gateway.upload.UploadStore;
import io.camvault.vault.model.Principal;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;

/** {@code PATCH /files/{id}}: append the body at the given offset (core, checksum, defer-length). */
final class PatchExchange extends BodyExchange {
    private final String id;
    private FullHttpResponse confirmation;
    private long confirmationBytes;

    PatchExchange(ChannelHandlerContext ctx, HttpRequest request, TusContext tus, String id) {
        super(ctx, request, tus);
        this.id = id;
    }

    @Override
    public void start() {
        offload(() -> {
            Principal p = authenticate("upload.patch", "upload:" + id);
            Tus.checkVersion(header(Tus.RESUMABLE));
            UploadStore store = tus.store();
            Upload u = store.open(id);
            requireCreator(p, u, "upload.patch");
            UploadRecord r = u.record();
            if (r.kind() == UploadRecord.Kind.FINAL) {
                throw GatewayError.FINAL_UPLOAD_IMMUTABLE.exception();
            }
            Tus.checkContentType(header(HttpHeaderNames.CONTENT_TYPE));
            long claimed = Tus.nonNegative(header(Tus.UPLOAD_OFFSET), Tus.UPLOAD_OFFSET);
            UploadChecksum checksum = UploadChecksum.parse(header(Tus.UPLOAD_CHECKSUM));
            String lengthHeader = header(Tus.UPLOAD_LENGTH);
            // Parsed and checked now, stored only once the whole request is accepted: a refused PATCH
            // (413, 409, 507, 423 ...) leaves the upload exactly as it was.
            Long declared = lengthHeader == null ? null : Tus.uploadLength(lengthHeader, tus.config().maxUploadSize());
            if (declared != null && r.length() != null && !declared.equals(r.length())) {
                throw GatewayError.INVALID_HEADER.exception("Upload-Length is already set");
            }
            store.lock(u);
            try {
                if (u.record().finished()) {
                    // A client that sends an empty PATCH at the final offset (tus-java-client does after
                    // its last chunk) is confirming completion, not writing: answer like HEAD would.
                    Long length = u.record().length();
                    if (length != null && claimed == length && HttpUtil.getContentLength(request, 0L) == 0) {
                        store.unlock(u);
                        FullHttpResponse done = noContent();
                        addUploadHeaders(done, u, length);
                        confirmation = done;
                        acceptBody(); // it sent Expect: 100-continue; answer only once its (empty) body is in
                        return;
                    }
                    throw GatewayError.OFFSET_MISMATCH.exception("the upload is complete");
                }
                long offset = u.offset();
                Tus.checkOffset(claimed, offset);
                long incoming = HttpUtil.getContentLength(request, -1L);
                Long length = u.record().length() != null ? u.record().length() : declared;
                if (length != null && length < offset) {
                    throw GatewayError.INVALID_HEADER.exception("Upload-Length is below the offset " + offset);
                }
                if (length != null && incoming >= 0) {
                    Tus.checkWithinLength(offset, incoming, length);
                } else if (incoming >= 0) {
                    Tus.checkWithinLength(offset, incoming, tus.config().maxUploadSize(), GatewayError.TOO_LARGE);
                }
                store.checkSpace(incoming >= 0 ? incoming : length == null ? 0 : length - offset);
                if (declared != null) {
                    store.declareLength(u, declared);
                }
                streamInto(u, offset, checksum);
            } catch (RuntimeException | java.io.IOException e) {
                store.unlock(u);
                reject(e);
            }
        });
    }

    /** Answers a completion-confirming PATCH once its body has arrived, provided it was really empty. */
    @Override
    public void content(io.netty.handler.codec.http.HttpContent piece) {
        if (confirmation == null) {
            super.content(piece);
            return;
        }
        confirmationBytes += piece.content().readableBytes();
        boolean last = piece instanceof io.netty.handler.codec.http.LastHttpContent;
        piece.release();
        if (!last) {
            readMore();
            return;
        }
        markBodyDone();
        if (confirmationBytes == 0) {
            respond(confirmation);
        } else {
            confirmation.release();
            fail(GatewayError.OFFSET_MISMATCH.exception("the upload is complete"));
        }
    }

    @Override
    protected void bodyDone(Upload upload, long offset) {
        FullHttpResponse r = noContent();
        addUploadHeaders(r, upload, offset);
        respond(r);
    }
}
