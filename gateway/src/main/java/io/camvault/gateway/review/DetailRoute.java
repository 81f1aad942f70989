package io.camvault.gateway.review;

import io.camvault.gateway.api.SegmentsRoute;
import io.camvault.gateway.auth.Access;
import io.camvault.gateway.backend.Backend;
import io.camvault.gateway.http.Exchange;
import io.camvault.gateway.http.OffloadedExchange;
import io.camvault.gateway.http.Responses;
import io.camvault.gateway.http.Route;
import io.camvault.gateway.protocol.GatewayError;
import io.camvault.vault.audit.AuditEntry;
import io.camvault.vault.audit.AuditEvent;
import io.camvault.vault.media.MediaFacts;
import io.camvault.vault.media.MediaRecord;
import io.camvault.vault.model.Principal;
import io.camvault.vault.model.Role;
import io.camvault.vault.model.Segment;
import io.camvault.vault.model.SegmentId;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;

/**
 * {@code GET /api/v1/segments/{id}}: the segment as {@link SegmentsRoute} renders it, plus for
 * readers its media facts, content URLs and custody trail (every audit event whose subject is the
 * segment, this view included: the view is recorded as {@code segment.view} before the trail is
 * read). The dock or recorder that uploaded it still gets the plain record, to confirm what was
 * stored (audited as {@code segment.confirm}), and so does a dock whose own upload, named by
 * {@code ?upload=}, mapped to it. PUT, PATCH, DELETE and POST are 405 and audited.
 */
public final class DetailRoute implements Route {
    private static final Pattern DETAIL = Pattern.compile("^/api/v1/segments/([^/]+)$");
    private static final int CUSTODY_LIMIT = 1000;

    private final Backend backend;
    private final ReviewBackend review;
    private final Access access;
    private final Executor pool;

    public DetailRoute(Backend backend, ReviewBackend review, Access access, Executor pool) {
        this.backend = backend;
        this.review = review;
        this.access = access;
        this.pool = pool;
    }

    @Override
    public Exchange open(ChannelHandlerContext ctx, HttpRequest request, String path) {
        var m = DETAIL.matcher(path);
        if (!m.matches()) {
            return null;
        }
        String rawId = m.group(1);
        String auth = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (!request.method().equals(HttpMethod.GET)) {
            String method = request.method().name();
            return new OffloadedExchange(ctx, request, pool, () -> {
                Principal p = access.authenticate(auth, "segment.modify", "segment:" + rawId);
                backend.audit(AuditEntry.denied(p.id(), "segment.modify", "segment:" + rawId,
                        "originals are write-once (" + method + ")"));
                throw GatewayError.METHOD_NOT_ALLOWED.exception();
            });
        }
        // ?upload=<id>: the caller's own upload that was committed as this segment (see Access.mayConfirm)
        String upload = first(new QueryStringDecoder(request.uri()).parameters().get("upload"));
        return new OffloadedExchange(ctx, request, pool, () -> detail(auth, rawId, upload));
    }

    private FullHttpResponse detail(String auth, String rawId, String upload) {
        Principal p = access.authenticate(auth, "segment.view", "segment:" + rawId);
        boolean reader = Access.holdsAny(p, Access.READERS);
        if (!reader && !p.has(Role.DOCK) && !p.has(Role.RECORDER)) {
            access.deny(p, "segment.view", "segment:" + rawId, "role not allowed");
        }
        SegmentId id;
        try {
            id = SegmentId.parse(rawId);
        } catch (IllegalArgumentException e) {
            throw GatewayError.NOT_FOUND.exception();
        }
        Segment s = backend.segment(id).orElseThrow(GatewayError.NOT_FOUND::exception);
        if (!reader && !access.mayConfirm(p, s, upload)) {
            access.deny(p, "segment.view", "segment:" + id, "not the uploader");
        }
        // a dock confirming its own upload is not a review (the yearly statistics count segment.view)
        backend.audit(AuditEntry.success(p.id(), reader ? "segment.view" : "segment.confirm", "segment:" + id,
                Map.of("what", "detail")));
        if (!reader && !p.id().equals(s.uploadedBy())) {
            // a byte-identical upload of the caller's own: only that its bytes are kept (see SegmentsRoute)
            return Responses.json(HttpResponseStatus.OK, SegmentsRoute.confirmation(s, upload));
        }
        Map<String, Object> body = new LinkedHashMap<>(SegmentsRoute.json(s));
        if (reader) {
            body.put("media", media(s));
            String base = "/api/v1/segments/" + s.id();
            body.put("links", Map.of("stream", base + "/stream", "original", base + "/original",
                    "thumbnail", base + "/thumbnail", "clips", base + "/clips"));
            body.put("custody", custody(review.custody(s, CUSTODY_LIMIT)));
            return Responses.json(HttpResponseStatus.OK,
                    io.camvault.gateway.http.PrincipalNames.add(body, backend::principalName));
        }
        return Responses.json(HttpResponseStatus.OK, body);
    }

    private static String first(List<String> values) {
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private Map<String, Object> media(Segment s) {
        Map<String, Object> m = new LinkedHashMap<>();
        Optional<MediaRecord> r = review.media(s);
        m.put("status", r.isPresent() ? "done" : review.mediaQueued(s) ? "queued" : "none");
        if (r.isEmpty()) {
            return m;
        }
        MediaFacts f = r.get().facts();
        m.put("playability", f.playability().name().toLowerCase(java.util.Locale.ROOT));
        m.put("reason", f.reason());
        m.put("kind", f.kind() == null ? null : f.kind().name().toLowerCase(java.util.Locale.ROOT));
        m.put("container", f.container());
        m.put("durationMillis", f.durationMillis());
        m.put("videoCodec", f.videoCodec());
        m.put("videoProfile", f.videoProfile());
        m.put("width", f.width());
        m.put("height", f.height());
        m.put("frameRate", f.frameRate());
        m.put("bitRate", f.bitRate());
        m.put("rotation", f.rotation());
        m.put("audioCodec", f.audioCodec());
        m.put("audioSampleRate", f.audioSampleRate());
        m.put("audioChannels", f.audioChannels());
        m.put("creationTime", f.creationTime() == null ? null : f.creationTime().toString());
        m.put("location", f.location());
        m.put("rendition", r.get().rendition() != null);
        m.put("thumbnail", r.get().poster() != null);
        m.put("processedAt", r.get().processedAt() == null ? null : r.get().processedAt().toString());
        return m;
    }

    static List<Map<String, Object>> custody(List<AuditEvent> events) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (AuditEvent e : events) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seq", e.seq());
            m.put("time", e.time().toString());
            m.put("actor", e.actor());
            m.put("action", e.action());
            m.put("outcome", e.outcome().name().toLowerCase(java.util.Locale.ROOT));
            m.put("details", e.details());
            out.add(m);
        }
        return out;
    }
}
