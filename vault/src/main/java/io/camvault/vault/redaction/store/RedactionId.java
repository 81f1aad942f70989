package io.camvault.vault.redaction.store;

import io.camvault.vault.model.SegmentId;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code <segment id>.r<12 hex>}: a redaction names its segment, so it is found with one key. */
public record RedactionId(SegmentId segment, String suffix) {
    private static final Pattern FORM = Pattern.compile("([0-9a-fA-F-]{36})\\.(r[0-9a-f]{12})");
    private static final SecureRandom RANDOM = new SecureRandom();

    public static RedactionId next(SegmentId segment) {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return new RedactionId(segment, "r" + HexFormat.of().formatHex(b));
    }

    /** Empty for anything that is not a redaction id (so a caller answers 404, not 500). */
    public static Optional<RedactionId> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RedactionId(SegmentId.parse(m.group(1)), m.group(2)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return segment + "." + suffix;
    }
}
