package io.camvault.gateway.api;

import io.camvault.gateway.auth.Access;
import io.camvault.gateway.backend.CustodyBackend;
import io.camvault.gateway.http.Exchange;
import io.camvault.gateway.http.OffloadedExchange;
import io.camvault.gateway.http.PrincipalNames;
import io.camvault.gateway.http.Responses;
import io.camvault.gateway.http.Route;
import io.camvault.gateway.http.SimpleExchange;
import io.camvault.gateway.protocol.GatewayError;
import io.camvault.vault.audit.AuditEntry;
import io.camvault.vault.audit.AuditEvent;
import io.camvault.vault.audit.AuditVerification;
import io.camvault.vault.model.Principal;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * {@code GET /api/v1/audit?subject=S&limit=N} (or {@code ?from=SEQ}) and {@code GET /api/v1/audit/verify}.
 * Readers only (clerk, supervisor, auditor, admin). Reading the audit log is itself audited
 * ({@code audit.read}, {@code audit.verify}), as CJIS asks of access to the log.
 */
public final class AuditRoute implements Route {
    static final String BASE = "/api/v1/audit";
    private static final int DEFAULT_LIMIT = 1000;
    private static final int MAX_LIMIT = 10_000;
    private final CustodyBackend backend;
    private final Access access;
    private final Executor pool;
    private final java.util.function.Consumer<AuditEntry> audit;

    public AuditRoute(CustodyBackend backend, Access access, Executor pool, java.util.function.Consumer<AuditEntry> audit) {
        this.backend = backend;
        this.access = access;
        this.pool = pool;
        this.audit = audit;
    }

    @Override
    public Exchange open(ChannelHandlerContext ctx, HttpRequest request, String path) {
        if (!path.equals(BASE) && !path.startsWith(BASE + "/")) {
            return null;
        }
        if (!request.method().equals(HttpMethod.GET)) {
            return SimpleExchange.failing(ctx, request, GatewayError.METHOD_NOT_ALLOWED.exception());
        }
        String auth = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (path.equals(BASE + "/verify")) {
            return new OffloadedExchange(ctx, request, pool, () -> verify(auth));
        }
        if (!path.equals(BASE)) {
            return SimpleExchange.failing(ctx, request, GatewayError.NOT_FOUND.exception());
        }
        Map<String, List<String>> params = new QueryStringDecoder(request.uri()).parameters();
        return new OffloadedExchange(ctx, request, pool, () -> list(auth, params));
    }

    private FullHttpResponse list(String auth, Map<String, List<String>> params) {
        Principal p = access.authenticate(auth, "audit.read", "audit");
        access.requireAny(p, Access.READERS, "audit.read", "audit");
        String subject = Api.param(params, "subject");
        int limit = number(Api.param(params, "limit"), DEFAULT_LIMIT, "limit");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw GatewayError.BAD_REQUEST.exception("'limit' must be between 1 and " + MAX_LIMIT);
        }
        long from = number(Api.param(params, "from"), 1, "from");
        List<AuditEvent> events = subject != null ? Api.vault(() -> backend.auditBySubject(subject, limit))
                : Api.vault(() -> backend.auditFrom(from, limit));
        audit.accept(AuditEntry.success(p.id(), "audit.read", "audit", subject == null
                ? Map.of("from", Long.toString(from)) : Map.of("subject", subject)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", events);
        return Responses.json(HttpResponseStatus.OK, PrincipalNames.add(body, backend::principalName));
    }

    private FullHttpResponse verify(String auth) {
        Principal p = access.authenticate(auth, "audit.verify", "audit");
        access.requireAny(p, Access.READERS, "audit.verify", "audit");
        AuditVerification v = Api.vault(backend::verifyAudit);
        audit.accept(AuditEntry.success(p.id(), "audit.verify", "audit", Map.of("intact", Boolean.toString(v.intact()),
                "events", Long.toString(v.eventsChecked()))));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("intact", v.intact());
        body.put("eventsChecked", v.eventsChecked());
        body.put("brokenAtSeq", v.brokenAtSeq());
        body.put("problem", v.problem());
        return Responses.json(HttpResponseStatus.OK, body);
    }

    private static int number(String v, int dflt, String name) {
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw GatewayError.BAD_REQUEST.exception("'" + name + "' is not an integer");
        }
    }
}
