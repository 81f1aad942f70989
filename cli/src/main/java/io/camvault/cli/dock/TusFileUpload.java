package io.camvault.cli.dock;

import io.tus.java.client.ProtocolException;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import java.io.IOException;
import java.io.InputStream;
import io.camvault.cli.tls.TlsProblem;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads one file with tus-java-client, resuming from the daemon's offset whenever the state
 * holds an upload URL for the file's fingerprint, and retrying with backoff on connection errors,
 * 5xx, 409 and 423 a bounded number of times.
 */
final class TusFileUpload {
    private static final Logger LOG = LoggerFactory.getLogger(TusFileUpload.class);
    static final String SEGMENT_HEADER = "Camvault-Segment";

    /**
     * @param segment     the {@code Camvault-Segment} of the final answer (or of HEAD for an upload finished earlier)
     * @param resumedFrom the daemon's offset when this run first reached the upload
     * @param bytesSent   body bytes sent by this run
     * @param createdAt   the daemon's clock when this run created the upload; {@code null} when it resumed one
     */
    record Uploaded(String segment, String uploadUrl, long resumedFrom, long bytesSent, Instant createdAt) {
    }

    private final DockSettings settings;
    private final UploadState state;
    private final Stopper stopper;

    TusFileUpload(DockSettings settings, UploadState state, Stopper stopper) {
        this.settings = settings;
        this.state = state;
        this.stopper = stopper;
    }

    Uploaded upload(Path file, long size, String fingerprint, Map<String, String> metadata, LongConsumer offsets)
            throws DockFailure, FileHasher.Stopped {
        long resumedFrom = -1;
        long sent = 0;
        Instant createdAt = null;
        String lastProblem = null;
        String retryAfter = null;
        for (int attempt = 0; attempt <= settings.retries(); attempt++) {
            if (attempt > 0) {
                stopper.sleep(Backoff.delay(settings, attempt, retryAfter));
            }
            stopper.check();
            CapturingTusClient client = client();
            TusUpload upload;
            try {
                upload = new TusUpload(file.toFile());
            } catch (IOException e) {
                throw new DockFailure("cannot read the file: " + e.getMessage(), false);
            }
            upload.setFingerprint(fingerprint);
            upload.setMetadata(metadata);
            retryAfter = null;
            try {
                TusUploader up = open(client, upload);
                if (client.created()) {
                    createdAt = parseDate(client.createdDate());
                }
                long offset = up.getOffset();
                if (resumedFrom < 0) {
                    resumedFrom = client.created() ? 0 : offset;
                }
                offsets.accept(offset);
                if (offset < size) {
                    up.setChunkSize(settings.chunkSize());
                    up.setRequestPayloadSize(settings.requestSize());
                    while (up.getOffset() < size) {
                        long before = up.getOffset();
                        if (up.uploadChunk() < 0) {
                            break;
                        }
                        sent += up.getOffset() - before;
                        offsets.accept(up.getOffset());
                        if (stopper.stopRequested()) {
                            up.finish(false); // ends the request cleanly: the daemon fsyncs what it got
                            throw new FileHasher.Stopped();
                        }
                    }
                    up.finish(false);
                }
                String segment = client.header(SEGMENT_HEADER);
                return new Uploaded(segment, up.getUploadURL().toString(), resumedFrom, sent, createdAt);
            } catch (ProtocolException e) {
                HttpURLConnection c = e.getCausingConnection();
                int status = status(c);
                retryAfter = c == null ? null : c.getHeaderField("Retry-After");
                String detail = status < 0 ? e.getMessage() : ServerAnswer.explain(status, null);
                lastProblem = detail;
                LOG.warn("dock.upload_refused file={} status={} attempt={} message=\"{}\"", file, status, attempt + 1, detail);
                switch (ServerAnswer.action(status)) {
                    case STOP_ALL -> throw new DockFailure(detail, true);
                    case GIVE_UP -> throw new DockFailure(detail, false);
                    case RESTART -> state.remove(fingerprint);
                    case RETRY -> { }
                }
            } catch (FileHasher.Stopped e) {
                throw e;
            } catch (IOException e) {
                java.util.Optional<String> tls = TlsProblem.explain(e, settings.server(), settings.tls());
                if (tls.isPresent()) {
                    throw new DockFailure(tls.get(), true); // no retry mends a certificate: stop every recorder
                }
                lastProblem = "cannot reach the daemon: " + e;
                LOG.warn("dock.upload_interrupted file={} attempt={} error=\"{}\"", file, attempt + 1, e.toString());
            } finally {
                closeQuietly(upload.getInputStream());
            }
        }
        throw new DockFailure("gave up after " + (settings.retries() + 1) + " attempts; last: " + lastProblem
                + " (the upload resumes on the next dock)", false);
    }

    /** Resumes the upload of this fingerprint, or creates one; an expired upload (410) is created again. */
    private TusUploader open(CapturingTusClient client, TusUpload upload) throws ProtocolException, IOException {
        try {
            return client.resumeOrCreateUpload(upload);
        } catch (ProtocolException e) {
            if (status(e.getCausingConnection()) == 410) {
                LOG.info("dock.upload_expired fingerprint={} action=create", upload.getFingerprint());
                state.remove(upload.getFingerprint());
                return client.createUpload(upload);
            }
            throw e;
        }
    }

    private CapturingTusClient client() {
        CapturingTusClient c = new CapturingTusClient((int) settings.readTimeout().toMillis(), settings.tls().context());
        try {
            c.setUploadCreationURL(new URL(settings.filesUrl().toString()));
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException("validated at start", e);
        }
        c.setHeaders(Map.of("Authorization", "Bearer " + settings.token()));
        c.enableResuming(state);
        return c;
    }

    private static int status(HttpURLConnection c) {
        if (c == null) {
            return -1;
        }
        try {
            return c.getResponseCode();
        } catch (IOException e) {
            return -1;
        }
    }

    private static Instant parseDate(String httpDate) {
        if (httpDate == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(httpDate, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // read-only stream: nothing was written through it
            }
        }
    }
}
