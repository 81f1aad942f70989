package io.camvault.gateway.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The one check every request target passes before any route decodes it: each {@code %} starts a
 * two-digit hex escape, and the escaped bytes are UTF-8. A target that fails is answered 400 by the
 * router, so no route ever meets a decoder exception (whose message would quote the target, and
 * with it any {@code access_token}). Pure.
 */
public final class RequestTarget {
    private RequestTarget() {
    }

    /** Whether {@code uri}'s percent-encoding is well formed and decodes to UTF-8. */
    public static boolean wellEncoded(String uri) {
        int n = uri.length();
        ByteBuffer bytes = ByteBuffer.allocate(n);
        for (int i = 0; i < n; i++) {
            char c = uri.charAt(i);
            if (c == '%') {
                if (i + 2 >= n || hex(uri.charAt(i + 1)) < 0 || hex(uri.charAt(i + 2)) < 0) {
                    return false;
                }
                bytes.put((byte) (hex(uri.charAt(i + 1)) * 16 + hex(uri.charAt(i + 2))));
                i += 2;
            } else if (c < 0x21 || c > 0x7e) {
                return false; // the request line is ASCII; a raw control character or space is no part of a target
            } else {
                bytes.put((byte) c);
            }
        }
        bytes.flip();
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes);
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
