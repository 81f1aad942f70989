package io.camvault.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.camvault.gateway.auth.Access;
import io.camvault.gateway.backend.CustodyBackend;
import io.camvault.gateway.http.Exchange;
import io.camvault.gateway.http.JsonBodyExchange;
import io.camvault.gateway.http.PrincipalNames;
import io.camvault.gateway.http.Responses;
import io.camvault.gateway.http.Route;
import io.camvault.gateway.http.SimpleExchange;
import io.camvault.gateway.protocol.GatewayError;
import io.camvault.vault.model.CaseRecord;
import io.camvault.vault.model.Description;
import io.camvault.vault.model.Hold;
import io.camvault.vault.model.Principal;
import io.camvault.vault.model.SegmentId;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Cases under {@code /api/v1/cases}: {@code POST /} {number,title,unit,major}; {@code GET /{idOrNumber}};
 * {@code POST /{case}/close} {reason}; {@code POST /{case}/holds} {reason};
 * {@code DELETE /{case}/holds/{holdId}} {reason}; {@code POST /{case}/links}
 * {segments:[…], description:{text,what,who,where,when}}; {@code POST /{case}/unlink} {segment,reason}.
 * {@code {case}} is a case id or number. Clerks, supervisors and admins change cases; auditors may
 * also read them. Every change answers with the case as it now stands.
 */
public final class CasesRoute implements Route {
    static final String BASE = "/api/v1/cases";
    private final CustodyBackend backend;
    private final Access access;
    private final Executor pool;

    public CasesRoute(CustodyBackend backend, Access access, Executor pool) {
        this.backend = backend;
        this.access = access;
        this.pool = pool;
    }

    @Override
    public Exchange open(ChannelHandlerContext ctx, HttpRequest request, String path) {
        if (!path.equals(BASE) && !path.startsWith(BASE + "/")) {
            return null;
        }
        List<String> seg = Api.segmentsAfter(request.uri(), BASE);
        if (seg == null) {
            return SimpleExchange.failing(ctx, request, GatewayError.NOT_FOUND.exception());
        }
        String auth = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        HttpMethod m = request.method();
        Handler h = handler(m, seg);
        if (h == null) {
            return SimpleExchange.failing(ctx, request, knownShape(seg)
                    ? GatewayError.METHOD_NOT_ALLOWED.exception() : GatewayError.NOT_FOUND.exception());
        }
        return new JsonBodyExchange(ctx, request, pool, body -> h.handle(auth, seg, Api.body(body)));
    }

    private interface Handler {
        FullHttpResponse handle(String auth, List<String> seg, JsonNode body);
    }

    private Handler handler(HttpMethod m, List<String> seg) {
        int n = seg.size();
        if (n == 0 && m.equals(HttpMethod.POST)) {
            return this::create;
        }
        if (n == 1 && m.equals(HttpMethod.GET)) {
            return this::show;
        }
        if (n == 2 && m.equals(HttpMethod.POST)) {
            return switch (seg.get(1)) {
                case "close" -> this::close;
                case "holds" -> this::hold;
                case "links" -> this::link;
                case "unlink" -> this::unlink;
                default -> null;
            };
        }
        if (n == 3 && m.equals(HttpMethod.DELETE) && seg.get(1).equals("holds")) {
            return this::release;
        }
        return null;
    }

    private static boolean knownShape(List<String> seg) {
        return seg.size() <= 1 || seg.size() == 2 && List.of("close", "holds", "links", "unlink").contains(seg.get(1))
                || seg.size() == 3 && seg.get(1).equals("holds");
    }

    private Principal custodian(String auth, String action, String subject) {
        Principal p = access.authenticate(auth, action, subject);
        access.requireAny(p, Api.CUSTODIANS, action, subject);
        return p;
    }

    private CaseRecord existing(String idOrNumber) {
        return Api.vault(() -> backend.findCase(idOrNumber)).orElseThrow(() ->
                GatewayError.NOT_FOUND.exception("no case " + idOrNumber));
    }

    private FullHttpResponse create(String auth, List<String> seg, JsonNode body) {
        Principal p = custodian(auth, "case.create", "cases");
        String number = Api.required(body, "number");
        String title = Api.text(body, "title");
        String unit = Api.text(body, "unit");
        JsonNode major = body.get("major");
        if (major != null && !major.isNull() && !major.isBoolean()) {
            throw GatewayError.BAD_REQUEST.exception("'major' must be true or false");
        }
        CaseRecord c = Api.vault(() -> backend.createCase(p.id(), number, title, unit, major != null && major.asBoolean()));
        return named(HttpResponseStatus.CREATED, c);
    }

