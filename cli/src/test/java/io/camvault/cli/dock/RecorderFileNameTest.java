package io.camvault.cli.dock;

import static org.assertj.core.api.Assertions.assertThat;

import io.camvault.vault.model.Trigger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecorderFileNameTest {
    private static final DeviceInfo DEVICE = DeviceInfo.of("A123456", "012345", "330100000000", 0);

    @Test
    void readsSerialBadgeAndLocalStartFromARecorderName() {
        RecorderFileName n = RecorderFileName.parse("A123456_012345_20250301083000.mp4").orElseThrow();
        assertThat(n.serial()).isEqualTo("A123456");
        assertThat(n.badge()).isEqualTo("012345");
        assertThat(n.start()).isEqualTo(LocalDateTime.of(2025, 3, 1, 8, 30, 0));
        assertThat(n.marked()).isFalse();
    }

    @Test
    void anIOrImpFlagMarksTheFileImportant() {
        assertThat(RecorderFileName.parse("A123456_012345_20250301083000_IMP.mp4").orElseThrow().marked()).isTrue();
        assertThat(RecorderFileName.parse("A123456_012345_20250301083000_i.MP4").orElseThrow().marked()).isTrue();
        assertThat(RecorderFileName.parse("A123456_012345_20250301083000_0001.mp4").orElseThrow().marked()).isFalse();
    }

    @Test
    void otherNamesAndImpossibleTimesAreNotRecorderNames() {
        assertThat(RecorderFileName.parse("holiday.mp4")).isEmpty();
        assertThat(RecorderFileName.parse("A123456_012345_2025030108300.mp4")).isEmpty();
        assertThat(RecorderFileName.parse("A123456_012345_20250230083000.mp4")).isEmpty(); // 30 February
        assertThat(RecorderFileName.parse("A123456_012345_20250301083000")).isEmpty(); // no extension
        assertThat(RecorderFileName.parse("A123456_012345_20250301250000.mp4")).isEmpty();
    }

    @Test
    void startComesFromTheNameInTheDeviceZoneAndEndFromTheMtime() {
        Instant mtime = Instant.parse("2025-03-01T01:00:00Z");
        SegmentMetadata.Times t = SegmentMetadata.times("DCIM/A123456_012345_20250301083000.mp4", mtime, mtime,
                ZoneId.of("Asia/Shanghai"));
        assertThat(t.start()).isEqualTo(Instant.parse("2025-03-01T00:30:00Z"));
        assertThat(t.end()).isEqualTo(mtime);
    }

    @Test
    void withoutARecorderNameTimesComeFromTheFileSystemAndEndIsNeverBeforeStart() {
        Instant created = Instant.parse("2025-03-01T00:00:00Z");
        Instant modified = Instant.parse("2025-03-01T00:20:00Z");
        assertThat(SegmentMetadata.times("x.mp4", created, modified, ZoneId.of("UTC")))
                .isEqualTo(new SegmentMetadata.Times(created, modified));
        assertThat(SegmentMetadata.times("x.mp4", modified, modified, ZoneId.of("UTC")))
                .isEqualTo(new SegmentMetadata.Times(modified, modified));
        // a recorder whose clock ran ahead: the name says later than the mtime
        SegmentMetadata.Times ahead = SegmentMetadata.times("A1_B2_20250301100000.mp4", modified, modified, ZoneId.of("UTC"));
        assertThat(ahead.end()).isEqualTo(ahead.start());
    }

    @Test
    void triggerIsMarkedByNameOrByTheDeviceInfoListElseScheduled() {
        DeviceInfo listing = new DeviceInfo("A123456", "012345", "U1", null, null, 0, null, Set.of("DCIM/b.mp4"));
        assertThat(SegmentMetadata.trigger("DCIM/A123456_012345_20250301083000_IMP.mp4", DEVICE)).isEqualTo(Trigger.MARKED);
        assertThat(SegmentMetadata.trigger("DCIM/b.mp4", listing)).isEqualTo(Trigger.MARKED);
        assertThat(SegmentMetadata.trigger("DCIM/b.mp4", DEVICE)).isEqualTo(Trigger.SCHEDULED);
    }

    @Test
    void metadataCarriesEveryKeyTheGatewayReads() {
        Instant t = Instant.parse("2025-03-01T00:30:00Z");
        var md = SegmentMetadata.of(DEVICE, "hall-1", "DCIM/a.mp4", new SegmentMetadata.Times(t, t), "ab".repeat(32));
        assertThat(md).containsEntry("filename", "a.mp4").containsEntry("recorder", "A123456")
                .containsEntry("officer", "012345").containsEntry("unit", "330100000000")
                .containsEntry("recordedStart", "2025-03-01T00:30:00Z").containsEntry("trigger", "scheduled")
                .containsEntry("station", "hall-1").containsEntry("clockDriftMs", "0")
                .containsEntry("sha256", "ab".repeat(32));
        // and the gateway's own validation accepts it
        io.camvault.gateway.protocol.IngestMetadata.from(md);
    }
}
