package io.camvault.gateway.api;

import io.camvault.gateway.auth.Access;
import io.camvault.gateway.backend.Backend;
import io.camvault.gateway.http.Exchange;
import io.camvault.gateway.http.OffloadedExchange;
import io.camvault.gateway.http.Responses;
import io.camvault.gateway.http.Route;
import io.camvault.gateway.http.SimpleExchange;
import io.camvault.gateway.protocol.GatewayError;
import io.camvault.vault.index.Page;
import io.camvault.vault.index.SegmentQuery;
import io.camvault.vault.model.Officer;
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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * {@code GET /api/v1/segments?officer=&officerName=&recorder=&unit=&case=&from=&to=&limit=&cursor=} (clerk,
 * supervisor, auditor, admin) and {@code GET /api/v1/segments/{id}} (those, plus the dock or recorder
 * that uploaded it, to confirm what was stored). {@code officerName} is resolved to the badge recorded
 * under that name: none gives an empty page, several are 409 {@code ambiguous_officer} naming them
 * (search by badge then). A window whose {@code from} is not before its {@code to} is 400: it can
 * hold nothing, and an empty answer would read as "no footage".
 */
public final class SegmentsRoute implements Route {
    private static final String BASE = "/api/v1/segments";
    private static final int DEFAULT_LIMIT = 100;
    private final Backend backend;
    private final Access access;
    private final Executor pool;
    /** Case id or number → case id; empty when unknown. */
    private final java.util.function.Function<String, java.util.Optional<String>> cases;
    /** Officer name → the officers recorded under it. */
    private final java.util.function.Function<String, List<Officer>> officers;

    public SegmentsRoute(Backend backend, Access access, Executor pool) {
        this(backend, access, pool, java.util.Optional::of, name -> List.of());
    }

    public SegmentsRoute(Backend backend, Access access, Executor pool,
            java.util.function.Function<String, java.util.Optional<String>> cases,
            java.util.function.Function<String, List<Officer>> officers) {
        this.backend = backend;
        this.access = access;
        this.pool = pool;
        this.cases = cases;
        this.officers = officers;
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
        String rest = path.length() <= BASE.length() + 1 ? "" : path.substring(BASE.length() + 1);
        if (rest.isEmpty()) {
            Map<String, List<String>> params = new QueryStringDecoder(request.uri()).parameters();
            return new OffloadedExchange(ctx, request, pool, () -> search(auth, params));
        }
        String upload = param(new QueryStringDecoder(request.uri()).parameters(), "upload");
        return new OffloadedExchange(ctx, request, pool, () -> detail(auth, rest, upload));
    }

