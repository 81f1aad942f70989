package io.camvault.gateway.protocol;

import java.util.Base64;
import java.util.Locale;

/**
 * The per-request {@code Upload-Checksum: <algorithm> <base64 digest>} header (tus checksum
 * extension). The digest covers only the bytes of that request.
 *
 * @param algorithm {@code sha1} or {@code sha256}
 */
public record UploadChecksum(String algorithm, byte[] expected) {
    /** Advertised in {@code Tus-Checksum-Algorithm}. */
    public static final String SUPPORTED = "sha1,sha256";

    public static UploadChecksum parse(String header) {
        if (header == null) {
            return null;
        }
        String h = header.strip();
        int space = h.indexOf(' ');
        if (space <= 0) {
            throw GatewayError.INVALID_HEADER.exception("Upload-Checksum must be '<algorithm> <base64>'");
        }
        String algorithm = h.substring(0, space).toLowerCase(Locale.ROOT);
        int length = switch (algorithm) {
            case "sha1" -> 20;
            case "sha256" -> 32;
            default -> throw GatewayError.UNSUPPORTED_CHECKSUM.exception("supported: " + SUPPORTED);
        };
        byte[] digest;
        try {
            digest = Base64.getDecoder().decode(h.substring(space + 1).strip());
        } catch (IllegalArgumentException e) {
            throw GatewayError.INVALID_HEADER.exception("Upload-Checksum digest is not base64");
        }
        if (digest.length != length) {
            throw GatewayError.INVALID_HEADER.exception("Upload-Checksum digest has the wrong length for " + algorithm);
        }
        return new UploadChecksum(algorithm, digest);
    }

    /** The JCA name of the algorithm. */
    public String jcaName() {
        return algorithm.equals("sha1") ? "SHA-1" : "SHA-256";
    }
}
