package io.camvault.gateway.review;

import com.fasterxml.jackson.databind.JsonNode;
import io.camvault.gateway.http.Exchange;
import io.camvault.gateway.http.Responses;
import io.camvault.gateway.protocol.GatewayError;
import io.camvault.gateway.protocol.GatewayException;
import io.camvault.vault.media.Derived;
import io.camvault.vault.media.MediaRecord;
import io.camvault.vault.media.Playability;
import io.camvault.vault.model.Principal;
import io.camvault.vault.model.Segment;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/segments/{id}/clips} with {@code {"from":12.5,"to":18,"exact":false}} (seconds):
 * cuts the clip into the derived store (the original is only read) and answers 201 with the clip's
 * id, download URL and SHA-256. Audited as {@code segment.clip} with who asked, the source hash and
 * the clip hash.
 */
final class ClipExchange extends Exchange {
    private static final Logger LOG = LoggerFactory.getLogger(ClipExchange.class);
    private static final int MAX_BODY = 4096;
    private static final Duration MAX_CLIP = Duration.ofHours(4);

    private final Executor pool;
    private final ContentRoute route;
    private final String rawId;
    private final String auth;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private boolean tooLarge;

    ClipExchange(ChannelHandlerContext ctx, HttpRequest request, Executor pool, ContentRoute route, String rawId) {
        super(ctx, request);
        this.pool = pool;
        this.route = route;
        this.rawId = rawId;
        this.auth = ContentRoute.authorization(request, false);
    }

    @Override
    public void start() {
        acceptBody();
    }

    @Override
    public void content(HttpContent piece) {
        boolean last = piece instanceof LastHttpContent;
        try {
            int n = piece.content().readableBytes();
            if (body.size() + n > MAX_BODY) {
                tooLarge = true;
            } else {
                byte[] b = new byte[n];
                piece.content().readBytes(b);
                body.write(b, 0, n);
            }
        } finally {
            piece.release();
        }
        if (last) {
            markBodyDone();
            finish();
        } else {
            readMore();
        }
    }

    @Override
    protected void finish() {
        if (tooLarge) {
            fail(GatewayError.BAD_REQUEST.exception("clip request body over " + MAX_BODY + " bytes"));
            return;
        }
        runOn(pool, this::answer);
    }

    private void answer() {
        try {
            respond(Responses.json(HttpResponseStatus.CREATED, create()));
        } catch (GatewayException e) {
            fail(e);
        } catch (RuntimeException e) {
            LOG.warn("clip.failed segment={} error=\"{}\"", rawId, e.toString());
            fail(GatewayError.INTERNAL.exception());
        }
    }

    private Map<String, Object> create() {
        Principal p = route.principal(auth, "segment.clip", rawId);
        Segment s = route.segment(rawId, p, "segment.clip");
        JsonNode json;
        try {
            json = Responses.json().readTree(body.toByteArray());
        } catch (IOException e) {
            throw GatewayError.BAD_REQUEST.exception("body must be JSON {from, to, exact}");
        }
        if (json == null || !json.path("from").isNumber() || !json.path("to").isNumber()) {
            throw GatewayError.BAD_REQUEST.exception("'from' and 'to' (seconds) are required");
        }
        Duration from = Duration.ofMillis(Math.round(json.get("from").asDouble() * 1000));
        Duration to = Duration.ofMillis(Math.round(json.get("to").asDouble() * 1000));
        boolean exact = json.path("exact").asBoolean(false);
        if (from.isNegative() || to.compareTo(from) <= 0 || to.minus(from).compareTo(MAX_CLIP) > 0) {
            throw GatewayError.BAD_REQUEST.exception("need 0 <= from < to, at most 4 h apart");
        }
        ReviewBackend review = route.review();
        if (!review.canClip()) {
            throw GatewayError.NOT_READY.exception("media work is not running on this gateway");
        }
        Optional<MediaRecord> media = review.media(s);
        if (media.isPresent()) {
            if (media.get().facts().playability() == Playability.UNPLAYABLE || !media.get().facts().hasVideo()) {
                throw GatewayError.BAD_REQUEST.exception("this segment has no video to clip");
            }
            long durationMs = media.get().facts().durationMillis();
            if (durationMs > 0 && from.toMillis() >= durationMs) {
                throw GatewayError.BAD_REQUEST.exception("'from' is past the end of the segment");
            }
        }
        Derived clip;
        try {
            clip = review.clip(s, from, to, exact);
        } catch (RuntimeException e) {
            LOG.warn("clip.cut_failed segment={} error=\"{}\"", s.id(), e.toString());
            throw GatewayError.INTERNAL.exception("the clip could not be cut");
        }
        String id = s.id() + "." + from.toMillis() + "-" + to.toMillis() + "-" + (exact ? "exact" : "fast");
        Map<String, String> details = new LinkedHashMap<>();
        details.put("clip", id);
        details.put("source_sha256", s.sha256().hex());
        details.put("clip_sha256", clip.info().derivedSha256());
        details.put("from", Double.toString(from.toMillis() / 1000.0));
        details.put("to", Double.toString(to.toMillis() / 1000.0));
        details.put("mode", exact ? "exact" : "fast");
        route.audit(p, "segment.clip", s, details);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("segment", s.id().toString());
        out.put("url", "/api/v1/clips/" + id);
        out.put("sha256", clip.info().derivedSha256());
        out.put("sourceSha256", s.sha256().hex());
        out.put("bytes", clip.info().bytes());
        out.put("from", from.toMillis() / 1000.0);
        out.put("to", to.toMillis() / 1000.0);
        out.put("exact", exact);
        return out;
    }
}
