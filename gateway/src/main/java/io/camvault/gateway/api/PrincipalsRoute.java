package io.camvault.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.camvault.gateway.auth.Access;
import io.camvault.gateway.backend.CustodyBackend;
import io.camvault.gateway.http.Exchange;
import io.camvault.gateway.http.JsonBodyExchange;
import io.camvault.gateway.http.Responses;
import io.camvault.gateway.http.Route;
import io.camvault.gateway.http.SimpleExchange;
import io.camvault.gateway.protocol.GatewayError;
import io.camvault.vault.auth.IssuedToken;
import io.camvault.vault.model.Principal;
import io.camvault.vault.model.Role;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Principals managed while the daemon runs, admins only (every refusal audited by {@link Access}):
 * <ul>
 *   <li>{@code GET /api/v1/principals}: every principal with its status, never a token;</li>
 *   <li>{@code POST /api/v1/principals} {name, roles, recorder?, expiresInSeconds?}: 201 with the new
 *       principal and its token, shown this once ({@code Cache-Control: no-store});</li>
 *   <li>{@code POST /api/v1/principals/{id or name}/revoke} {reason?}: the token stops working at once.</li>
 * </ul>
 * Creation and revocation go through the same audited operations as the offline commands.
 */
public final class PrincipalsRoute implements Route {
    static final String BASE = "/api/v1/principals";
    private static final Set<Role> ADMINS = EnumSet.of(Role.ADMIN);
    private final CustodyBackend backend;
    private final Access access;
    private final Executor pool;

    public PrincipalsRoute(CustodyBackend backend, Access access, Executor pool) {
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
        if (seg == null || seg.size() == 1 || seg.size() > 2 || seg.size() == 2 && !seg.get(1).equals("revoke")) {
            return SimpleExchange.failing(ctx, request, GatewayError.NOT_FOUND.exception());
        }
        String auth = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        HttpMethod m = request.method();
        if (seg.isEmpty() && m.equals(HttpMethod.GET)) {
            return new JsonBodyExchange(ctx, request, pool, body -> list(auth));
        }
        if (seg.isEmpty() && m.equals(HttpMethod.POST)) {
            return new JsonBodyExchange(ctx, request, pool, body -> create(auth, Api.body(body)));
        }
        if (seg.size() == 2 && m.equals(HttpMethod.POST)) {
            return new JsonBodyExchange(ctx, request, pool, body -> revoke(auth, seg.get(0), Api.body(body)));
        }
        return SimpleExchange.failing(ctx, request, GatewayError.METHOD_NOT_ALLOWED.exception());
    }

    private Principal admin(String auth, String action, String subject) {
        Principal p = access.authenticate(auth, action, subject);
        access.requireAny(p, ADMINS, action, subject);
        return p;
    }

    private FullHttpResponse list(String auth) {
        admin(auth, "principal.list", "principals");
        Instant now = backend.now();
        List<Map<String, Object>> items = new ArrayList<>();
        for (Principal p : Api.vault(backend::principals)) {
            items.add(json(p, now));
        }
        return Responses.json(HttpResponseStatus.OK, Map.of("items", items));
    }

    private FullHttpResponse create(String auth, JsonNode body) {
        Principal actor = admin(auth, "principal.create", "principals");
        String name = Api.required(body, "name");
        Set<Role> roles = EnumSet.noneOf(Role.class);
        JsonNode r = body.get("roles");
        if (r == null || !r.isArray() || r.isEmpty()) {
            throw GatewayError.BAD_REQUEST.exception("'roles' must be a non-empty list");
        }
        for (JsonNode role : r) {
            try {
                roles.add(Role.parse(role.asText()));
            } catch (IllegalArgumentException e) {
                throw GatewayError.BAD_REQUEST.exception(e.getMessage());
            }
        }
        String recorder = Api.text(body, "recorder");
        Duration validFor = null;
        JsonNode expires = body.get("expiresInSeconds");
        if (expires != null && !expires.isNull()) {
            if (!expires.canConvertToLong() || expires.asLong() <= 0) {
                throw GatewayError.BAD_REQUEST.exception("'expiresInSeconds' must be a positive whole number");
            }
            validFor = Duration.ofSeconds(expires.asLong());
        }
        Duration lifetime = validFor;
        String cert = Api.text(body, "clientCertSha256");
        IssuedToken issued = Api.vault(() -> backend.createPrincipal(actor.id(), name, roles, recorder, lifetime, cert));
        Map<String, Object> out = json(issued.principal(), backend.now());
        out.put("token", issued.token());
        FullHttpResponse response = Responses.json(HttpResponseStatus.CREATED, out);
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        return response;
    }

    private FullHttpResponse revoke(String auth, String idOrName, JsonNode body) {
        Principal actor = admin(auth, "principal.revoke", "principal:" + idOrName);
        String reason = Api.text(body, "reason");
        Principal revoked = Api.vault(() -> backend.revokePrincipal(actor.id(), idOrName, reason));
        return Responses.json(HttpResponseStatus.OK, json(revoked, backend.now()));
    }

    /** A principal as the API shows it: never its token or token hash. */
    static Map<String, Object> json(Principal p, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("name", p.name());
        List<String> roles = new ArrayList<>();
        for (Role r : Role.values()) {
            if (p.roles().contains(r)) {
                roles.add(r.wireName());
            }
        }
        m.put("roles", roles);
        if (p.recorderSerial() != null) {
            m.put("recorder", p.recorderSerial());
        }
        if (p.clientCertSha256() != null) {
            m.put("clientCertSha256", p.clientCertSha256());
        }
        m.put("createdAt", p.createdAt());
        if (p.expiresAt() != null) {
            m.put("expiresAt", p.expiresAt());
        }
        if (p.revokedAt() != null) {
            m.put("revokedAt", p.revokedAt());
            m.put("revokedBy", p.revokedBy());
        }
        String refusal = p.refusalAt(now);
        m.put("status", refusal == null ? "active" : refusal);
        return m;
    }
}
