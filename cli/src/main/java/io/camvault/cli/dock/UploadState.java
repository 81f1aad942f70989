package io.camvault.cli.dock;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tus.java.client.TusURLStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One recorder's resume state: file fingerprint (path, size, mtime, SHA-256) to the tus upload URL,
 * kept in {@code <state>/<serial>/uploads.json} and written durably on every change, so a rerun after
 * a network drop, a daemon restart or the agent's own restart continues from the daemon's offset.
 * An entry stays after a file is confirmed but not wiped (a later dock of the same file then costs a
 * HEAD, not a second upload) and goes once the file is wiped.
 */
public final class UploadState implements TusURLStore {
    public static final String FILE = "uploads.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final Map<String, String> urls;

    private UploadState(Path file, Map<String, String> urls) {
        this.file = file;
        this.urls = urls;
    }

    /** Opens (or starts) the state of the recorder whose directory is {@code dir}. */
    public static UploadState open(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        Map<String, String> urls = new TreeMap<>();
        if (Files.exists(file)) {
            try {
                StateFile s = JSON.readValue(file.toFile(), StateFile.class);
                if (s.uploads != null) {
                    urls.putAll(s.uploads);
                }
            } catch (IOException e) {
                throw new IOException("dock state " + file + " is unreadable (" + e.getMessage()
                        + "); move it aside to start those uploads over", e);
            }
        }
        return new UploadState(file, urls);
    }

    /** The key of a file's upload: the same bytes at the same place resume the same upload. */
    public static String fingerprint(String relativePath, long size, long mtimeMillis, String sha256) {
        return relativePath + "|" + size + "|" + mtimeMillis + "|" + sha256;
    }

    @Override
    public synchronized void set(String fingerprint, URL url) {
        urls.put(fingerprint, url.toString());
        save();
    }

    @Override
    public synchronized URL get(String fingerprint) {
        String u = urls.get(fingerprint);
        if (u == null) {
            return null;
        }
        try {
            return new URL(u);
        } catch (MalformedURLException e) {
            return null;
        }
    }

    @Override
    public synchronized void remove(String fingerprint) {
        if (urls.remove(fingerprint) != null) {
            save();
        }
    }

    public synchronized Map<String, String> entries() {
        return Map.copyOf(urls);
    }

    private void save() {
        StateFile s = new StateFile();
        s.version = 1;
        s.uploads = new LinkedHashMap<>(urls);
        try {
            Durable.write(file, JSON.writeValueAsBytes(s));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write dock state " + file, e);
        }
    }

    /** The file's layout (version 1). */
    static final class StateFile {
        public int version;
        public Map<String, String> uploads;
    }
}
