package io.camvault.cli.dock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camvault.cli.tls.TlsProblem;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the daemon what it stored: {@code GET /api/v1/segments/{id}} with the dock's token (a dock may
 * read the segments it uploaded). Retries like uploads do.
 */
final class SegmentConfirmer {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentConfirmer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The confirming answer. */
    record Stored(String id, String sha256, Long size, Instant ingestedAt, String filename, String recorder) {
    }

    private final DockSettings settings;
    private final Stopper stopper;
    private final HttpClient http;

    SegmentConfirmer(DockSettings settings, Stopper stopper) {
        this.settings = settings;
        this.stopper = stopper;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(10));
        if (settings.tls().context() != null) {
            b.sslContext(settings.tls().context());
        }
        this.http = b.build();
    }

    /** Asks the daemon what it stored as {@code segmentId}, proving the upload {@code uploadUrl} was this dock's. */
    Stored confirm(String segmentId, String uploadUrl) throws DockFailure, FileHasher.Stopped {
        String problem = null;
        String retryAfter = null;
        for (int attempt = 0; attempt <= settings.retries(); attempt++) {
            if (attempt > 0) {
                stopper.sleep(Backoff.delay(settings, attempt, retryAfter));
            }
            stopper.check();
            HttpRequest req = HttpRequest.newBuilder(settings.segmentUrl(segmentId, uploadUrl))
                    .header("Authorization", "Bearer " + settings.token())
                    .header("Accept", "application/json")
                    .timeout(settings.readTimeout())
                    .GET().build();
            try {
                HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return parse(r.body());
                }
                retryAfter = r.headers().firstValue("Retry-After").orElse(null);
                problem = "confirming segment " + segmentId + ": " + ServerAnswer.explain(r.statusCode(), message(r.body()));
                ServerAnswer.Action a = ServerAnswer.action(r.statusCode());
                if (a == ServerAnswer.Action.STOP_ALL) {
                    throw new DockFailure(problem, true);
                }
                if (a != ServerAnswer.Action.RETRY) {
                    throw new DockFailure(problem, false);
                }
            } catch (IOException e) {
                java.util.Optional<String> tls = TlsProblem.explain(e, settings.server(), settings.tls());
                if (tls.isPresent()) {
                    throw new DockFailure("confirming segment " + segmentId + ": " + tls.get(), true);
                }
                problem = "confirming segment " + segmentId + ": cannot reach the daemon: " + e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FileHasher.Stopped();
            }
            LOG.warn("dock.confirm_retry segment={} attempt={} problem=\"{}\"", segmentId, attempt + 1, problem);
        }
        throw new DockFailure(problem, false);
    }

    static Stored parse(String body) throws DockFailure {
        try {
            JsonNode n = JSON.readTree(body);
            Instant ingested = null;
            if (n.hasNonNull("ingestedAt")) {
                try {
                    ingested = Instant.parse(n.get("ingestedAt").asText());
                } catch (DateTimeParseException e) {
                    ingested = null;
                }
            }
            return new Stored(n.hasNonNull("id") ? n.get("id").asText() : null,
                    n.hasNonNull("sha256") ? n.get("sha256").asText() : null,
                    n.hasNonNull("size") && n.get("size").canConvertToLong() ? n.get("size").asLong() : null,
                    ingested, n.hasNonNull("filename") ? n.get("filename").asText() : null,
                    n.hasNonNull("recorder") ? n.get("recorder").asText() : null);
        } catch (IOException e) {
            throw new DockFailure("the daemon's segment answer is not JSON", false);
        }
    }

    private static String message(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            return n != null && n.hasNonNull("message") ? n.get("message").asText() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
