package io.camvault.gateway.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** tus 1.0 header rules as plain functions: each returns the parsed value or throws a {@link GatewayException}. */
public final class Tus {
    public static final String VERSION = "1.0.0";
    public static final String EXTENSIONS = "creation,creation-with-upload,creation-defer-length,expiration,"
            + "checksum,termination,concatenation";
    public static final String OFFSET_OCTET_STREAM = "application/offset+octet-stream";
    public static final String RESUMABLE = "Tus-Resumable";
    public static final String TUS_VERSION = "Tus-Version";
    public static final String TUS_EXTENSION = "Tus-Extension";
    public static final String TUS_MAX_SIZE = "Tus-Max-Size";
    public static final String CHECKSUM_ALGORITHM = "Tus-Checksum-Algorithm";
    public static final String UPLOAD_OFFSET = "Upload-Offset";
    public static final String UPLOAD_LENGTH = "Upload-Length";
    public static final String UPLOAD_DEFER_LENGTH = "Upload-Defer-Length";
    public static final String UPLOAD_METADATA = "Upload-Metadata";
    public static final String UPLOAD_EXPIRES = "Upload-Expires";
    public static final String UPLOAD_CONCAT = "Upload-Concat";
    public static final String UPLOAD_CHECKSUM = "Upload-Checksum";
    public static final String METHOD_OVERRIDE = "X-HTTP-Method-Override";
    /** Names the committed segment on the final answer and on HEAD after completion. */
    public static final String SEGMENT = "Camvault-Segment";

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");
    private static final Pattern UPLOAD_ID = Pattern.compile("[0-9a-f]{32}");

    private Tus() {
    }

    /** Every request but OPTIONS must speak 1.0.0. */
    public static void checkVersion(String header) {
        if (header == null || !header.strip().equals(VERSION)) {
            throw GatewayError.UNSUPPORTED_VERSION.exception();
        }
    }

    /** A non-negative decimal that fits a long; {@code header} names it in the error. */
    public static long nonNegative(String value, String header) {
        if (value == null || !DIGITS.matcher(value.strip()).matches()) {
            throw GatewayError.INVALID_HEADER.exception(header + " must be a non-negative integer");
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw GatewayError.INVALID_HEADER.exception(header + " is too large");
        }
    }

    /** {@code Upload-Length}, capped by the server's maximum (413 beyond it). */
    public static long uploadLength(String value, long max) {
        long length = nonNegative(value, UPLOAD_LENGTH);
        if (length > max) {
            throw GatewayError.TOO_LARGE.exception("maximum is " + max + " bytes");
        }
        return length;
    }

    /** Whether a creation defers its length; only the value 1 is allowed. */
    public static boolean deferLength(String value) {
        if (value == null) {
            return false;
        }
        if (!value.strip().equals("1")) {
            throw GatewayError.INVALID_HEADER.exception("Upload-Defer-Length must be 1");
        }
        return true;
    }

    public static void checkContentType(String contentType) {
        if (contentType == null) {
            throw GatewayError.UNSUPPORTED_MEDIA_TYPE.exception();
        }
        String base = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!base.equals(OFFSET_OCTET_STREAM)) {
            throw GatewayError.UNSUPPORTED_MEDIA_TYPE.exception();
        }
    }

    /** The client's offset must equal ours: the bytes on disk. */
    public static void checkOffset(long claimed, long actual) {
        if (claimed != actual) {
            throw GatewayError.OFFSET_MISMATCH.exception("server offset is " + actual);
        }
    }

    /** A body piece may not run past a known length. */
    public static void checkWithinLength(long offset, long pieceLength, Long length) {
        checkWithinLength(offset, pieceLength, length, GatewayError.EXCEEDS_LENGTH);
    }

    /** A body piece may not run past {@code limit}; {@code error} when it would. */
    public static void checkWithinLength(long offset, long pieceLength, Long limit, GatewayError error) {
        if (limit != null && offset + pieceLength > limit) {
            throw error.exception();
        }
    }

    public static boolean isUploadId(String id) {
        return id != null && UPLOAD_ID.matcher(id).matches();
    }

    /** {@code Upload-Concat}: {@code partial}, or {@code final;<url> <url> ...}. {@code null} when absent. */
    public static Concat concat(String header) {
        if (header == null) {
            return null;
        }
        String h = header.strip();
        if (h.equals("partial")) {
            return new Concat(true, List.of());
        }
        if (!h.startsWith("final;")) {
            throw GatewayError.INVALID_CONCAT.exception("must be 'partial' or 'final;<urls>'");
        }
        List<String> ids = new ArrayList<>();
        for (String url : h.substring("final;".length()).strip().split(" +")) {
            int at = url.lastIndexOf("/files/");
            String id = at < 0 ? "" : url.substring(at + "/files/".length());
            if (!isUploadId(id)) {
                throw GatewayError.INVALID_CONCAT.exception("not an upload URL of this server");
            }
            ids.add(id);
        }
        if (ids.isEmpty() || ids.size() > 256) {
            throw GatewayError.INVALID_CONCAT.exception("a final upload names 1 to 256 partial uploads");
        }
        return new Concat(false, List.copyOf(ids));
    }

    /** A parsed {@code Upload-Concat}. */
    public record Concat(boolean partial, List<String> partials) {
    }
}
