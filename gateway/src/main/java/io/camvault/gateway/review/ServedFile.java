package io.camvault.gateway.review;

import io.camvault.vault.store.ObjectReader;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Bytes about to be served, with what the audit record says they are: a local file (sent with
 * sendfile) or an object read through the store's seam.
 *
 * @param file   the local file, or null when the bytes come from {@code reader}
 * @param reader opens the object, or null for a local file
 * @param what   "original", "rendition", "poster" or "clip"
 * @param sha256 hex SHA-256 of the bytes served (the original's, or the derived file's)
 */
record ServedFile(Path file, Supplier<ObjectReader> reader, long length, String contentType, String what,
        String sha256) {

    static ServedFile local(Path file, long length, String contentType, String what, String sha256) {
        return new ServedFile(file, null, length, contentType, what, sha256);
    }

    static ServedFile object(Supplier<ObjectReader> reader, long length, String contentType, String what,
            String sha256) {
        return new ServedFile(null, reader, length, contentType, what, sha256);
    }

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
        if (n.endsWith(".png")) {
            return "image/png";
        }
        if (n.endsWith(".mp3")) {
            return "audio/mpeg";
        }
        return "application/octet-stream";
    }
}
