package io.camvault.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GatewayConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        GatewayConfig c = GatewayConfig.defaults();
        assertThat(c.host()).isEqualTo("0.0.0.0");
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.ioThreads()).isEqualTo(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
        assertThat(c.bigWriterNice()).isEqualTo(15);
        assertThat(c.writerThreads()).isEqualTo(Math.max(16, 2 * Runtime.getRuntime().availableProcessors()));
        assertThat(c.maxUploadSize()).isEqualTo(64L << 30);
        assertThat(c.uploadExpiry()).isEqualTo(Duration.ofDays(7));
        assertThat(c.diskReserve()).isEqualTo(1L << 30);
        assertThat(c.maxActiveUploads()).isEqualTo(256);
        assertThat(c.computeSm3()).isFalse();
    }

    @Test
    void rejectsBadValuesNamingTheSetting() {
        assertThatThrownBy(() -> GatewayConfig.builder().port(70000).build()).hasMessageContaining("port");
        assertThatThrownBy(() -> GatewayConfig.builder().writerThreads(0).build()).hasMessageContaining("writerThreads");
        assertThatThrownBy(() -> GatewayConfig.builder().uploadExpiry(Duration.ZERO).build())
                .hasMessageContaining("uploadExpiry");
        assertThatThrownBy(() -> GatewayConfig.builder().diskReserve(-1).build()).hasMessageContaining("diskReserve");
        assertThatThrownBy(() -> GatewayConfig.builder().maxInFlightBytesPerUpload(10).build())
                .hasMessageContaining("maxInFlightBytesPerUpload");
    }

    @Test
    void toBuilderKeepsEverySetting() {
        GatewayConfig c = GatewayConfig.builder().port(0).computeSm3(true).maxActiveUploads(3).build();
        assertThat(c.toBuilder().build()).isEqualTo(c);
    }
}
