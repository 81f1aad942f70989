package io.camvault.gateway.tus;

import io.camvault.gateway.auth.Access;
import io.camvault.gateway.protocol.GatewayError;
import io.camvault.gateway.protocol.IngestMetadata;
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
import io.netty.handler.codec.http.HttpUtil;
import io.camvault.gateway.http.Responses;
import java.util.Map;

/**
 * {@code POST /files/}: creation, creation-defer-length, creation-with-upload, and the final
 * upload of concatenation. The record is durable before the 201.
 */
final class CreateExchange extends BodyExchange {

    CreateExchange(ChannelHandlerContext ctx, HttpRequest request, TusContext tus) {
        super(ctx, request, tus);
    }

    @Override
    public void start() {
        offload(() -> {
            Principal p = authenticate("upload.create", "upload:new");
            tus.access().requireAny(p, Access.UPLOADERS, "upload.create", "upload:new");
            Tus.checkVersion(header(Tus.RESUMABLE));
            Tus.Concat concat = Tus.concat(header(Tus.UPLOAD_CONCAT));
            boolean partial = concat != null && concat.partial();
            Map<String, String> pairs = UploadMetadata.parse(header(Tus.UPLOAD_METADATA));
            IngestMetadata md = partial ? null : IngestMetadata.from(pairs);
            if (md != null) {
                tus.access().requireSerial(p, md.recorder(), "upload.create", "upload:new");
            }
            if (concat != null && !partial) {
                BodyExchange.requireNoBody(request);
                tus.store().concatenate(p.id(), md, concat.partials()).whenComplete((rec, err) -> {
                    if (err != null) {
                        reject(err);
                        return;
                    }
                    Upload u = tus.store().open(rec.id());
                    FullHttpResponse r = created(u);
                    addUploadHeaders(r, u, rec.length());
                    respond(r);
                });
                return;
            }
            Long length = null;
            if (header(Tus.UPLOAD_LENGTH) != null && header(Tus.UPLOAD_DEFER_LENGTH) != null) {
                throw GatewayError.INVALID_HEADER.exception("send Upload-Length or Upload-Defer-Length, not both");
            }
            if (!Tus.deferLength(header(Tus.UPLOAD_DEFER_LENGTH))) {
                String h = header(Tus.UPLOAD_LENGTH);
                if (h == null) {
                    throw GatewayError.INVALID_HEADER.exception("Upload-Length or Upload-Defer-Length: 1 is required");
                }
                length = Tus.uploadLength(h, tus.config().maxUploadSize());
            }
            boolean withBody = HttpUtil.getContentLength(request, 0L) > 0 || HttpUtil.isTransferEncodingChunked(request);
            if (withBody) {
                Tus.checkContentType(header(HttpHeaderNames.CONTENT_TYPE));
                long incoming = HttpUtil.getContentLength(request, -1L);
                if (incoming >= 0) { // refused before anything is created; a chunked body is held while it streams
                    if (length != null) {
                        Tus.checkWithinLength(0, incoming, length);
                    } else {
                        Tus.checkWithinLength(0, incoming, tus.config().maxUploadSize(), GatewayError.TOO_LARGE);
                        tus.store().checkSpace(incoming);
                    }
                }
            }
            Upload u = tus.store().create(p.id(), length, md, partial ? UploadRecord.Kind.PARTIAL
                    : UploadRecord.Kind.SINGLE, null);
            if (withBody || (length != null && length == 0)) {
                tus.store().lock(u);
                streamInto(u, 0, null);
            } else {
                FullHttpResponse r = created(u);
                addUploadHeaders(r, u, 0);
                respond(r);
            }
        });
    }

    @Override
    protected void bodyDone(Upload upload, long offset) {
        FullHttpResponse r = created(upload);
        addUploadHeaders(r, upload, offset);
        respond(r);
    }

    private static FullHttpResponse created(Upload u) {
        FullHttpResponse r = Responses.empty(HttpResponseStatus.CREATED);
        r.headers().set(HttpHeaderNames.LOCATION, "/files/" + u.record().id());
        return r;
    }
}