    private FullHttpResponse show(String auth, List<String> seg, JsonNode body) {
        Principal p = access.authenticate(auth, "case.get", "case:" + seg.get(0));
        access.requireAny(p, Access.READERS, "case.get", "case:" + seg.get(0));
        return named(HttpResponseStatus.OK, existing(seg.get(0)));
    }

    private FullHttpResponse close(String auth, List<String> seg, JsonNode body) {
        Principal p = custodian(auth, "case.close", "case:" + seg.get(0));
        String reason = Api.required(body, "reason");
        CaseRecord c = existing(seg.get(0));
        return named(HttpResponseStatus.OK, Api.vault(() -> backend.closeCase(c.id(), reason, p.id())));
    }

    private FullHttpResponse hold(String auth, List<String> seg, JsonNode body) {
        Principal p = custodian(auth, "case.hold", "case:" + seg.get(0));
        String reason = Api.required(body, "reason");
        CaseRecord c = existing(seg.get(0));
        Hold hold = Api.vault(() -> backend.holdCase(c.id(), reason, p.id()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("hold", hold);
        out.put("case", existing(c.id()));
        return named(HttpResponseStatus.CREATED, out);
    }

    private FullHttpResponse release(String auth, List<String> seg, JsonNode body) {
        Principal p = custodian(auth, "case.release", "case:" + seg.get(0));
        String reason = Api.required(body, "reason");
        CaseRecord c = existing(seg.get(0));
        Api.vaultRun(() -> backend.releaseCase(c.id(), seg.get(2), reason, p.id()));
        return named(HttpResponseStatus.OK, existing(c.id()));
    }

    private FullHttpResponse link(String auth, List<String> seg, JsonNode body) {
        Principal p = custodian(auth, "case.link", "case:" + seg.get(0));
        List<SegmentId> ids = segmentIds(body.get("segments"));
        Description d = description(body.get("description"));
        CaseRecord c = existing(seg.get(0));
        for (SegmentId id : ids) {
            Api.vault(() -> backend.linkSegment(c.id(), id, d, p.id()));
        }
        return named(HttpResponseStatus.OK, existing(c.id()));
    }

    private FullHttpResponse unlink(String auth, List<String> seg, JsonNode body) {
        Principal p = custodian(auth, "case.unlink", "case:" + seg.get(0));
        SegmentId id = segmentId(Api.required(body, "segment"));
        String reason = Api.required(body, "reason");
        CaseRecord c = existing(seg.get(0));
        Api.vaultRun(() -> backend.unlinkSegment(c.id(), id, reason, p.id()));
        return named(HttpResponseStatus.OK, existing(c.id()));
    }

    private static List<SegmentId> segmentIds(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty() || node.size() > 1000) {
            throw GatewayError.BAD_REQUEST.exception("'segments' must be a list of 1 to 1000 segment ids");
        }
        List<SegmentId> out = new ArrayList<>();
        for (JsonNode n : node) {
            if (!n.isTextual()) {
                throw GatewayError.BAD_REQUEST.exception("'segments' must hold segment ids");
            }
            out.add(segmentId(n.asText()));
        }
        return out;
    }

    private static SegmentId segmentId(String text) {
        try {
            return SegmentId.parse(text);
        } catch (IllegalArgumentException e) {
            throw GatewayError.BAD_REQUEST.exception("not a segment id: " + (text.length() > 64 ? text.substring(0, 64) : text));
        }
    }

    private static Description description(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw GatewayError.DESCRIPTION_REQUIRED.exception();
        }
        String text = Api.text(node, "text");
        if (text == null || text.isBlank()) {
            throw GatewayError.DESCRIPTION_REQUIRED.exception();
        }
        return new Description(text, Api.text(node, "what"), Api.text(node, "who"), Api.text(node, "where"),
                Api.text(node, "when"));
    }

    /** A JSON answer with the names of the principals it mentions (see {@link PrincipalNames}). */
    private FullHttpResponse named(HttpResponseStatus status, Object body) {
        return Responses.json(status, PrincipalNames.add(body, backend::principalName));
    }
}
