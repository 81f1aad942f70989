package io.camvault.gateway.api;

import io.camvault.gateway.auth.Access;
import io.camvault.gateway.backend.CustodyBackend;
import io.camvault.gateway.http.Exchange;
import io.camvault.gateway.http.OffloadedExchange;
import io.camvault.gateway.http.Responses;
import io.camvault.gateway.http.Route;
import io.camvault.gateway.http.SimpleExchange;
import io.camvault.gateway.protocol.GatewayError;
import io.camvault.vault.model.Officer;
import io.camvault.vault.model.Principal;
import io.camvault.vault.model.Role;
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
import java.util.concurrent.Executor;

/**
 * Who is asking and whom a name means:
 * <ul>
 *   <li>{@code GET /api/v1/me} (any valid token): the caller's id, name and roles, and the display zone,
 *       so the page and the command line say who is signed in and show times in the zone everyone reads.</li>
 *   <li>{@code GET /api/v1/officers?name=} (readers): the officers recorded under exactly that name, each
 *       with badge, unit code and unit name, so a search by name can be resolved or shown as ambiguous.</li>
 * </ul>
 */
public final class PeopleRoute implements Route {
    static final String ME = "/api/v1/me";
    static final String OFFICERS = "/api/v1/officers";
    private final CustodyBackend backend;
    private final Access access;
    private final Executor pool;

    public PeopleRoute(CustodyBackend backend, Access access, Executor pool) {
        this.backend = backend;
        this.access = access;
        this.pool = pool;
    }

    @Override
    public Exchange open(ChannelHandlerContext ctx, HttpRequest request, String path) {
        if (!path.equals(ME) && !path.equals(OFFICERS)) {
            return null;
        }
        if (!request.method().equals(HttpMethod.GET)) {
            return SimpleExchange.failing(ctx, request, GatewayError.METHOD_NOT_ALLOWED.exception());
        }
        String auth = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (path.equals(ME)) {
            return new OffloadedExchange(ctx, request, pool, () -> me(auth));
        }
        Map<String, List<String>> params = new QueryStringDecoder(request.uri()).parameters();
        return new OffloadedExchange(ctx, request, pool, () -> officers(auth, params));
    }

    private FullHttpResponse me(String auth) {
        Principal p = access.authenticate(auth, "session.read", "me");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", p.id());
        body.put("name", p.name());
        List<String> roles = new ArrayList<>();
        for (Role r : Role.values()) {
            if (p.has(r)) {
                roles.add(r.wireName());
            }
        }
        body.put("roles", roles);
        body.put("displayZone", backend.displayZone().getId());
        return Responses.json(HttpResponseStatus.OK, body);
    }

    private FullHttpResponse officers(String auth, Map<String, List<String>> params) {
        Principal p = access.authenticate(auth, "officer.search", "officers");
        access.requireAny(p, Access.READERS, "officer.search", "officers");
        String name = Api.param(params, "name");
        if (name == null) {
            throw GatewayError.BAD_REQUEST.exception("'name' is required");
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (Officer o : backend.officersNamed(name)) {
            items.add(json(o));
        }
        return Responses.json(HttpResponseStatus.OK, Map.of("items", items));
    }

    static Map<String, Object> json(Officer o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("badge", o.badge());
        m.put("name", o.name());
        m.put("unit", o.unitCode());
        m.put("unitName", o.unitName());
        return m;
    }
}
