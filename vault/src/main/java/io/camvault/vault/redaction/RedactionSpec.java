package io.camvault.vault.redaction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camvault.vault.model.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * What a redacted copy hides: {@code regions} (boxes over time), {@code mutes} (silent audio ranges)
 * and the {@code method} for every region. Everything is whole milliseconds and whole pixels, so a
 * spec has exactly one canonical JSON form ({@link #canonicalJson()}: keys in a fixed order, lists
 * sorted, no spaces) and one hash ({@link #sha256()}) that names it wherever it is recorded; the
 * same boxes drawn in another order hash the same.
 */
public record RedactionSpec(Method method, List<Region> regions, List<TimeRange> mutes) {
    public static final int VERSION = 1;
    public static final int MAX_REGIONS = 2000;
    public static final int MAX_KEYFRAMES = 20_000;
    public static final int MAX_MUTES = 1000;
    public static final int MAX_PIXELS = 16_384;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Comparator<Region> REGION_ORDER = Comparator.comparingLong(Region::from)
            .thenComparingLong(Region::to).thenComparing(Region::source)
            .thenComparing(r -> keyframesJson(r.keyframes()));

    public RedactionSpec {
        if (method == null) {
            throw new RedactionSpecException("a spec needs a method (blur, pixelate or box)");
        }
        regions = regions == null ? List.of() : sortedCopy(regions, REGION_ORDER);
        mutes = mutes == null ? List.of() : sortedCopy(mutes,
                Comparator.comparingLong(TimeRange::from).thenComparingLong(TimeRange::to));
        if (regions.size() > MAX_REGIONS || mutes.size() > MAX_MUTES) {
            throw new RedactionSpecException("a spec holds at most " + MAX_REGIONS + " regions and "
                    + MAX_MUTES + " mute ranges");
        }
        if (regions.isEmpty() && mutes.isEmpty()) {
            throw new RedactionSpecException("a spec must hide something: no regions and no mute ranges");
        }
        long keyframes = regions.stream().mapToLong(r -> r.keyframes().size()).sum();
        if (keyframes > MAX_KEYFRAMES) {
            throw new RedactionSpecException("a spec holds at most " + MAX_KEYFRAMES + " keyframes in all");
        }
    }

    /** The same spec with {@code more} regions added (accepted detections). */
    public RedactionSpec withRegions(List<Region> more) {
        List<Region> all = new ArrayList<>(regions);
        all.addAll(more);
        return new RedactionSpec(method, all, mutes);
    }

    /** The boxes to hide at {@code millis}, in source pixels, not yet cut to the picture. */
    public List<Box> boxesAt(long millis) {
        List<Box> out = new ArrayList<>(2);
        for (Region r : regions) {
            if (r.activeAt(millis)) {
                out.add(r.boxAt(millis));
            }
        }
        return out;
    }

    /** Whether the audio sample at {@code micros} is silenced. */
    public boolean mutedAtMicros(long micros) {
        for (TimeRange m : mutes) {
            if (m.containsMicros(micros)) {
                return true;
            }
        }
        return false;
    }

    /** The one canonical JSON text of this spec (what is hashed and stored). */
    public String canonicalJson() {
        StringBuilder b = new StringBuilder(128);
        b.append("{\"method\":\"").append(method.code()).append("\",\"mutes\":[");
        for (int i = 0; i < mutes.size(); i++) {
            TimeRange m = mutes.get(i);
            b.append(i == 0 ? "" : ",").append("{\"from\":").append(m.from()).append(",\"to\":").append(m.to()).append('}');
        }
        b.append("],\"regions\":[");
        for (int i = 0; i < regions.size(); i++) {
            Region r = regions.get(i);
            b.append(i == 0 ? "" : ",").append("{\"from\":").append(r.from())
                    .append(",\"keyframes\":").append(keyframesJson(r.keyframes()))
                    .append(",\"source\":\"").append(r.source()).append("\",\"to\":").append(r.to()).append('}');
        }
        return b.append("],\"version\":").append(VERSION).append('}').toString();
    }

    /** SHA-256 of {@link #canonicalJson()} in UTF-8. */
    public Sha256 sha256() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return Sha256.of(md.digest(canonicalJson().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads a spec from JSON, strictly: unknown fields, fractions and missing values are refused
     * with a message naming the field, so a typo never renders a copy that hides less than meant.
     */
    public static RedactionSpec parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new RedactionSpecException("a spec must be JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new RedactionSpecException("a spec must be JSON");
        }
        return fromJson(root);
    }

    /** Reads a spec from an already parsed JSON object (see {@link #parse}). */
    public static RedactionSpec fromJson(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new RedactionSpecException("a spec must be a JSON object");
        }
        onlyFields(root, "spec", Set.of("version", "method", "regions", "mutes"));
        if (root.has("version") && root.get("version").asInt(-1) != VERSION) {
            throw new RedactionSpecException("spec version must be " + VERSION);
        }
        JsonNode m = root.get("method");
        if (m == null || !m.isTextual()) {
            throw new RedactionSpecException("'method' (blur, pixelate or box) is required");
        }
        List<Region> regions = new ArrayList<>();
        for (JsonNode r : array(root, "regions")) {
            onlyFields(r, "region", Set.of("from", "to", "source", "keyframes"));
            List<Keyframe> kfs = new ArrayList<>();
            for (JsonNode k : array(r, "keyframes")) {
                onlyFields(k, "keyframe", Set.of("t", "x", "y", "w", "h"));
                kfs.add(new Keyframe(integer(k, "t"), (int) integer(k, "x"), (int) integer(k, "y"),
                        (int) integer(k, "w"), (int) integer(k, "h")));
            }
            JsonNode source = r.get("source");
            if (source != null && !source.isTextual()) {
                throw new RedactionSpecException("'source' must be text");
            }
            regions.add(new Region(integer(r, "from"), integer(r, "to"), source == null ? null : source.asText(), kfs));
        }
        List<TimeRange> mutes = new ArrayList<>();
        for (JsonNode t : array(root, "mutes")) {
            onlyFields(t, "mute", Set.of("from", "to"));
            mutes.add(new TimeRange(integer(t, "from"), integer(t, "to")));
        }
        return new RedactionSpec(Method.parse(m.asText()), regions, mutes);
    }

    private static List<JsonNode> array(JsonNode parent, String field) {
        JsonNode a = parent.get(field);
        if (a == null || a.isNull()) {
            return List.of();
        }
        if (!a.isArray()) {
            throw new RedactionSpecException("'" + field + "' must be a list");
        }
        List<JsonNode> out = new ArrayList<>();
        a.forEach(out::add);
        return out;
    }

    private static long integer(JsonNode parent, String field) {
        JsonNode v = parent.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new RedactionSpecException("'" + field + "' must be a whole number"
                    + (field.equals("t") || field.equals("from") || field.equals("to") ? " of milliseconds" : " of pixels"));
        }
        return v.asLong();
    }

    private static void onlyFields(JsonNode node, String what, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            throw new RedactionSpecException("each " + what + " must be a JSON object");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw new RedactionSpecException("unknown field in " + what + ": " + (f.length() > 40 ? f.substring(0, 40) : f));
            }
        }
    }

    private static String keyframesJson(List<Keyframe> kfs) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < kfs.size(); i++) {
            Keyframe k = kfs.get(i);
            b.append(i == 0 ? "" : ",").append("{\"h\":").append(k.h()).append(",\"t\":").append(k.t())
                    .append(",\"w\":").append(k.w()).append(",\"x\":").append(k.x()).append(",\"y\":").append(k.y()).append('}');
        }
        return b.append(']').toString();
    }

    private static <T> List<T> sortedCopy(List<T> in, Comparator<? super T> order) {
        List<T> out = new ArrayList<>(in);
        out.sort(order);
        return List.copyOf(out);
    }
}
