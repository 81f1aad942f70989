package io.camvault.gateway.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The review page's message bundle ({@code review/messages.js}): English and Simplified Chinese have
 * the same keys, every key the page's markup and scripts name exists, and the Chinese text is Chinese.
 */
class ReviewMessagesTest {
    private static final Pattern ENTRY = Pattern.compile("'([a-z0-9_.A-Z]+)':\\s*'");
    private static final Pattern LITERAL_USE = Pattern.compile("\\bt\\('([a-zA-Z0-9_.]+)'[,)]");
    private static final Pattern PREFIX_USE = Pattern.compile("\\bt\\('([a-zA-Z0-9_.]+\\.)'\\s*\\+");
    private static final Pattern MARKUP_USE = Pattern.compile("data-msg(?:-placeholder)?=\"([a-zA-Z0-9_.]+)\"");

    private static String resource(String name) throws IOException {
        try (InputStream in = ReviewMessagesTest.class.getResourceAsStream("/review/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Set<String> keys(String block) {
        Set<String> out = new TreeSet<>();
        Matcher m = ENTRY.matcher(block);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void bothLanguagesHaveEveryKeyThePageUses() throws IOException {
        String js = resource("messages.js");
        int zh = js.indexOf("'zh-CN': {");
        Set<String> en = keys(js.substring(js.indexOf("en: {"), zh));
        Set<String> cn = keys(js.substring(zh));
        assertThat(en).hasSizeGreaterThan(50);
        assertThat(cn).isEqualTo(en);

        Set<String> used = new TreeSet<>();
        Set<String> prefixes = new TreeSet<>();
        for (String name : ReviewPageRoute.NAMES) {
            String text = resource(name);
            for (Pattern p : new Pattern[] {LITERAL_USE, MARKUP_USE}) {
                Matcher m = p.matcher(text);
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
            Matcher m = PREFIX_USE.matcher(text);
            while (m.find()) {
                prefixes.add(m.group(1));
            }
        }
        assertThat(used).hasSizeGreaterThan(40);
        assertThat(en).containsAll(used);
        for (String prefix : prefixes) {
            assertThat(en).as("keys for t('" + prefix + "' + …)").anyMatch(k -> k.startsWith(prefix));
        }
    }

    @Test
    void theChineseTextIsChinese() throws IOException {
        String js = resource("messages.js");
        String cn = js.substring(js.indexOf("'zh-CN': {"));
        Matcher m = Pattern.compile("'(search\\.button|signout|results\\.title|who)':\\s*'([^']*)'").matcher(cn);
        int found = 0;
        while (m.find()) {
            assertThat(m.group(2)).as(m.group(1)).matches(".*\\p{IsHan}.*");
            found++;
        }
        assertThat(found).isEqualTo(4);
    }
}
