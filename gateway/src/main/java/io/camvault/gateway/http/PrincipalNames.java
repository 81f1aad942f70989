package io.camvault.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts the names of the principals an answer mentions beside it, so every trail a person reads can
 * say "name (id)": the answer gains a top-level {@code names} object mapping each principal id found
 * anywhere in it (actors, {@code requestedBy}, {@code linkedBy}, ids inside audit details) to that
 * principal's name. The records themselves, like the audit chain, keep only ids; names are looked up
 * when the answer is made, one lookup per distinct id. Ids nobody holds (an actor such as
 * {@code system} or {@code local-admin}) are left out.
 */
public final class PrincipalNames {
    private static final Pattern ID = io.camvault.vault.auth.Principals.ID_IN_TEXT;

    private PrincipalNames() {
    }

    /** {@code body} as JSON with its {@code names} added; a body that is not an object is returned as is. */
    public static JsonNode add(Object body, Function<String, Optional<String>> nameOf) {
        JsonNode tree = Responses.json().valueToTree(body);
        if (!(tree instanceof ObjectNode object)) {
            return tree;
        }
        Map<String, String> names = new TreeMap<>();
        Map<String, Boolean> seen = new java.util.HashMap<>();
        collect(tree, id -> {
            if (seen.putIfAbsent(id, Boolean.TRUE) == null) {
                nameOf.apply(id).ifPresent(name -> names.put(id, name));
            }
        });
        object.set("names", Responses.json().valueToTree(names));
        return object;
    }

    private static void collect(JsonNode node, java.util.function.Consumer<String> found) {
        if (node.isTextual()) {
            String text = node.asText();
            if (text.contains("p_")) {
                Matcher m = ID.matcher(text);
                while (m.find()) {
                    found.accept(m.group());
                }
            }
            return;
        }
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            collect(it.next(), found);
        }
    }
}
