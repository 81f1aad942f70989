package io.camvault.cli.clerk;

import com.fasterxml.jackson.databind.JsonNode;
import java.text.MessageFormat;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The printable yearly report (统计年报) of {@code stats --format html}: one self-contained HTML page
 * (no scripts, no fonts or images from elsewhere, so it opens and prints on an offline PC) with the
 * year's totals, bar charts of recordings and hours per month and of the share uploaded in time per
 * unit, and the per-unit and per-officer tables. Built from the daemon's {@code /api/v1/stats} answer.
 * Chinese by default; the texts are in {@code report*.properties}.
 */
final class YearlyReport {
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final JsonNode stats;
    private final Locale locale;
    private final ResourceBundle texts;
    private final ZonedDateTime generated;
    private final StringBuilder html = new StringBuilder(32 * 1024);

    private YearlyReport(JsonNode stats, Locale locale, ZonedDateTime generated) {
        this.stats = stats;
        this.locale = locale;
        this.texts = ResourceBundle.getBundle("io.camvault.cli.clerk.report", locale, NO_FALLBACK);
        this.generated = generated;
    }

    /** The whole page for {@code stats} (the JSON of {@code /api/v1/stats}) in {@code locale}. */
    static String render(JsonNode stats, Locale locale, ZonedDateTime generated) {
        return new YearlyReport(stats, locale, generated).page();
    }

    private String t(String key, Object... args) {
        String pattern = texts.getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }

