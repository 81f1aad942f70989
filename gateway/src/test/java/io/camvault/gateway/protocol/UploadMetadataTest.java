package io.camvault.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class UploadMetadataTest {

    @Test
    void parsesPairsAndKeysWithoutValues() {
        Map<String, String> m = UploadMetadata.parse("filename d29ybGRfZG9taW5hdGlvbl9wbGFuLnBkZg==,is_confidential");
        assertThat(m).containsEntry("filename", "world_domination_plan.pdf").containsEntry("is_confidential", "");
    }

    @Test
    void rejectsBadBase64NamingTheKey() {
        assertThatThrownBy(() -> UploadMetadata.parse("recorder !!!"))
                .isInstanceOf(GatewayException.class)
                .hasMessageContaining("'recorder'");
    }

    @Test
    void rejectsRepeatedKeysAndEmptyPairs() {
        assertThat(catchThrowable(() -> UploadMetadata.parse("a YQ==,a YQ==")))
                .isInstanceOf(GatewayException.class);
        assertThat(catchThrowable(() -> UploadMetadata.parse("a YQ==,,b")))
                .isInstanceOf(GatewayException.class);
    }

    @Test
    void rejectsInvalidUtf8() {
        assertThatThrownBy(() -> UploadMetadata.parse("filename /w=="))
                .hasMessageContaining("UTF-8");
    }

    @Property
    void renderThenParseIsIdentity(@ForAll("pairs") Map<String, String> pairs) {
        assertThat(UploadMetadata.parse(UploadMetadata.render(pairs))).isEqualTo(pairs);
    }

    @Property(tries = 2000)
    void arbitraryInputOnlyEverFailsWithInvalidMetadata(@ForAll String header) {
        Throwable t = catchThrowable(() -> UploadMetadata.parse(header));
        if (t != null) {
            assertThat(t).isInstanceOf(GatewayException.class);
            assertThat(((GatewayException) t).error()).isEqualTo(GatewayError.INVALID_METADATA);
        }
    }

    @Property(tries = 1000)
    void arbitraryPairsOnlyEverFailValidationWith400(@ForAll("pairs") Map<String, String> pairs) {
        Throwable t = catchThrowable(() -> IngestMetadata.from(pairs));
        assertThat(t).isInstanceOf(GatewayException.class);
        assertThat(((GatewayException) t).error().status()).isEqualTo(400);
    }

    @Provide
    Arbitrary<Map<String, String>> pairs() {
        Arbitrary<String> keys = Arbitraries.strings().withChars("abcXYZ019._-").ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> values = Arbitraries.strings().ofMaxLength(40)
                .filter(s -> s.codePoints().noneMatch(c -> c >= 0xD800 && c <= 0xDFFF));
        return Arbitraries.maps(keys, values).ofMaxSize(10).map(LinkedHashMap::new);
    }
}
