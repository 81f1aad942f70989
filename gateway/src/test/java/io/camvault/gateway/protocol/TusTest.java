package io.camvault.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TusTest {

    static GatewayError errorOf(Runnable r) {
        try {
            r.run();
            return null;
        } catch (GatewayException e) {
            return e.error();
        }
    }

    @Test
    void versionMustBe100() {
        Tus.checkVersion("1.0.0");
        assertThat(errorOf(() -> Tus.checkVersion("0.2.2"))).isEqualTo(GatewayError.UNSUPPORTED_VERSION);
        assertThat(errorOf(() -> Tus.checkVersion(null))).isEqualTo(GatewayError.UNSUPPORTED_VERSION);
        assertThat(GatewayError.UNSUPPORTED_VERSION.status()).isEqualTo(412);
    }

    @Test
    void lengthsAreNonNegativeAndCapped() {
        assertThat(Tus.uploadLength("0", 10)).isZero();
        assertThat(Tus.uploadLength("10", 10)).isEqualTo(10);
        assertThat(errorOf(() -> Tus.uploadLength("11", 10))).isEqualTo(GatewayError.TOO_LARGE);
        assertThat(errorOf(() -> Tus.uploadLength("-1", 10))).isEqualTo(GatewayError.INVALID_HEADER);
        assertThat(errorOf(() -> Tus.uploadLength("1e3", 10))).isEqualTo(GatewayError.INVALID_HEADER);
        assertThat(errorOf(() -> Tus.uploadLength("99999999999999999999", 10))).isEqualTo(GatewayError.INVALID_HEADER);
        assertThat(errorOf(() -> Tus.uploadLength("9999999999999999999", 10))).isEqualTo(GatewayError.INVALID_HEADER);
    }

    @Test
    void offsetsMustMatch() {
        Tus.checkOffset(5, 5);
        assertThat(errorOf(() -> Tus.checkOffset(4, 5))).isEqualTo(GatewayError.OFFSET_MISMATCH);
        assertThat(GatewayError.OFFSET_MISMATCH.status()).isEqualTo(409);
        assertThat(errorOf(() -> Tus.checkWithinLength(5, 6, 10L))).isEqualTo(GatewayError.EXCEEDS_LENGTH);
        Tus.checkWithinLength(5, 6, null);
    }

    @Test
    void contentTypeMustBeOffsetOctetStream() {
        Tus.checkContentType("application/offset+octet-stream");
        Tus.checkContentType("Application/Offset+Octet-Stream; charset=x");
        assertThat(errorOf(() -> Tus.checkContentType("application/octet-stream")))
                .isEqualTo(GatewayError.UNSUPPORTED_MEDIA_TYPE);
        assertThat(errorOf(() -> Tus.checkContentType(null))).isEqualTo(GatewayError.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void deferLengthOnlyAcceptsOne() {
        assertThat(Tus.deferLength(null)).isFalse();
        assertThat(Tus.deferLength("1")).isTrue();
        assertThat(errorOf(() -> Tus.deferLength("0"))).isEqualTo(GatewayError.INVALID_HEADER);
    }

    @Test
    void concatParsesPartialAndFinal() {
        String a = "0123456789abcdef0123456789abcdef";
        String b = "fedcba9876543210fedcba9876543210";
        assertThat(Tus.concat(null)).isNull();
        assertThat(Tus.concat("partial").partial()).isTrue();
        assertThat(Tus.concat("final;/files/" + a + " http://h:1/files/" + b).partials()).containsExactly(a, b);
        assertThat(errorOf(() -> Tus.concat("final;"))).isEqualTo(GatewayError.INVALID_CONCAT);
        assertThat(errorOf(() -> Tus.concat("final;/files/../x"))).isEqualTo(GatewayError.INVALID_CONCAT);
        assertThat(errorOf(() -> Tus.concat("whole"))).isEqualTo(GatewayError.INVALID_CONCAT);
    }

    @Test
    void checksumHeaderParsesSha1AndSha256() throws Exception {
        byte[] d = MessageDigest.getInstance("SHA-1").digest("x".getBytes());
        UploadChecksum c = UploadChecksum.parse("sha1 " + Base64.getEncoder().encodeToString(d));
        assertThat(c.algorithm()).isEqualTo("sha1");
        assertThat(c.expected()).isEqualTo(d);
        assertThat(UploadChecksum.parse(null)).isNull();
        assertThat(errorOf(() -> UploadChecksum.parse("md5 AAAA"))).isEqualTo(GatewayError.UNSUPPORTED_CHECKSUM);
        assertThat(errorOf(() -> UploadChecksum.parse("sha256 AAAA"))).isEqualTo(GatewayError.INVALID_HEADER);
        assertThat(errorOf(() -> UploadChecksum.parse("sha1"))).isEqualTo(GatewayError.INVALID_HEADER);
    }

    @Test
    void errorCodesAreUniqueAndMessagesSafe() {
        assertThat(java.util.Arrays.stream(GatewayError.values()).map(GatewayError::code).distinct().count())
                .isEqualTo(GatewayError.values().length);
        assertThat(GatewayError.CHECKSUM_MISMATCH.status()).isEqualTo(460);
        assertThat(GatewayError.INVALID_METADATA.exception("'x' is missing").clientMessage())
                .isEqualTo("Upload-Metadata is missing or malformed: 'x' is missing");
        assertThatThrownBy(() -> { throw GatewayError.INTERNAL.exception(); }).hasNoCause();
    }
}