    private String page() {
        int year = stats.path("year").asInt();
        String title = t("title", String.valueOf(year));
        html.append("<!DOCTYPE html>\n<html lang=\"").append(locale.getLanguage().isEmpty() ? "en" : "zh-CN")
                .append("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(title)).append("</title>\n<style>").append(STYLE).append("</style>\n</head>\n<body>\n");
        html.append("<h1>").append(esc(title)).append("</h1>\n<p class=\"meta\">")
                .append(esc(t("generated", generated.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx")),
                        stats.path("zone").asText())))
                .append("</p>\n");
        totals(stats.path("total"));
        html.append("<h2>").append(esc(t("months.title"))).append("</h2>\n<div class=\"charts\">\n");
        List<Bar> recordings = new ArrayList<>();
        List<Bar> hours = new ArrayList<>();
        for (JsonNode m : stats.path("months")) {
            String label = t("month", m.path("month").asInt());
            recordings.add(new Bar(label, m.path("recordings").asDouble(), m.path("recordings").asText()));
            hours.add(new Bar(label, m.path("hours").asDouble(), format("%.1f", m.path("hours").asDouble())));
        }
        columnChart(t("months.recordings"), recordings);
        columnChart(t("months.hours"), hours);
        html.append("</div>\n");
        List<Bar> timeliness = new ArrayList<>();
        for (JsonNode u : stats.path("units")) {
            if (u.path("onTimeShare").isNumber()) {
                double share = u.path("onTimeShare").asDouble();
                timeliness.add(new Bar(unitLabel(u), share, format("%.1f%%", share * 100)));
            }
        }
        html.append("<h2>").append(esc(t("timeliness.title"))).append("</h2>\n");
        if (timeliness.isEmpty()) {
            html.append("<p>").append(esc(t("timeliness.none"))).append("</p>\n");
        } else {
            rowChart(timeliness);
        }
        html.append("<h2>").append(esc(t("units.title"))).append("</h2>\n");
        table(stats.path("units"), false);
        html.append("<h2 class=\"break\">").append(esc(t("officers.title"))).append("</h2>\n");
        table(stats.path("officers"), true);
        html.append("<p class=\"note\">").append(esc(t("note"))).append("</p>\n</body>\n</html>\n");
        return html.toString();
    }

    private void totals(JsonNode total) {
        html.append("<dl class=\"totals\">\n");
        total("total.recordings", total.path("recordings").asText());
        total("total.hours", format("%.1f", total.path("hours").asDouble()));
        total("total.bytes", Table.bytes(total.path("bytes").asLong()));
        total("total.ontime", share(total));
        total("total.linked", total.path("linkedToCases").asText());
        total("total.reviews", total.path("reviews").asText());
        total("total.exports", total.path("exports").asText());
        total("total.unknown", total.path("unknownDuration").asText("0"));
        html.append("</dl>\n");
    }

    private void total(String key, String value) {
        html.append("<div><dt>").append(esc(t(key))).append("</dt><dd>").append(esc(value)).append("</dd></div>\n");
    }

    private void table(JsonNode rows, boolean officers) {
        html.append("<table>\n<thead><tr><th>").append(esc(t("col.unit"))).append("</th>");
        if (officers) {
            html.append("<th>").append(esc(t("col.officer"))).append("</th>");
        }
        for (String c : List.of("col.recordings", "col.hours", "col.bytes", "col.ontime", "col.linked", "col.reviews",
                "col.exports")) {
            html.append("<th class=\"n\">").append(esc(t(c))).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        if (rows.isEmpty()) {
            html.append("<tr><td colspan=\"").append(officers ? 9 : 8).append("\">").append(esc(t("empty")))
                    .append("</td></tr>\n");
        }
        for (JsonNode r : rows) {
            html.append("<tr><td>").append(esc(unitLabel(r))).append("</td>");
            if (officers) {
                html.append("<td>").append(esc(named(r.path("officerName").asText(""), r.path("officer").asText(""))))
                        .append("</td>");
            }
            for (String v : List.of(r.path("recordings").asText(), format("%.2f", r.path("hours").asDouble()),
                    Table.bytes(r.path("bytes").asLong()), share(r), r.path("linkedToCases").asText(),
                    r.path("reviews").asText(), r.path("exports").asText())) {
                html.append("<td class=\"n\">").append(esc(v)).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    private String share(JsonNode row) {
        return row.path("onTimeShare").isNumber() ? format("%.1f%%", row.path("onTimeShare").asDouble() * 100) : "–";
    }

    private String unitLabel(JsonNode row) {
        return named(row.path("unitName").asText(""), row.path("unit").asText(""));
    }

    /** "name (code)", or the code alone when no name was recorded. */
    private String named(String name, String code) {
        if (name.isBlank()) {
            return code.isBlank() ? t("unknown") : code;
        }
        return code.isBlank() ? name : name + " (" + code + ")";
    }

    private record Bar(String label, double value, String shown) {
    }

    /** Twelve columns (months), scaled to the largest; the value is printed above each. */
    private void columnChart(String caption, List<Bar> bars) {
        double max = bars.stream().mapToDouble(Bar::value).max().orElse(0);
        int width = 520;
        int height = 200;
        int slot = width / Math.max(1, bars.size());
        html.append("<figure><figcaption>").append(esc(caption)).append("</figcaption>\n<svg viewBox=\"0 0 ")
                .append(width).append(' ').append(height + 40).append("\" role=\"img\" aria-label=\"").append(esc(caption))
                .append("\">\n");
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            int h = max <= 0 ? 0 : (int) Math.round(b.value() / max * (height - 20));
            int x = i * slot + 4;
            html.append("<rect x=\"").append(x).append("\" y=\"").append(height - h).append("\" width=\"").append(slot - 8)
                    .append("\" height=\"").append(h).append("\"/>")
                    .append("<text class=\"v\" x=\"").append(x + (slot - 8) / 2).append("\" y=\"").append(height - h - 4)
                    .append("\">").append(esc(b.shown())).append("</text>")
                    .append("<text x=\"").append(x + (slot - 8) / 2).append("\" y=\"").append(height + 18).append("\">")
                    .append(esc(b.label())).append("</text>\n");
        }
        html.append("</svg></figure>\n");
    }

    /** One horizontal bar per unit, 0 to 100 %. */
    private void rowChart(List<Bar> bars) {
        int rowHeight = 26;
        int labelWidth = 260;
        int barWidth = 360;
        html.append("<figure><svg class=\"rows\" viewBox=\"0 0 ").append(labelWidth + barWidth + 70).append(' ')
                .append(bars.size() * rowHeight + 4).append("\" role=\"img\" aria-label=\"")
                .append(esc(t("timeliness.title"))).append("\">\n");
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            int y = i * rowHeight + 2;
            int w = (int) Math.round(Math.max(0, Math.min(1, b.value())) * barWidth);
            html.append("<text class=\"l\" x=\"").append(labelWidth - 8).append("\" y=\"").append(y + 17).append("\">")
                    .append(esc(b.label())).append("</text>")
                    .append("<rect class=\"track\" x=\"").append(labelWidth).append("\" y=\"").append(y + 3)
                    .append("\" width=\"").append(barWidth).append("\" height=\"18\"/>")
                    .append("<rect x=\"").append(labelWidth).append("\" y=\"").append(y + 3).append("\" width=\"").append(w)
                    .append("\" height=\"18\"/>")
                    .append("<text class=\"r\" x=\"").append(labelWidth + barWidth + 6).append("\" y=\"").append(y + 17)
                    .append("\">").append(esc(b.shown())).append("</text>\n");
        }
        html.append("</svg></figure>\n");
    }

    private String format(String pattern, double value) {
        return String.format(Locale.ROOT, pattern, value);
    }

    /** Text for HTML element content and attribute values. */
    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c < 0x20 && c != '\n' && c != '\t' ? '\uFFFD' : c);
            }
        }
        return sb.toString();
    }

    private static final String STYLE = """
            body{font-family:"Noto Sans CJK SC","WenQuanYi Micro Hei","Microsoft YaHei","PingFang SC",sans-serif;\
            margin:24px auto;max-width:1000px;color:#1a1a1a;padding:0 12px}
            h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #ccc}
            .meta,.note{color:#555;font-size:13px}
            .totals{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:8px;margin:16px 0}
            .totals div{border:1px solid #ddd;border-radius:6px;padding:8px}.totals dt{font-size:12px;color:#555}
            .totals dd{margin:2px 0 0;font-size:20px;font-weight:600}
            .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:16px}
            figure{margin:0}figcaption{font-size:13px;margin-bottom:4px}svg{width:100%;height:auto}
            svg rect{fill:#2f6fb0}svg rect.track{fill:#e8eef5}svg text{font-size:11px;text-anchor:middle;fill:#333}
            svg text.l{text-anchor:end;font-size:12px}svg text.r{text-anchor:start;font-size:12px}
            table{border-collapse:collapse;width:100%;font-size:13px}th,td{border:1px solid #ccc;padding:4px 6px;text-align:left}
            th{background:#f2f4f7}.n{text-align:right;font-variant-numeric:tabular-nums}
            @media print{body{margin:0;max-width:none}.break{break-before:page}h2{break-after:avoid}tr{break-inside:avoid}}
            @page{size:A4;margin:15mm}
            """;
}
