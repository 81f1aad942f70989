package io.camvault.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UnitsTest {
    @Test
    void parsesSizesInBothDecimalAndBinaryUnits() {
        assertThat(Units.bytes("x", "4096")).isEqualTo(4096);
        assertThat(Units.bytes("x", "1GiB")).isEqualTo(1L << 30);
        assertThat(Units.bytes("x", "512MB")).isEqualTo(512_000_000L);
        assertThat(Units.bytes("x", "2 kib")).isEqualTo(2048);
    }

    @Test
    void parsesDurations() {
        assertThat(Units.duration("x", "7d")).isEqualTo(Duration.ofDays(7));
        assertThat(Units.duration("x", "24h")).isEqualTo(Duration.ofHours(24));
        assertThat(Units.duration("x", "250ms")).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void rejectsGarbageNamingTheSetting() {
        assertThatThrownBy(() -> Units.bytes("gateway.diskReserve", "lots"))
                .hasMessageContaining("gateway.diskReserve");
        assertThatThrownBy(() -> Units.duration("gateway.uploadExpiry", "7 weeks"))
                .hasMessageContaining("gateway.uploadExpiry");
    }
}
