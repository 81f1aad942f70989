package io.camvault.gateway.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camvault.gateway.auth.Access;
import io.camvault.gateway.backend.Backend;
import io.camvault.gateway.http.Exchange;
import io.camvault.gateway.http.JsonBodyExchange;
import io.camvault.gateway.http.Responses;
import io.camvault.gateway.http.Route;
import io.camvault.gateway.http.SimpleExchange;
import io.camvault.gateway.protocol.GatewayError;
import io.camvault.vault.VaultException;
import io.camvault.vault.audit.AuditEntry;
import io.camvault.vault.media.MediaRecord;
import io.camvault.vault.media.Playability;
import io.camvault.vault.model.Principal;
import io.camvault.vault.model.Role;
import io.camvault.vault.model.Segment;
import io.camvault.vault.redaction.Method;
import io.camvault.vault.redaction.RedactionSpec;
import io.camvault.vault.redaction.store.RedactionId;
import io.camvault.vault.redaction.store.RedactionJob;
import io.camvault.vault.redaction.store.RedactionRecord;
import io.camvault.vault.redaction.store.RedactionService;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Redacted copies over HTTP.
 * <ul>
 *   <li>{@code POST /api/v1/segments/{id}/redactions} with a spec ({@code method}, {@code regions},
 *       {@code mutes}) and/or {@code "auto":["faces"]}: queues the copy, 202 with its id and progress.
 *       Clerks and supervisors only.</li>
 *   <li>{@code GET /api/v1/segments/{id}/redactions}, {@code GET /api/v1/redactions}: the copies made.</li>
 *   <li>{@code GET /api/v1/redactions/{rid}}: the record, or the job's state and progress while it renders.</li>
 *   <li>{@code GET /api/v1/redactions/{rid}/content}: the copy itself (HTTP Range), see {@link ContentExchange}.</li>
 * </ul>
 * Readers (clerk, supervisor, auditor, admin) see copies; every creation, view and download is audited.
 */
public final class RedactionRoute implements Route {
    /** Who may make redacted copies. */
    public static final Set<Role> REDACTORS = Set.of(Role.CLERK, Role.SUPERVISOR);
    private static final Pattern SEGMENT = Pattern.compile("^/api/v1/segments/([^/]+)/redactions$");
    private static final Pattern ONE = Pattern.compile("^/api/v1/redactions/([^/]+)(/content)?$");
    private static final String ALL = "/api/v1/redactions";
    private static final int LIST_LIMIT = 500;

    private final Backend backend;
    private final ReviewBackend review;
    private final Access access;
    private final Executor pool;
    private final ContentRoute content;

    RedactionRoute(Backend backend, ReviewBackend review, Access access, Executor pool, ContentRoute content) {
        this.backend = backend;
        this.review = review;
        this.access = access;
        this.pool = pool;
        this.content = content;
    }

    @Override
    public Exchange open(ChannelHandlerContext ctx, HttpRequest request, String path) {
        Matcher seg = SEGMENT.matcher(path);
        Matcher one = ONE.matcher(path);
        if (!seg.matches() && !one.matches() && !path.equals(ALL)) {
            return null;
        }
        String auth = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        HttpMethod m = request.method();
        if (seg.matches() && m.equals(HttpMethod.POST)) {
            return new JsonBodyExchange(ctx, request, pool, body -> create(auth, seg.group(1), body));
        }
        if (seg.matches() && m.equals(HttpMethod.GET)) {
            return new JsonBodyExchange(ctx, request, pool, body -> listSegment(auth, seg.group(1)));
        }
        if (path.equals(ALL) && m.equals(HttpMethod.GET)) {
            return new JsonBodyExchange(ctx, request, pool, body -> listAll(auth));
        }
        if (one.matches() && one.group(2) != null && m.equals(HttpMethod.GET)) {
            return new ContentExchange(ctx, request, pool, content, ContentExchange.Kind.REDACTION, one.group(1),
                    ContentRoute.authorization(request, true));
        }
        if (one.matches() && one.group(2) == null && m.equals(HttpMethod.GET)) {
            return new JsonBodyExchange(ctx, request, pool, body -> show(auth, one.group(1)));
        }
        return SimpleExchange.failing(ctx, request, GatewayError.METHOD_NOT_ALLOWED.exception());
    }

