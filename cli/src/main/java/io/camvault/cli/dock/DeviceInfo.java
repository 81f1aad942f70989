package io.camvault.cli.dock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A recorder's identity as the dock read it when it synchronised the device (GA/T 947.4 SDK calls),
 * written by the dock as JSON inside the mount ({@value #INSIDE}) or beside it
 * ({@code MOUNT}{@value #BESIDE_SUFFIX}):
 *
 * <pre>{@code
 * {"serial":"A123456","badge":"012345","unit":"320102000000","officerName":"张伟","unitName":"南京市公安局玄武分局",
 *  "clockDriftMs":-1200,"syncedAt":"2025-03-01T18:02:11+08:00","marked":["DCIM/A123456_012345_20250301083000.mp4"]}
 * }</pre>
 *
 * Required: {@code serial}, {@code badge}, {@code unit} (1 to 16 letters, digits, {@code -} or {@code _}).
 * Optional: {@code officerName} and {@code unitName} (any script, up to 128 bytes of UTF-8 each; sent with
 * every file and stored with its segment, so people read names while codes stay the keys), {@code clockDriftMs} (device clock minus dock clock,
 * default 0), {@code syncedAt}, {@code marked} (paths relative to the mount of files the device flagged
 * important). Unknown fields are ignored.
 */
public record DeviceInfo(String serial, String badge, String unit, String officerName, String unitName,
        long clockDriftMs, Instant syncedAt, Set<String> marked) {

    public static final String INSIDE = ".camvault-device.json";
    public static final String BESIDE_SUFFIX = ".device.json";
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_-]{1,16}");
    private static final long MAX_DRIFT_MS = 86_400_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    public DeviceInfo {
        identifier("serial", serial);
        identifier("badge", badge);
        identifier("unit", unit);
        name("officerName", officerName);
        name("unitName", unitName);
        if (Math.abs(clockDriftMs) > MAX_DRIFT_MS) {
            throw new IllegalArgumentException("clockDriftMs is beyond one day (" + clockDriftMs + "): a broken clock, not drift");
        }
        marked = marked == null ? Set.of() : Set.copyOf(marked);
    }

    /** Identity given on the command line (one mount only). */
    public static DeviceInfo of(String serial, String badge, String unit, long clockDriftMs) {
        return of(serial, badge, unit, null, null, clockDriftMs);
    }

    /** Identity given on the command line, with the officer's and unit's names (either may be null). */
    public static DeviceInfo of(String serial, String badge, String unit, String officerName, String unitName,
            long clockDriftMs) {
        return new DeviceInfo(serial, badge, unit, officerName, unitName, clockDriftMs, null, Set.of());
    }

    /** Where the info file of {@code mount} is, inside first, then beside; empty when there is none. */
    public static Optional<Path> locate(Path mount) {
        Path inside = mount.resolve(INSIDE);
        if (Files.isRegularFile(inside)) {
            return Optional.of(inside);
        }
        Path name = mount.toAbsolutePath().normalize().getFileName();
        if (name != null) {
            Path beside = mount.toAbsolutePath().normalize().resolveSibling(name + BESIDE_SUFFIX);
            if (Files.isRegularFile(beside)) {
                return Optional.of(beside);
            }
        }
        return Optional.empty();
    }

    /** Reads the info file of {@code mount}, if it has one. */
    public static Optional<DeviceInfo> read(Path mount) throws IOException {
        Optional<Path> file = locate(mount);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(parse(Files.readString(file.get(), StandardCharsets.UTF_8), file.get().toString()));
    }

    /**
     * Parses the JSON of an info file.
     *
     * @throws IllegalArgumentException naming {@code source} and the field at fault
     */
    public static DeviceInfo parse(String json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not valid JSON (line " + e.getLocation().getLineNr() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(source + ": must be a JSON object");
        }
        try {
            return new DeviceInfo(text(root, "serial", true), text(root, "badge", true), text(root, "unit", true),
                    text(root, "officerName", false), text(root, "unitName", false), drift(root), syncedAt(root),
                    marked(root));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage());
        }
    }

    public boolean isMarked(String relativePath) {
        return marked.contains(relativePath);
    }

    private static void identifier(String field, String value) {
        if (value == null || !IDENTIFIER.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be 1 to 16 letters, digits, '-' or '_' (got "
                    + (value == null ? "nothing" : "'" + value + "'") + ")");
        }
    }

    /** What the gateway accepts as a name: not blank, no surrounding spaces, no control or format characters. */
    private static void name(String field, String value) {
        if (value == null) {
            return;
        }
        boolean bad = value.isBlank() || !value.strip().equals(value)
                || value.getBytes(StandardCharsets.UTF_8).length > 128
                || value.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                        || Character.getType(c) == Character.SURROGATE);
        if (bad) {
            throw new IllegalArgumentException(field + " must be 1 to 128 bytes of text without control characters"
                    + " or surrounding spaces");
        }
    }

    private static String text(JsonNode root, String field, boolean required) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw new IllegalArgumentException("'" + field + "' is missing");
            }
            return null;
        }
        if (!n.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' must be a string");
        }
        return n.asText();
    }

    private static long drift(JsonNode root) {
        JsonNode n = root.get("clockDriftMs");
        if (n == null || n.isNull()) {
            return 0;
        }
        if (!n.canConvertToLong() || !n.isIntegralNumber()) {
            throw new IllegalArgumentException("'clockDriftMs' must be an integer number of milliseconds");
        }
        return n.asLong();
    }

    private static Instant syncedAt(JsonNode root) {
        String v = text(root, "syncedAt", false);
        if (v == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'syncedAt' must be an ISO-8601 time with offset");
        }
    }

    private static Set<String> marked(JsonNode root) {
        JsonNode n = root.get("marked");
        if (n == null || n.isNull()) {
            return Set.of();
        }
        if (!n.isArray()) {
            throw new IllegalArgumentException("'marked' must be a list of paths relative to the mount");
        }
        List<String> paths = new ArrayList<>();
        for (JsonNode p : n) {
            if (!p.isTextual()) {
                throw new IllegalArgumentException("'marked' must be a list of paths relative to the mount");
            }
            paths.add(p.asText().replace('\\', '/'));
        }
        return new TreeSet<>(paths);
    }
}
