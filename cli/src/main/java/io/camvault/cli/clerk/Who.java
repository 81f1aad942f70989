package io.camvault.cli.clerk;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Principals as people read them: "name (id)". The daemon's answers carry a {@code names} object
 * (principal id → name) beside the records, which keep ids only; this turns every id in a text into
 * "name (id)", and leaves ids it has no name for (and actors such as {@code system}) as they are.
 */
public final class Who {
    private static final Pattern ID = io.camvault.vault.auth.Principals.ID_IN_TEXT;

    private Who() {
    }

    /** {@code text} with each principal id the answer names written as "name (id)". */
    public static String named(JsonNode answer, String text) {
        if (text == null || !text.contains("p_")) {
            return text;
        }
        JsonNode names = answer.path("names");
        Matcher m = ID.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = names.path(m.group()).asText("");
            m.appendReplacement(sb, Matcher.quoteReplacement(name.isEmpty() ? m.group() : name + " (" + m.group() + ")"));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
