package io.camvault.cli.clerk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class YearlyReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 1, 20, 9, 30, 0, 0, ZoneId.of("Asia/Shanghai"));

    static JsonNode stats() {
        ObjectNode r = JSON.createObjectNode().put("year", 2025).put("zone", "Asia/Shanghai");
        ArrayNode units = r.putArray("units");
        units.addObject().put("unit", "320102000000").put("unitName", "南京市公安局玄武分局").put("recordings", 40)
                .put("hours", 12.5).put("bytes", 5_000_000_000L).put("onTimeShare", 0.75).put("linkedToCases", 3)
                .put("reviews", 2).put("exports", 1);
        units.addObject().put("unit", "320104000000").put("unitName", "<script>alert(1)</script>").put("recordings", 2)
                .put("hours", 0.1).put("bytes", 1000).putNull("onTimeShare").put("linkedToCases", 0).put("reviews", 0)
                .put("exports", 0);
        r.putArray("officers").addObject().put("unit", "320102000000").put("unitName", "南京市公安局玄武分局")
                .put("officer", "012345").put("officerName", "张伟").put("recordings", 40).put("hours", 12.5)
                .put("bytes", 5_000_000_000L).put("onTimeShare", 0.75).put("linkedToCases", 3).put("reviews", 2)
                .put("exports", 1);
        r.putObject("total").put("recordings", 42).put("hours", 12.6).put("bytes", 5_000_001_000L)
                .put("onTimeShare", 0.75).put("linkedToCases", 3).put("reviews", 2).put("exports", 1)
                .put("unknownDuration", 1);
        ArrayNode months = r.putArray("months");
        for (int m = 1; m <= 12; m++) {
            months.addObject().putNull("unit").put("month", m).put("recordings", m == 3 ? 30 : 1).put("hours", m == 3 ? 10.0 : 0.2);
        }
        return r;
    }

    @Test
    void chineseByDefaultWithNamesChartsAndEveryFigure() {
        String html = YearlyReport.render(stats(), Locale.SIMPLIFIED_CHINESE, NOW);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<html lang=\"zh-CN\">")
                .contains("2025年度执法记录仪音视频记录统计")
                .contains("南京市公安局玄武分局 (320102000000)").contains("张伟 (012345)")
                .contains("75.0%").contains("3月").contains("2026-01-20 09:30:00 +08:00")
                .doesNotContain("<script").doesNotContain("src=").doesNotContain("http");
        // one column per month in each monthly chart; the busiest month is the tallest
        Matcher bars = Pattern.compile("<rect x=\"\\d+\" y=\"(\\d+)\" width=\"\\d+\" height=\"(\\d+)\"/>").matcher(html);
        int columns = 0;
        int tallest = 0;
        while (bars.find()) {
            columns++;
            tallest = Math.max(tallest, Integer.parseInt(bars.group(2)));
        }
        assertThat(columns).as("12 + 12 month columns and one bar for the unit with a share").isEqualTo(25);
        assertThat(html).contains("height=\"" + tallest + "\"/><text class=\"v\" x=\"");
    }

    @Test
    void namesAreTextNeverMarkup() {
        String html = YearlyReport.render(stats(), Locale.ROOT, NOW);
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt; (320104000000)").doesNotContain("<script>");
        assertThat(html).contains("Body-worn camera recordings: yearly statistics 2025").contains("<html lang=\"en\">");
    }

    @Test
    void anEmptyYearSaysSoInsteadOfShowingAShare() {
        ObjectNode empty = JSON.createObjectNode().put("year", 2024).put("zone", "Asia/Shanghai");
        empty.putArray("units");
        empty.putArray("officers");
        empty.putObject("total").put("recordings", 0).put("hours", 0).put("bytes", 0).putNull("onTimeShare");
        empty.putArray("months");
        String html = YearlyReport.render(empty, Locale.SIMPLIFIED_CHINESE, NOW);
        assertThat(html).contains("本年度没有记录。").contains("本年度尚无可判定是否按时上传的记录。")
                .doesNotContain("100.0%");
    }
}
