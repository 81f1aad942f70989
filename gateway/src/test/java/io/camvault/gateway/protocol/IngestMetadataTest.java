package io.camvault.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camvault.vault.model.Trigger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IngestMetadataTest {

    static Map<String, String> valid() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("filename", "A123456_010203_20250101080000.mp4");
        m.put("recorder", "A123456");
        m.put("officer", "010203");
        m.put("unit", "110101000000");
        m.put("recordedStart", "2025-01-01T08:00:00+08:00");
        m.put("recordedEnd", "2025-01-01T09:00:00+08:00");
        m.put("trigger", "marked");
        m.put("station", "dock-7");
        m.put("clockDriftMs", "-250");
        m.put("sha256", "AB".repeat(32));
        return m;
    }

    @Test
    void acceptsAFullDeclaration() {
        IngestMetadata md = IngestMetadata.from(valid());
        assertThat(md.recordedStart()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(md.trigger()).isEqualTo(Trigger.MARKED);
        assertThat(md.clockDriftMs()).isEqualTo(-250);
        assertThat(md.sha256()).isEqualTo("ab".repeat(32));
        assertThat(md.sm3()).isNull();
        assertThat(IngestMetadata.from(md.pairs())).isEqualTo(md);
    }

    @Test
    void stationDriftAndDigestsAreOptional() {
        Map<String, String> m = valid();
        m.remove("station");
        m.remove("clockDriftMs");
        m.remove("sha256");
        IngestMetadata md = IngestMetadata.from(m);
        assertThat(md.station()).isNull();
        assertThat(md.clockDriftMs()).isZero();
        assertThat(md.sha256()).isNull();
    }

    @ParameterizedTest
    @CsvSource({"filename", "recorder", "officer", "unit", "recordedStart", "recordedEnd", "trigger"})
    void missingRequiredKeyIsNamed(String key) {
        Map<String, String> m = valid();
        m.remove(key);
        assertThatThrownBy(() -> IngestMetadata.from(m))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.error()).isEqualTo(GatewayError.INVALID_METADATA))
                .hasMessageContaining("'" + key + "'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "recorder|A1234567890123456",
            "officer|警号警号警号",
            "unit|' 1101'",
            "recordedStart|2025-01-01T08:00:00",
            "recordedEnd|yesterday",
            "trigger|loop",
            "clockDriftMs|12ms",
            "clockDriftMs|999999999999",
            "sha256|abc",
            "sm3|zz",
            "filename|../etc/passwd",
            "station|'dock\n7'"})
    void malformedValueIsNamed(String key, String value) {
        Map<String, String> m = valid();
        m.put(key, value);
        assertThatThrownBy(() -> IngestMetadata.from(m)).hasMessageContaining("'" + key + "'");
    }

    @Test
    void endBeforeStartIsRejected() {
        Map<String, String> m = valid();
        m.put("recordedEnd", "2025-01-01T07:00:00+08:00");
        assertThatThrownBy(() -> IngestMetadata.from(m)).hasMessageContaining("recordedEnd");
    }

    @Test
    void identifiersAreMeasuredInUtf8Bytes() {
        Map<String, String> m = valid();
        m.put("officer", "警号警号警"); // 15 bytes
        assertThat(IngestMetadata.from(m).officer()).isEqualTo("警号警号警");
    }
}
