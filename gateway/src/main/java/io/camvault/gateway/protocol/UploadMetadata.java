package io.camvault.gateway.protocol;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code Upload-Metadata} header: comma-separated pairs of a key and an optional base64
 * value. Parsing never throws anything but {@link GatewayError#INVALID_METADATA}.
 */
public final class UploadMetadata {
    /** Keys are ASCII without spaces or commas (tus 1.0); we also cap their number and size. */
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final int MAX_PAIRS = 32;
    public static final int MAX_HEADER_LENGTH = 8192;

    private UploadMetadata() {
    }

    /** Parses the header into an ordered map; {@code null} or blank gives an empty map. */
    public static Map<String, String> parse(String header) {
        if (header == null || header.isBlank()) {
            return Map.of();
        }
        if (header.length() > MAX_HEADER_LENGTH) {
            throw GatewayError.INVALID_METADATA.exception("header too long");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : header.split(",", -1)) {
            String p = pair.strip();
            if (p.isEmpty()) {
                throw GatewayError.INVALID_METADATA.exception("empty pair");
            }
            int space = p.indexOf(' ');
            String key = space < 0 ? p : p.substring(0, space);
            String encoded = space < 0 ? "" : p.substring(space + 1).strip();
            if (!KEY.matcher(key).matches()) {
                throw GatewayError.INVALID_METADATA.exception("malformed key");
            }
            if (out.containsKey(key)) {
                throw GatewayError.INVALID_METADATA.exception("key '" + key + "' repeated");
            }
            if (out.size() == MAX_PAIRS) {
                throw GatewayError.INVALID_METADATA.exception("too many pairs");
            }
            out.put(key, decode(key, encoded));
        }
        return Collections.unmodifiableMap(out);
    }

    private static String decode(String key, String encoded) {
        if (encoded.isEmpty()) {
            return "";
        }
        try {
            byte[] raw = Base64.getDecoder().decode(encoded);
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw GatewayError.INVALID_METADATA.exception("value of '" + key + "' is not base64 of UTF-8 text");
        }
    }

    /** Renders pairs the way clients send them (used by tests and by HEAD). */
    public static String render(Map<String, String> pairs) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : pairs.entrySet()) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(e.getKey());
            if (!e.getValue().isEmpty()) {
                sb.append(' ').append(Base64.getEncoder().encodeToString(e.getValue().getBytes(StandardCharsets.UTF_8)));
            }
        }
        return sb.toString();
    }
}
