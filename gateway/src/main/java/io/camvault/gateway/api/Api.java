package io.camvault.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.camvault.gateway.http.Responses;
import io.camvault.gateway.protocol.GatewayError;
import io.camvault.gateway.protocol.GatewayException;
import io.camvault.vault.VaultException;
import io.camvault.vault.model.Role;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Small helpers the JSON API routes share: path segments, JSON bodies and fields, query
 * parameters, and the one place vault exceptions become gateway errors.
 */
final class Api {
    /** May manage cases and exports. */
    static final Set<Role> CUSTODIANS = Set.of(Role.CLERK, Role.SUPERVISOR, Role.ADMIN);

    private Api() {
    }

    /**
     * The raw path's segments after {@code base}, each percent-decoded on its own (so a case number
     * holding an encoded "/" stays one segment). Null when the path is not under {@code base}.
     */
    static List<String> segmentsAfter(String uri, String base) {
        String raw = uri;
        int q = raw.indexOf('?');
        if (q >= 0) {
            raw = raw.substring(0, q);
        }
        if (!raw.equals(base) && !raw.startsWith(base + "/")) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String part : raw.substring(base.length()).split("/")) {
            if (!part.isEmpty()) {
                try {
                    out.add(URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw GatewayError.BAD_REQUEST.exception("malformed path");
                }
            }
        }
        return out;
    }

    /** The body as a JSON object; an empty body is an empty object. */
    static JsonNode body(byte[] bytes) {
        if (bytes.length == 0) {
            return Responses.json().createObjectNode();
        }
        try {
            JsonNode n = Responses.json().readTree(bytes);
            if (n == null || !n.isObject()) {
                throw GatewayError.BAD_REQUEST.exception("the body must be a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw GatewayError.BAD_REQUEST.exception("the body is not valid JSON");
        }
    }

    /** A string field, or null when absent; 400 when present but not a string or too long. */
    static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() || v.asText().length() > 4096) {
            throw GatewayError.BAD_REQUEST.exception("'" + field + "' must be a string of at most 4096 characters");
        }
        return v.asText();
    }

    static String required(JsonNode body, String field) {
        String v = text(body, field);
        if (v == null || v.isBlank()) {
            throw GatewayError.BAD_REQUEST.exception("'" + field + "' is required");
        }
        return v;
    }

    static String param(Map<String, List<String>> params, String name) {
        List<String> v = params.get(name);
        if (v == null || v.isEmpty() || v.get(0).isEmpty()) {
            return null;
        }
        if (v.size() > 1 || v.get(0).length() > 256) {
            throw GatewayError.BAD_REQUEST.exception("'" + name + "' is malformed");
        }
        return v.get(0);
    }

    /**
     * Runs a vault call, mapping its refusals: NOT_FOUND 404, CONFLICT 409, INVALID 400,
     * FORBIDDEN 403. Their messages are written by the vault for people and only name things the
     * caller sent (case numbers, ids), so they go to the client as the detail; IO and INTEGRITY
     * failures stay internal (500, logged).
     */
    static <T> T vault(Supplier<T> call) {
        try {
            return call.get();
        } catch (VaultException e) {
            throw map(e);
        }
    }

    static void vaultRun(Runnable call) {
        vault(() -> {
            call.run();
            return null;
        });
    }

    static RuntimeException map(VaultException e) {
        GatewayError error = switch (e.kind()) {
            case NOT_FOUND -> GatewayError.NOT_FOUND;
            case CONFLICT -> GatewayError.CONFLICT;
            case INVALID -> GatewayError.BAD_REQUEST;
            case FORBIDDEN -> GatewayError.FORBIDDEN;
            default -> null;
        };
        if (error == null) {
            return e;
        }
        GatewayException g = error.exception(e.getMessage());
        return g;
    }
}