    private FullHttpResponse search(String auth, Map<String, List<String>> params) {
        Principal p = access.authenticate(auth, "segment.search", "segments");
        access.requireAny(p, Access.READERS, "segment.search", "segments");
        SegmentQuery q;
        String caseRef = param(params, "case");
        String caseId = null;
        if (caseRef != null) {
            caseId = cases.apply(caseRef).orElse(null);
            if (caseId == null) {
                return emptyPage();
            }
        }
        String badge = param(params, "officer");
        String officerName = param(params, "officerName");
        if (officerName != null) {
            if (badge != null) {
                throw GatewayError.BAD_REQUEST.exception("give 'officer' (a badge) or 'officerName', not both");
            }
            List<Officer> named = officers.apply(officerName);
            if (named.isEmpty()) {
                return emptyPage();
            }
            java.util.Set<String> badges = new java.util.TreeSet<>();
            named.forEach(o -> badges.add(o.badge()));
            if (badges.size() > 1) {
                throw GatewayError.AMBIGUOUS_OFFICER.exception("the name is that of " + badges.size()
                        + " officers (badges " + String.join(", ", badges) + "); search by badge");
            }
            badge = badges.iterator().next();
        }
        Instant from = time(params, "from");
        Instant to = time(params, "to");
        if (from != null && to != null && !from.isBefore(to)) {
            throw GatewayError.BAD_REQUEST.exception("'from' must be before 'to'");
        }
        try {
            q = new SegmentQuery(badge, param(params, "recorder"), param(params, "unit"), caseId,
                    from, to, limit(params), param(params, "cursor"));
        } catch (IllegalArgumentException e) {
            throw GatewayError.BAD_REQUEST.exception("search by one of officer, recorder, unit or case, limit 1 to "
                    + SegmentQuery.MAX_LIMIT);
        }
        Page<Segment> page;
        try {
            page = backend.search(q);
        } catch (IllegalArgumentException e) {
            throw GatewayError.BAD_REQUEST.exception("'cursor' is malformed");
        } catch (io.camvault.vault.VaultException e) {
            if (e.kind() != io.camvault.vault.VaultException.Kind.INVALID) {
                throw e;
            }
            throw GatewayError.BAD_REQUEST.exception("'cursor' is malformed");
        }
        List<Map<String, Object>> items = new ArrayList<>();
        java.util.function.Predicate<Segment> flags = triggerFilter(param(params, "trigger"));
        for (Segment s : page.items()) {
            if (flags.test(s)) {
                items.add(json(s));
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", items);
        body.put("next", page.next());
        return Responses.json(HttpResponseStatus.OK, body);
    }

    private static FullHttpResponse emptyPage() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", List.of());
        body.put("next", null);
        return Responses.json(HttpResponseStatus.OK, body);
    }

    private FullHttpResponse detail(String auth, String rawId, String upload) {
        Principal p = access.authenticate(auth, "segment.get", "segment:" + rawId);
        SegmentId id;
        try {
            id = SegmentId.parse(rawId);
        } catch (IllegalArgumentException e) {
            throw GatewayError.NOT_FOUND.exception();
        }
        boolean reader = Access.holdsAny(p, Access.READERS);
        if (!reader && !p.has(Role.DOCK) && !p.has(Role.RECORDER)) {
            access.deny(p, "segment.get", "segment:" + id, "role not allowed");
        }
        Segment s = backend.segment(id).orElseThrow(GatewayError.NOT_FOUND::exception);
        if (!reader && !access.mayConfirm(p, s, upload)) {
            access.deny(p, "segment.get", "segment:" + id, "not the uploader");
        }
        if (!reader && !p.id().equals(s.uploadedBy())) {
            // A byte-identical upload of the caller's own, stored as another uploader's segment: the
            // caller learns that its bytes are kept (id, SHA-256, size), never that uploader's officer,
            // unit, file name, times or cases.
            return Responses.json(HttpResponseStatus.OK, confirmation(s, upload));
        }
        return Responses.json(HttpResponseStatus.OK, json(s));
    }

    /** What a dock or recorder that did not upload {@code s} may see of it: that its own bytes are kept. */
    public static Map<String, Object> confirmation(Segment s, String upload) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id().toString());
        m.put("sha256", s.sha256().hex());
        m.put("size", s.size());
        m.put("upload", upload);
        m.put("storedFromAnotherUpload", true);
        return m;
    }

    /**
     * A segment as the API shows it. {@code recordedEnd} and {@code durationMillis} come from the
     * probed media and are null while the duration is unknown; {@code declaredEnd} is what the
     * uploader declared (a dock's file time), kept for the record but never a duration.
     */
    public static Map<String, Object> json(Segment s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id().toString());
        m.put("sha256", s.sha256().hex());
        m.put("sm3", s.sm3());
        m.put("size", s.size());
        m.put("officer", s.officerBadge());
        m.put("officerName", s.officerName());
        m.put("recorder", s.recorderSerial());
        m.put("unit", s.unitCode());
        m.put("unitName", s.unitName());
        m.put("kind", s.mediaKind() == null ? null : s.mediaKind().name().toLowerCase(java.util.Locale.ROOT));
        m.put("recordedStart", s.recordedStart().toString());
        m.put("recordedEnd", s.knownEnd().map(Instant::toString).orElse(null));
        m.put("durationMillis", s.durationMillis());
        m.put("declaredEnd", s.recordedEnd().toString());
        m.put("ingestedAt", s.ingestedAt().toString());
        m.put("late", s.late());
        // device times that cannot be right (kept as declared; never shortened retention): why, else null
        m.put("clockSuspect", io.camvault.vault.timeliness.ClockPlausibility.suspect(s).orElse(null));
        m.put("station", s.stationId());
        m.put("clockDriftMs", s.clockDriftMs());
        m.put("filename", s.originalName());
        m.put("trigger", s.trigger() == null ? null : s.trigger().wireName());
        m.put("retentionClass", s.retentionClass().name().toLowerCase(java.util.Locale.ROOT));
        m.put("retainUntil", s.retainUntil() == null ? null : s.retainUntil().toString());
        m.put("cases", s.caseIds());
        return m;
    }

    /**
     * {@code trigger=marked} (or scheduled, manual, event) filters the page after the index scan: a
     * page may then hold fewer than {@code limit} items while {@code next} still continues the scan.
     */
    private static java.util.function.Predicate<Segment> triggerFilter(String wire) {
        if (wire == null) {
            return s -> true;
        }
        io.camvault.vault.model.Trigger t;
        try {
            t = io.camvault.vault.model.Trigger.parse(wire);
        } catch (IllegalArgumentException e) {
            throw GatewayError.BAD_REQUEST.exception("'trigger' must be one of scheduled, manual, marked, event");
        }
        return s -> s.trigger() == t;
    }

    private static String param(Map<String, List<String>> params, String name) {
        List<String> v = params.get(name);
        if (v == null || v.isEmpty() || v.get(0).isEmpty()) {
            return null;
        }
        if (v.size() > 1 || v.get(0).length() > 256) {
            throw GatewayError.BAD_REQUEST.exception("'" + name + "' is malformed");
        }
        return v.get(0);
    }

    private static Instant time(Map<String, List<String>> params, String name) {
        String v = param(params, name);
        if (v == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw GatewayError.BAD_REQUEST.exception("'" + name + "' is not an ISO-8601 time with offset");
        }
    }

    private static int limit(Map<String, List<String>> params) {
        String v = param(params, "limit");
        if (v == null) {
            return DEFAULT_LIMIT;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw GatewayError.BAD_REQUEST.exception("'limit' is not an integer");
        }
    }
}
