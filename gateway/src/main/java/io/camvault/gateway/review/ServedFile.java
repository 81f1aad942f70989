package io.camvault.gateway.review;

import java.nio.file.Path;
import java.util.Locale;

/**
 * A file about to be served, with what the audit record says it is.
 *
 * @param what   "original", "rendition", "poster" or "clip"
 * @param sha256 hex SHA-256 of the bytes served (the original's, or the derived file's)
 */
record ServedFile(Path file, long length, String contentType, String what, String sha256) {

    static String contentType(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        if (n.endsWith(".mp4") || n.endsWith(".m4v")) {
            return "video/mp4";
        }
        if (n.endsWith(".mov")) {
            return "video/quicktime";
        }
        if (n.endsWith(".avi")) {
            return "video/x-msvideo";
        }
        if (n.endsWith(".m4a")) {
            return "audio/mp4";
        }
        if (n.endsWith(".wav")) {
            return "audio/wav";
        }
        if (n.endsWith(".jpg") || n.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        return "application/octet-stream";
    }
}
