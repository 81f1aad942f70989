package io.camvault.gateway.tus;

import io.camvault.gateway.protocol.GatewayError;
import io.camvault.gateway.protocol.GatewayException;
import io.camvault.gateway.protocol.Tus;
import io.camvault.gateway.protocol.UploadChecksum;
import io.camvault.gateway.upload.Upload;
import io.camvault.gateway.upload.UploadRecord;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Streams a request body into an upload with backpressure: each piece goes to the upload's
 * serial writer, and the socket is read again only while fewer than
 * {@code maxInFlightBytesPerUpload} bytes wait for the disk. The answer goes out once the bytes
 * are fsynced (and, on the last byte, committed).
 */
abstract class BodyExchange extends TusExchange {
    /**
     * Pieces (at most 64 KiB each) are gathered up to this many bytes before one task goes to the
     * writer: one thread hop, one future and one wake-up of the event loop per MiB, not per piece.
     */
    private static final int BATCH_BYTES = 1 << 20;
    private static final int BATCH_PIECES = 64;
    private final AtomicLong inFlight = new AtomicLong();
    private CompositeByteBuf batch;
    private Upload upload;
    private long received;
    private boolean paused;
    private boolean streaming;
    private boolean ended;

    BodyExchange(ChannelHandlerContext ctx, HttpRequest request, TusContext tus) {
        super(ctx, request, tus);
    }

    /** Called with the upload's state once the whole body is durable (and committed when complete). */
    protected abstract void bodyDone(Upload upload, long offset);

    /** Starts streaming into a locked upload at {@code offset}. Any thread. */
    protected final void streamInto(Upload u, long offset, UploadChecksum checksum) {
        tus.store().begin(u, checksum).whenComplete((ok, err) -> ctx.executor().execute(() -> {
            upload = u;
            received = offset;
            streaming = true;
            if (err != null) {
                finishWithError(toGateway(err), true);
            } else {
                acceptBody();
            }
        }));
    }

    @Override
    public void content(HttpContent piece) {
        if (!streaming || responded()) {
            super.content(piece);
            return;
        }
        boolean last = piece instanceof LastHttpContent;
        int n = piece.content().readableBytes();
        try {
            Long length = upload.record().length();
            if (length != null) {
                Tus.checkWithinLength(received, n, length);
            } else {
                // a deferred length: the body may not take the upload past the server's maximum, however it
                // arrives (with a Content-Length or chunked)
                Tus.checkWithinLength(received, n, tus.config().maxUploadSize(), GatewayError.TOO_LARGE);
            }
        } catch (GatewayException e) {
            piece.release();
            finishWithError(e, true);
            return;
        }
        if (last) {
            markBodyDone();
        }
        if (n > 0) {
            received += n;
            inFlight.addAndGet(n);
            if (batch == null) {
                batch = ctx.alloc().compositeBuffer(BATCH_PIECES);
            }
            batch.addComponent(true, piece.content().retain());
        }
        piece.release();
        if (last) {
            if (writeBatch()) {
                endRequest();
            }
        } else if (inFlight.get() < tus.config().maxInFlightBytesPerUpload()) {
            if (batch != null && (batch.readableBytes() >= BATCH_BYTES || batch.numComponents() >= BATCH_PIECES)
                    && !writeBatch()) {
                return;
            }
            readMore();
        } else if (writeBatch()) {
            paused = true;
        }
    }

    /**
     * Hands the gathered pieces to the upload's writer (which releases them). Event loop. {@code false}
     * when the request was refused instead (the disk reached its reserve): nothing more may be written.
     */
    private boolean writeBatch() {
        CompositeByteBuf b = batch;
        batch = null;
        if (b == null) {
            return true;
        }
        int n = b.readableBytes();
        try {
            // The reserve is checked again for every batch: a chunked body announces no size, and
            // concurrent uploads share the disk, so a check at the start alone cannot hold the line.
            tus.store().checkSpace(n);
        } catch (GatewayException e) {
            inFlight.addAndGet(-n);
            b.release();
            finishWithError(e, true);
            return false;
        }
        tus.store().append(upload, b).whenComplete((ok, err) -> {
            inFlight.addAndGet(-n);
            ctx.executor().execute(() -> afterWrite(err));
        });
        return true;
    }

    private void dropBatch() {
        if (batch != null) {
            inFlight.addAndGet(-batch.readableBytes());
            batch.release();
            batch = null;
        }
    }

    private void afterWrite(Throwable err) {
        if (err != null) {
            finishWithError(toGateway(err), true);
            return;
        }
        if (paused && !ended && inFlight.get() < tus.config().maxInFlightBytesPerUpload() / 2) {
            paused = false;
            readMore();
        }
    }

    private void endRequest() {
        ended = true;
        tus.store().end(upload, false).whenComplete((rec, err) -> {
            tus.store().unlock(upload);
            if (err != null) {
                fail(toGateway(err));
                return;
            }
            try {
                bodyDone(upload, offsetOf(rec));
            } catch (RuntimeException e) {
                fail(toGateway(e));
            }
        });
    }

    private long offsetOf(UploadRecord rec) {
        try {
            return rec.state() == UploadRecord.State.COMMITTED ? rec.length() : upload.offset();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Answers with {@code e}; the bytes already written stay (fsynced) unless a checksum forbids it. */
    private void finishWithError(GatewayException e, boolean interrupted) {
        fail(e);
        interrupt(interrupted);
    }

    private void interrupt(boolean interrupted) {
        dropBatch();
        if (ended || upload == null) {
            return;
        }
        ended = true;
        tus.store().end(upload, interrupted).whenComplete((rec, err) -> tus.store().unlock(upload));
    }

    /**
     * The connection dropped mid-body (a recorder's 4G link, a dock losing power). What arrived is
     * kept: the pieces gathered but not yet handed on go to the writer too, so the client resumes
     * from every byte the socket delivered (a request with a checksum is rolled back whole anyway).
     */
    @Override
    public void aborted() {
        if (streaming && !ended && !responded()) {
            writeBatch();
        }
        interrupt(true);
    }

    /** The one failure that arrives before streaming: answer it. */
    protected final void reject(Throwable t) {
        fail(toGateway(t));
    }

    static void requireNoBody(HttpRequest request) {
        if (io.netty.handler.codec.http.HttpUtil.getContentLength(request, 0L) > 0
                || io.netty.handler.codec.http.HttpUtil.isTransferEncodingChunked(request)) {
            throw GatewayError.BAD_REQUEST.exception("this request takes no body");
        }
    }
}
