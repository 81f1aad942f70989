package io.camvault.gateway.review;

import io.camvault.gateway.auth.Access;
import io.camvault.gateway.backend.Backend;
import io.camvault.gateway.http.Exchange;
import io.camvault.gateway.http.OffloadedExchange;
import io.camvault.gateway.http.Route;
import io.camvault.gateway.http.SimpleExchange;
import io.camvault.gateway.protocol.GatewayError;
import io.camvault.vault.audit.AuditEntry;
import io.camvault.vault.model.Principal;
import io.camvault.vault.model.Segment;
import io.camvault.vault.model.SegmentId;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /api/v1/segments/{id}/original|stream|thumbnail}, {@code POST /api/v1/segments/{id}/clips},
 * {@code GET /api/v1/clips/{clipId}}. Readers (clerk, supervisor, auditor, admin) only; docks and
 * recorders get 403, audited. Any other method on an original or its derivatives is 405, and the
 * attempt is audited: originals are write-once and no API alters them.
 *
 * <p>For {@code <video src>} and {@code <img src>}, which cannot send headers, a GET on these
 * paths may carry the token as {@code access_token} in the query instead; nothing in the gateway
 * logs request targets, so the token is never written to a log.
 */
public final class ContentRoute implements Route {
    private static final Pattern SEGMENT = Pattern.compile("^/api/v1/segments/([^/]+)/(original|stream|thumbnail|clips)$");
    private static final Pattern CLIP = Pattern.compile("^/api/v1/clips/([^/]+)$");

    private final Backend backend;
    private final ReviewBackend review;
    private final Access access;
    private final Executor pool;
    private final Executor clipPool;

    public ContentRoute(Backend backend, ReviewBackend review, Access access, Executor pool, Executor clipPool) {
        this.backend = backend;
        this.review = review;
        this.access = access;
        this.pool = pool;
        this.clipPool = clipPool;
    }

    @Override
    public Exchange open(ChannelHandlerContext ctx, HttpRequest request, String path) {
        Matcher seg = SEGMENT.matcher(path);
        Matcher clip = CLIP.matcher(path);
        boolean get = request.method().equals(HttpMethod.GET);
        if ((seg.matches() || clip.matches()) && (request.method().equals(HttpMethod.HEAD)
                || request.method().equals(HttpMethod.OPTIONS))) {
            // reads without a body; not an attempt to alter anything, so not audited
            return SimpleExchange.failing(ctx, request, GatewayError.METHOD_NOT_ALLOWED.exception());
        }
        if (seg.matches()) {
            String rawId = seg.group(1);
            String kind = seg.group(2);
            if (kind.equals("clips")) {
                if (request.method().equals(HttpMethod.POST)) {
                    return new ClipExchange(ctx, request, clipPool, this, rawId);
                }
                return refuseChange(ctx, request, rawId);
            }
            if (!get) {
                return refuseChange(ctx, request, rawId);
            }
            return new ContentExchange(ctx, request, pool, this, ContentExchange.Kind.valueOf(kind.toUpperCase()), rawId,
                    authorization(request, true));
        }
        if (clip.matches()) {
            if (!get) {
                return refuseChange(ctx, request, clip.group(1));
            }
            return new ContentExchange(ctx, request, pool, this, ContentExchange.Kind.CLIP, clip.group(1),
                    authorization(request, true));
        }
        return null;
    }

    /** 405 for anything that would alter an original or a derived file; audited once authenticated. */
    private Exchange refuseChange(ChannelHandlerContext ctx, HttpRequest request, String rawId) {
        String auth = authorization(request, false);
        String method = request.method().name();
        return new OffloadedExchange(ctx, request, pool, () -> {
            Principal p = access.authenticate(auth, "segment.modify", "segment:" + rawId);
            backend.audit(AuditEntry.denied(p.id(), "segment.modify", "segment:" + rawId,
                    "originals are write-once (" + method + ")"));
            throw GatewayError.METHOD_NOT_ALLOWED.exception();
        });
    }

    /** The Authorization header, or (GET only) the {@code access_token} query parameter as a bearer. */
    static String authorization(HttpRequest request, boolean queryAllowed) {
        String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (header != null || !queryAllowed) {
            return header;
        }
        List<String> t = new QueryStringDecoder(request.uri()).parameters().get("access_token");
        return t == null || t.size() != 1 || t.get(0).isEmpty() ? null : "Bearer " + t.get(0);
    }

    /** Authenticates, checks the reader roles (403 audited), and finds the segment (404). */
    Segment readable(String auth, String action, String rawId) {
        Principal p = principal(auth, action, rawId);
        return segment(rawId, p, action);
    }

    Principal principal(String auth, String action, String rawId) {
        Principal p = access.authenticate(auth, action, "segment:" + rawId);
        access.requireAny(p, Access.READERS, action, "segment:" + rawId);
        return p;
    }

    Segment segment(String rawId, Principal p, String action) {
        SegmentId id;
        try {
            id = SegmentId.parse(rawId);
        } catch (IllegalArgumentException e) {
            throw GatewayError.NOT_FOUND.exception();
        }
        return backend.segment(id).orElseThrow(GatewayError.NOT_FOUND::exception);
    }

    void audit(Principal p, String action, Segment s, Map<String, String> details) {
        backend.audit(AuditEntry.success(p.id(), action, "segment:" + s.id(), details));
    }

    ReviewBackend review() {
        return review;
    }
}
