package io.camvault.gateway.tus;

import io.camvault.gateway.http.Exchange;
import io.camvault.gateway.http.Responses;
import io.camvault.gateway.protocol.GatewayError;
import io.camvault.gateway.protocol.GatewayException;
import io.camvault.gateway.protocol.Tus;
import io.camvault.gateway.upload.Upload;
import io.camvault.gateway.upload.UploadRecord;
import io.camvault.vault.VaultException;
import io.camvault.vault.model.Principal;
import io.camvault.vault.model.Role;
import io.camvault.vault.store.DiskFull;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Common ground of the tus exchanges: Tus-Resumable on every answer, off-loop work, error mapping. */
abstract class TusExchange extends Exchange {
    private static final Logger LOG = LoggerFactory.getLogger(TusExchange.class);
    protected final TusContext tus;

    TusExchange(ChannelHandlerContext ctx, HttpRequest request, TusContext tus) {
        super(ctx, request);
        this.tus = tus;
    }

    @Override
    protected void decorate(FullHttpResponse response) {
        response.headers().set(Tus.RESUMABLE, Tus.VERSION);
        if (response.status().code() == 412) {
            response.headers().set(Tus.TUS_VERSION, Tus.VERSION);
        }
        if (response.status().code() == 503 || response.status().code() == 507) {
            response.headers().set(HttpHeaderNames.RETRY_AFTER, tus.config().overloadRetryAfter().toSeconds());
        }
    }

    /** Runs {@code work} on the control pool; any failure becomes its safe error answer. */
    protected final void offload(Runnable work) {
        runOn(tus.control(), () -> {
            try {
                work.run();
            } catch (Throwable t) {
                fail(toGateway(t));
            }
        });
    }

    protected final String header(CharSequence name) {
        return request.headers().get(name);
    }

    protected final Principal authenticate(String action, String subject) {
        return tus.access().authenticate(header(HttpHeaderNames.AUTHORIZATION), action, subject);
    }

    /**
     * Only the creator of an upload writes its bytes: nobody else, admins included, so a segment's
     * commit, which names the creator, names every principal that wrote into it. (Concatenation
     * joins only partial uploads of the same creator.)
     */
    protected final void requireCreator(Principal p, Upload u, String action) {
        if (!p.id().equals(u.record().createdBy())) {
            tus.access().deny(p, action, "upload:" + u.record().id(), "only the upload's creator writes its bytes");
        }
    }

    /** Only the creator of an upload, or an admin, may look at it or end it unfinished. */
    protected final void requireOwner(Principal p, Upload u, String action) {
        if (!p.id().equals(u.record().createdBy()) && !p.has(Role.ADMIN)) {
            tus.access().deny(p, action, "upload:" + u.record().id(), "not the creator");
        }
    }

    protected final void addUploadHeaders(FullHttpResponse r, Upload u, long offset) {
        UploadRecord rec = u.record();
        r.headers().set(Tus.UPLOAD_OFFSET, offset);
        if (rec.state() != UploadRecord.State.COMMITTED) {
            r.headers().set(Tus.UPLOAD_EXPIRES,
                    DateTimeFormatter.RFC_1123_DATE_TIME.format(tus.store().expiresAt(rec).atOffset(ZoneOffset.UTC)));
        }
        if (rec.segmentId() != null) {
            r.headers().set(Tus.SEGMENT, rec.segmentId());
        }
    }

    static GatewayException toGateway(Throwable t) {
        Throwable c = t;
        while (c instanceof CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        if (c instanceof GatewayException g) {
            return g;
        }
        if (DiskFull.causes(c)) {
            LOG.warn("upload.disk_full error=\"{}\"", c.getMessage());
            return GatewayError.INSUFFICIENT_STORAGE.exception();
        }
        if (c instanceof VaultException v) {
            return switch (v.kind()) {
                case NOT_FOUND -> GatewayError.NOT_FOUND.exception();
                case NO_SPACE -> GatewayError.INSUFFICIENT_STORAGE.exception();
                case INTEGRITY -> GatewayError.CHECKSUM_MISMATCH.exception();
                case FORBIDDEN -> GatewayError.FORBIDDEN.exception();
                default -> internal(c);
            };
        }
        return internal(c);
    }

    private static GatewayException internal(Throwable c) {
        LOG.warn("tus.failed error={}", c.toString(), c);
        return GatewayError.INTERNAL.exception();
    }

    static FullHttpResponse noContent() {
        return Responses.empty(io.netty.handler.codec.http.HttpResponseStatus.NO_CONTENT);
    }
}
