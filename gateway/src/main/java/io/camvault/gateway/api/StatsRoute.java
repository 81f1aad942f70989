package io.camvault.gateway.api;

import io.camvault.gateway.auth.Access;
import io.camvault.gateway.backend.CustodyBackend;
import io.camvault.gateway.http.Exchange;
import io.camvault.gateway.http.OffloadedExchange;
import io.camvault.gateway.http.Responses;
import io.camvault.gateway.http.Route;
import io.camvault.gateway.http.SimpleExchange;
import io.camvault.gateway.protocol.GatewayError;
import io.camvault.vault.model.Principal;
import io.camvault.vault.statistics.MonthRow;
import io.camvault.vault.statistics.StatisticsRow;
import io.camvault.vault.statistics.YearlyStatistics;
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
 * {@code GET /api/v1/stats?year=Y}: the yearly figures per unit and per officer (readers only).
 * Rows carry the codes and names, recordings, hours (of known durations), unknownDuration (recordings
 * whose duration is not known: no hours), bytes, onTime and late (decided at commit), onTimeShare
 * (null when nothing was decided), linkedToCases, reviews and exports; {@code months} and
 * {@code unitMonths} give recordings and hours per month.
 */
public final class StatsRoute implements Route {
    static final String BASE = "/api/v1/stats";
    private final CustodyBackend backend;
    private final Access access;
    private final Executor pool;

    public StatsRoute(CustodyBackend backend, Access access, Executor pool) {
        this.backend = backend;
        this.access = access;
        this.pool = pool;
    }

    @Override
    public Exchange open(ChannelHandlerContext ctx, HttpRequest request, String path) {
        if (!path.equals(BASE)) {
            return null;
        }
        if (!request.method().equals(HttpMethod.GET)) {
            return SimpleExchange.failing(ctx, request, GatewayError.METHOD_NOT_ALLOWED.exception());
        }
        String auth = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        Map<String, List<String>> params = new QueryStringDecoder(request.uri()).parameters();
        return new OffloadedExchange(ctx, request, pool, () -> stats(auth, params));
    }

    private FullHttpResponse stats(String auth, Map<String, List<String>> params) {
        Principal p = access.authenticate(auth, "stats.read", "stats");
        access.requireAny(p, Access.READERS, "stats.read", "stats");
        String y = Api.param(params, "year");
        int year;
        try {
            year = Integer.parseInt(y == null ? "" : y);
        } catch (NumberFormatException e) {
            throw GatewayError.BAD_REQUEST.exception("'year' is required, e.g. year=2025");
        }
        if (year < 1970 || year > 9999) {
            throw GatewayError.BAD_REQUEST.exception("'year' must be between 1970 and 9999");
        }
        YearlyStatistics.Report r = Api.vault(() -> backend.statistics(year));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("year", r.year());
        body.put("zone", r.zone().getId());
        body.put("units", rows(r.units()));
        body.put("officers", rows(r.officers()));
        body.put("total", row(r.total()));
        body.put("months", months(r.months()));
        body.put("unitMonths", months(r.unitMonths()));
        return Responses.json(HttpResponseStatus.OK, body);
    }

    private static List<Map<String, Object>> rows(List<StatisticsRow> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        rows.forEach(r -> out.add(row(r)));
        return out;
    }

    private static List<Map<String, Object>> months(List<MonthRow> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (MonthRow r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("unit", r.unit());
            m.put("month", r.month());
            m.put("recordings", r.recordings());
            m.put("hours", Math.round(r.hours() * 100) / 100.0);
            out.add(m);
        }
        return out;
    }

    static Map<String, Object> row(StatisticsRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("unit", r.unit());
        m.put("unitName", r.unitName());
        m.put("officer", r.officer());
        m.put("officerName", r.officerName());
        m.put("recordings", r.recordings());
        m.put("hours", Math.round(r.hours() * 100) / 100.0);
        m.put("unknownDuration", r.unknownDuration());
        m.put("bytes", r.bytes());
        m.put("onTime", r.onTime());
        m.put("late", r.late());
        m.put("onTimeShare", r.onTimeShare() == null ? null : Math.round(r.onTimeShare() * 10000) / 10000.0);
        m.put("linkedToCases", r.linkedToCases());
        m.put("reviews", r.reviews());
        m.put("exports", r.exports());
        return m;
    }
}
