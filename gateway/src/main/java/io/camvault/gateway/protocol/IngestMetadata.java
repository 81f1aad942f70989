package io.camvault.gateway.protocol;

import io.camvault.vault.model.SegmentDraft;
import io.camvault.vault.model.Trigger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a dock or recorder declares about a file, validated. Every failure is a 400 that names
 * the key at fault.
 *
 * @param sha256 lower-case hex of the whole file as computed at the source, or {@code null}
 * @param sm3    lower-case hex SM3 of the whole file, or {@code null}
 * @param officerName the officer's name as the dock read it from the recorder ({@code officerName}), or null
 * @param unitName    the unit's name ({@code unitName}), or null; codes stay the keys
 */
public record IngestMetadata(
        String filename,
        String recorder,
        String officer,
        String unit,
        Instant recordedStart,
        Instant recordedEnd,
        Trigger trigger,
        String station,
        long clockDriftMs,
        String sha256,
        String sm3,
        String officerName,
        String unitName) {

    public static final int MAX_IDENTIFIER_BYTES = 16;
    public static final int MAX_FILENAME_BYTES = 255;
    /** Officer and unit names ("南京市公安局玄武分局" is 30 bytes of UTF-8). */
    public static final int MAX_NAME_BYTES = 128;
    private static final Pattern HEX64 = Pattern.compile("[0-9a-fA-F]{64}");
    /** Clock drift beyond a day means a broken clock, not drift. */
    private static final long MAX_DRIFT_MS = 86_400_000L;

    /** Validates parsed {@code Upload-Metadata} pairs. Unknown keys are ignored. */
    public static IngestMetadata from(Map<String, String> m) {
        String filename = text(m, "filename", MAX_FILENAME_BYTES, true);
        String recorder = identifier(m, "recorder", true);
        String officer = identifier(m, "officer", true);
        String unit = identifier(m, "unit", true);
        Instant start = instant(m, "recordedStart");
        Instant end = instant(m, "recordedEnd");
        if (end.isBefore(start)) {
            throw GatewayError.INVALID_METADATA.exception("recordedEnd is before recordedStart");
        }
        Trigger trigger = trigger(m);
        String station = identifier(m, "station", false);
        long drift = drift(m);
        String sha256 = hex(m, "sha256");
        String sm3 = hex(m, "sm3");
        String officerName = name(m, "officerName");
        String unitName = name(m, "unitName");
        return new IngestMetadata(filename, recorder, officer, unit, start, end, trigger, station, drift, sha256, sm3,
                officerName, unitName);
    }

    /** The vault's draft for this upload, committed by {@code uploadedBy}. */
    public SegmentDraft draft(String uploadedBy, String computedSm3) {
        return new SegmentDraft(computedSm3 != null ? computedSm3 : sm3, filename, recorder, officer, unit,
                recordedStart, recordedEnd, clockDriftMs, station, trigger, uploadedBy, officerName, unitName);
    }

    /** The metadata as pairs again (round trip; shown by HEAD). */
    public Map<String, String> pairs() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("filename", filename);
        m.put("recorder", recorder);
        m.put("officer", officer);
        m.put("unit", unit);
        m.put("recordedStart", recordedStart.toString());
        m.put("recordedEnd", recordedEnd.toString());
        m.put("trigger", trigger.wireName());
        if (station != null) {
            m.put("station", station);
        }
        m.put("clockDriftMs", Long.toString(clockDriftMs));
        if (sha256 != null) {
            m.put("sha256", sha256);
        }
        if (sm3 != null) {
            m.put("sm3", sm3);
        }
        if (officerName != null) {
            m.put("officerName", officerName);
        }
        if (unitName != null) {
            m.put("unitName", unitName);
        }
        return m;
    }

    private static String text(Map<String, String> m, String key, int maxBytes, boolean required) {
        String v = m.get(key);
        if (v == null || v.isEmpty()) {
            if (required) {
                throw GatewayError.INVALID_METADATA.exception("'" + key + "' is missing");
            }
            return null;
        }
        if (v.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            throw GatewayError.INVALID_METADATA.exception("'" + key + "' is longer than " + maxBytes + " bytes");
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (Character.isISOControl(c) || (key.equals("filename") && (c == '/' || c == '\\'))) {
                throw GatewayError.INVALID_METADATA.exception("'" + key + "' contains a forbidden character");
            }
        }
        return v;
    }

    private static String identifier(Map<String, String> m, String key, boolean required) {
        String v = text(m, key, MAX_IDENTIFIER_BYTES, required);
        if (v != null && !v.strip().equals(v)) {
            throw GatewayError.INVALID_METADATA.exception("'" + key + "' has leading or trailing spaces");
        }
        return v;
    }

    /** A person's or unit's name: any script, no control characters, no surrounding spaces. */
    private static String name(Map<String, String> m, String key) {
        String v = text(m, key, MAX_NAME_BYTES, false);
        if (v == null) {
            return null;
        }
        if (v.isBlank() || !v.strip().equals(v)) {
            throw GatewayError.INVALID_METADATA.exception("'" + key + "' has leading or trailing spaces");
        }
        // invisible and direction-changing characters would let a name read as something else
        if (v.codePoints().anyMatch(c -> Character.getType(c) == Character.FORMAT
                || Character.getType(c) == Character.SURROGATE)) {
            throw GatewayError.INVALID_METADATA.exception("'" + key + "' contains a forbidden character");
        }
        return v;
    }

    private static Instant instant(Map<String, String> m, String key) {
        String v = text(m, key, 64, true);
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw GatewayError.INVALID_METADATA.exception("'" + key + "' is not an ISO-8601 time with offset");
        }
    }

    private static Trigger trigger(Map<String, String> m) {
        String v = text(m, "trigger", 16, true);
        try {
            return Trigger.parse(v.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw GatewayError.INVALID_METADATA.exception("'trigger' must be one of scheduled, manual, marked, event");
        }
    }

    private static long drift(Map<String, String> m) {
        String v = text(m, "clockDriftMs", 20, false);
        if (v == null) {
            return 0;
        }
        try {
            long d = Long.parseLong(v);
            if (Math.abs(d) > MAX_DRIFT_MS) {
                throw GatewayError.INVALID_METADATA.exception("'clockDriftMs' is beyond one day");
            }
            return d;
        } catch (NumberFormatException e) {
            throw GatewayError.INVALID_METADATA.exception("'clockDriftMs' is not an integer");
        }
    }

    private static String hex(Map<String, String> m, String key) {
        String v = text(m, key, 64, false);
        if (v == null) {
            return null;
        }
        if (!HEX64.matcher(v).matches()) {
            throw GatewayError.INVALID_METADATA.exception("'" + key + "' must be 64 hexadecimal characters");
        }
        return v.toLowerCase(Locale.ROOT);
    }
}