    private FullHttpResponse create(String auth, String rawId, byte[] body) {
        Principal p = access.authenticate(auth, RedactionService.ACTION, "segment:" + rawId);
        access.requireAny(p, REDACTORS, RedactionService.ACTION, "segment:" + rawId);
        Segment s = content.segment(rawId, p, RedactionService.ACTION);
        RedactionService service = review.redactions().orElseThrow(() ->
                GatewayError.NOT_READY.exception("media work is not running on this gateway"));
        JsonNode json;
        try {
            json = body.length == 0 ? null : Responses.json().readTree(body);
        } catch (IOException e) {
            throw GatewayError.BAD_REQUEST.exception("body must be a JSON redaction spec");
        }
        if (json == null || !json.isObject()) {
            throw GatewayError.BAD_REQUEST.exception("body must be a JSON redaction spec");
        }
        ObjectNode specJson = ((ObjectNode) json).deepCopy();
        boolean autoFaces = false;
        JsonNode auto = specJson.remove("auto");
        if (auto != null) {
            if (!auto.isArray() || auto.size() > 1 || auto.size() == 1 && !"faces".equals(auto.get(0).asText())) {
                throw GatewayError.BAD_REQUEST.exception("'auto' may only be [\"faces\"]");
            }
            autoFaces = auto.size() == 1;
        }
        Method method;
        RedactionSpec spec;
        try {
            method = Method.parse(specJson.path("method").asText("pixelate"));
            boolean hasParts = specJson.path("regions").size() > 0 || specJson.path("mutes").size() > 0;
            spec = hasParts || !autoFaces ? RedactionSpec.fromJson(specJson) : null;
        } catch (VaultException e) {
            throw GatewayError.BAD_REQUEST.exception(e.getMessage());
        }
        Optional<MediaRecord> media = review.media(s);
        if (media.isPresent() && (media.get().facts().playability() == Playability.UNPLAYABLE
                || !media.get().facts().hasVideo() && !(spec != null && spec.regions().isEmpty()))) {
            throw GatewayError.BAD_REQUEST.exception("this segment has no video to redact");
        }
        long duration = media.map(x -> x.facts().durationMillis()).orElse(0L);
        RedactionJob job;
        try {
            job = service.submit(s, spec, method, autoFaces, duration, p.id());
        } catch (VaultException e) {
            if (e.kind() == VaultException.Kind.UNAVAILABLE) {
                throw GatewayError.NOT_READY.exception(e.getMessage());
            }
            throw GatewayError.BAD_REQUEST.exception(e.getMessage());
        }
        Map<String, Object> out = new LinkedHashMap<>(job.status());
        out.put("segment", s.id().toString());
        out.put("url", ALL + "/" + job.id());
        return Responses.json(HttpResponseStatus.ACCEPTED, out);
    }

    private FullHttpResponse listSegment(String auth, String rawId) {
        Principal p = content.principal(auth, "redaction.list", rawId);
        Segment s = content.segment(rawId, p, "redaction.list");
        List<RedactionRecord> list = review.redactionRecords().bySegment(s.id());
        content.audit(p, "redaction.list", s, Map.of("count", Integer.toString(list.size())));
        return Responses.json(HttpResponseStatus.OK, Map.of("redactions", list.stream().map(RedactionRoute::summary).toList()));
    }

    private FullHttpResponse listAll(String auth) {
        Principal p = access.authenticate(auth, "redaction.list", "redactions");
        access.requireAny(p, Access.READERS, "redaction.list", "redactions");
        List<RedactionRecord> list = review.redactionRecords().recent(LIST_LIMIT);
        backend.audit(AuditEntry.success(p.id(), "redaction.list", "redactions",
                Map.of("count", Integer.toString(list.size()))));
        return Responses.json(HttpResponseStatus.OK, Map.of("redactions", list.stream().map(RedactionRoute::summary).toList()));
    }

    private FullHttpResponse show(String auth, String rawId) {
        Optional<RedactionId> id = RedactionId.parse(rawId);
        String segmentRef = id.map(i -> i.segment().toString()).orElse(rawId);
        Principal p = content.principal(auth, "redaction.view", segmentRef);
        if (id.isEmpty()) {
            throw GatewayError.NOT_FOUND.exception();
        }
        Segment s = content.segment(segmentRef, p, "redaction.view");
        Optional<RedactionRecord> r = review.redactionRecords().get(id.get());
        if (r.isPresent()) {
            content.audit(p, "redaction.view", s, Map.of("redaction", rawId, "redacted_sha256", r.get().redactedSha256()));
            Map<String, Object> out = summary(r.get());
            out.put("state", "done");
            out.put("progress", 1.0);
            out.put("spec", Responses.json().valueToTree(parse(r.get().spec())));
            return Responses.json(HttpResponseStatus.OK, out);
        }
        Optional<RedactionJob> job = review.redactions().flatMap(x -> x.job(rawId));
        if (job.isEmpty()) {
            throw GatewayError.NOT_FOUND.exception("no redaction " + rawId);
        }
        Map<String, Object> out = new LinkedHashMap<>(job.get().status());
        out.put("segment", s.id().toString());
        return Responses.json(HttpResponseStatus.OK, out);
    }

    private static JsonNode parse(String json) {
        try {
            return Responses.json().readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("stored spec is not JSON", e);
        }
    }

    static Map<String, Object> summary(RedactionRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("segment", r.segment());
        m.put("sourceSha256", r.sourceSha256());
        m.put("redactedSha256", r.redactedSha256());
        m.put("specSha256", r.specSha256());
        m.put("bytes", r.bytes());
        m.put("detectedRegions", r.detectedRegions());
        m.put("createdBy", r.actor());
        m.put("createdAt", r.createdAt().toString());
        m.put("url", ALL + "/" + r.id() + "/content");
        return m;
    }
}
