package io.camvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class Utf8OutputTest {
    @Test
    void aUtf8LocaleIsRecognisedWhicheverVariableNamesIt() {
        assertThat(CamvaultMain.asksForUtf8(Map.of("LANG", "zh_CN.UTF-8"))).isTrue();
        assertThat(CamvaultMain.asksForUtf8(Map.of("LANG", "zh_CN.utf8"))).isTrue();
        assertThat(CamvaultMain.asksForUtf8(Map.of("LC_ALL", "en_US.UTF-8", "LANG", "C"))).isTrue();
        assertThat(CamvaultMain.asksForUtf8(Map.of("LC_ALL", "C", "LANG", "zh_CN.UTF-8")))
                .as("LC_ALL wins over LANG").isFalse();
        assertThat(CamvaultMain.asksForUtf8(Map.of("LANG", "zh_CN.GB18030"))).isFalse();
        assertThat(CamvaultMain.asksForUtf8(Map.of())).isFalse();
    }
}
