package io.camvault.cli.dock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceInfoTest {
    @TempDir
    Path dir;

    @Test
    void parsesEveryField() {
        DeviceInfo d = DeviceInfo.parse("""
                {"serial":"A123456","badge":"012345","unit":"330100000000","officerName":"Zhang San",
                 "clockDriftMs":-1200,"syncedAt":"2025-03-01T18:02:11+08:00","marked":["DCIM\\\\a.mp4"],"extra":1}
                """, "t");
        assertThat(d.serial()).isEqualTo("A123456");
        assertThat(d.badge()).isEqualTo("012345");
        assertThat(d.unit()).isEqualTo("330100000000");
        assertThat(d.officerName()).isEqualTo("Zhang San");
        assertThat(d.clockDriftMs()).isEqualTo(-1200);
        assertThat(d.syncedAt()).isEqualTo(Instant.parse("2025-03-01T10:02:11Z"));
        assertThat(d.isMarked("DCIM/a.mp4")).isTrue();
    }

    @Test
    void onlySerialBadgeAndUnitAreRequired() {
        DeviceInfo d = DeviceInfo.parse("{\"serial\":\"A1\",\"badge\":\"B2\",\"unit\":\"U3\"}", "t");
        assertThat(d.clockDriftMs()).isZero();
        assertThat(d.marked()).isEmpty();
        assertThat(d.officerName()).isNull();
    }

    @Test
    void errorsNameTheSourceAndTheField() {
        assertThatThrownBy(() -> DeviceInfo.parse("{\"badge\":\"B2\",\"unit\":\"U3\"}", "m/.camvault-device.json"))
                .hasMessageContaining("m/.camvault-device.json").hasMessageContaining("'serial' is missing");
        assertThatThrownBy(() -> DeviceInfo.parse("{\"serial\":\"A 1\",\"badge\":\"B2\",\"unit\":\"U3\"}", "t"))
                .hasMessageContaining("serial must be");
        assertThatThrownBy(() -> DeviceInfo.parse("{\"serial\":\"A1\",\"badge\":\"B2\",\"unit\":\"12345678901234567\"}", "t"))
                .hasMessageContaining("unit must be 1 to 16");
        assertThatThrownBy(() -> DeviceInfo.parse("{\"serial\":\"A1\",\"badge\":\"B2\",\"unit\":\"U\",\"clockDriftMs\":\"x\"}", "t"))
                .hasMessageContaining("clockDriftMs");
        assertThatThrownBy(() -> DeviceInfo.parse("{\"serial\":\"A1\",\"badge\":\"B2\",\"unit\":\"U\",\"clockDriftMs\":90000000}", "t"))
                .hasMessageContaining("beyond one day");
        assertThatThrownBy(() -> DeviceInfo.parse("{\"serial\":\"A1\",\"badge\":\"B2\",\"unit\":\"U\",\"syncedAt\":\"yesterday\"}", "t"))
                .hasMessageContaining("syncedAt");
        assertThatThrownBy(() -> DeviceInfo.parse("{\"serial\":\"A1\",\"badge\":\"B2\",\"unit\":\"U\",\"marked\":\"a\"}", "t"))
                .hasMessageContaining("marked");
        assertThatThrownBy(() -> DeviceInfo.parse("[1]", "t")).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> DeviceInfo.parse("{", "t")).hasMessageContaining("not valid JSON");
    }

    @Test
    void isFoundInsideTheMountFirstThenBesideIt() throws Exception {
        Path mount = Files.createDirectories(dir.resolve("usb1"));
        assertThat(DeviceInfo.read(mount)).isEmpty();
        Files.writeString(dir.resolve("usb1.device.json"), "{\"serial\":\"BESIDE\",\"badge\":\"B\",\"unit\":\"U\"}");
        assertThat(DeviceInfo.read(mount).orElseThrow().serial()).isEqualTo("BESIDE");
        Files.writeString(mount.resolve(".camvault-device.json"), "{\"serial\":\"INSIDE\",\"badge\":\"B\",\"unit\":\"U\"}");
        assertThat(DeviceInfo.read(mount).orElseThrow().serial()).isEqualTo("INSIDE");
    }
}
