package io.camvault.vault.auth;

import io.camvault.vault.model.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The bearer token format and its hash, in one place.
 *
 * <p>A token is {@code cv_} followed by 32 random bytes in base64url without padding (43
 * characters), 46 characters in all. The prefix makes a leaked token easy to recognise (secret
 * scanners, logs); 256 random bits make guessing hopeless, which is also why a plain SHA-256 is
 * the right hash here: there is nothing for a slow password hash to protect against.
 *
 * <p>The stored hash is SHA-256 over the UTF-8 bytes of the whole token text, prefix included.
 */
public final class Tokens {
    public static final String PREFIX = "cv_";
    static final int RANDOM_BYTES = 32;
    /** {@code cv_} + ceil(32 * 8 / 6) base64url characters. */
    public static final int LENGTH = PREFIX.length() + 43;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private Tokens() {
    }

    static String generate(SecureRandom random) {
        byte[] secret = new byte[RANDOM_BYTES];
        random.nextBytes(secret);
        return PREFIX + BASE64URL.encodeToString(secret);
    }

    /** The value stored for {@code token}; never store the token itself. */
    public static Sha256 hash(String token) {
        try {
            return Sha256.of(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * Whether {@code token} has the shape of one of ours. Checked before hashing so garbage
     * (a password, a JWT, a megabyte header) is turned away cheaply; the shape is public, so
     * checking it in variable time reveals nothing.
     */
    public static boolean wellFormed(String token) {
        if (token == null || token.length() != LENGTH || !token.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < LENGTH; i++) {
            char c = token.charAt(i);
            boolean base64url = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
            if (!base64url) {
                return false;
            }
        }
        return true;
    }
}
