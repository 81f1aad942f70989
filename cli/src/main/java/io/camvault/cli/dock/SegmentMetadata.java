package io.camvault.cli.dock;

import io.camvault.vault.model.Trigger;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The tus {@code Upload-Metadata} of one recorder file, as a pure function of what the dock knows.
 *
 * <ul>
 *   <li>start: the time in the recorder's file name, read in the device's zone; otherwise the
 *       file's creation time when the file system keeps one earlier than its mtime; otherwise its mtime.</li>
 *   <li>end: the file's mtime (the recorder writes the file until the recording stops; the duration
 *       is not known without probing the media), never before the start.</li>
 *   <li>trigger: {@code marked} when the name carries an {@code I}/{@code IMP} flag or the device-info
 *       file lists the path under {@code marked}; otherwise {@code scheduled}.</li>
 * </ul>
 *
 * Times are the device's clock as it was; the drift measured at docking travels as {@code clockDriftMs}.
 */
public final class SegmentMetadata {
    private SegmentMetadata() {
    }

    /** Recording start and end of a file. */
    public record Times(Instant start, Instant end) {
    }

    /**
     * @param relativePath path below the mount, with {@code /} separators
     * @param created      creation time from the file system (may equal {@code modified} where none is kept)
     */
    public static Times times(String relativePath, Instant created, Instant modified, ZoneId zone) {
        Optional<RecorderFileName> name = RecorderFileName.parse(fileName(relativePath));
        Instant start;
        if (name.isPresent()) {
            start = name.get().start().atZone(zone).toInstant();
        } else if (created != null && created.isBefore(modified)) {
            start = created;
        } else {
            start = modified;
        }
        Instant end = modified.isBefore(start) ? start : modified;
        return new Times(start, end);
    }

    public static Trigger trigger(String relativePath, DeviceInfo device) {
        boolean byName = RecorderFileName.parse(fileName(relativePath)).map(RecorderFileName::marked).orElse(false);
        return byName || device.isMarked(relativePath) ? Trigger.MARKED : Trigger.SCHEDULED;
    }

    /**
     * Every key the gateway reads, in its wire form. {@code station}, {@code officerName} and
     * {@code unitName} are left out when {@code null}.
     */
    public static Map<String, String> of(DeviceInfo device, String station, String relativePath, Times times,
            String sha256) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("filename", fileName(relativePath));
        m.put("recorder", device.serial());
        m.put("officer", device.badge());
        m.put("unit", device.unit());
        m.put("recordedStart", times.start().toString());
        m.put("recordedEnd", times.end().toString());
        m.put("trigger", trigger(relativePath, device).wireName());
        if (station != null) {
            m.put("station", station);
        }
        m.put("clockDriftMs", Long.toString(device.clockDriftMs()));
        if (device.officerName() != null) {
            m.put("officerName", device.officerName());
        }
        if (device.unitName() != null) {
            m.put("unitName", device.unitName());
        }
        m.put("sha256", sha256);
        return m;
    }

    static String fileName(String relativePath) {
        int slash = relativePath.lastIndexOf('/');
        return slash < 0 ? relativePath : relativePath.substring(slash + 1);
    }
}
