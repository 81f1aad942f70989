package io.camvault.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.ssl.SslContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Certificate rotation as a renewal tool does it, one file at a time; the pair in use is never a broken one. */
class ReloadingTlsTest {
    @TempDir
    Path dir;

    @Test
    void aKeyReplacedBeforeItsCertificateKeepsThePreviousPairUntilBothMatch() throws Exception {
        TestCertificates first = TestCertificates.create(dir, "first");
        TestCertificates second = TestCertificates.create(dir, "second");
        Path cert = Files.copy(first.cert(), dir.resolve("server.crt"));
        Path key = Files.copy(first.key(), dir.resolve("server.key"));
        ReloadingTls tls = new ReloadingTls(new TlsConfig(cert, key, null, Duration.ofSeconds(1)));
        SslContext original = tls.current();
        assertThat(tls.reloadIfChanged()).as("nothing changed").isFalse();

        Files.copy(second.key(), key, StandardCopyOption.REPLACE_EXISTING);
        assertThat(tls.reloadIfChanged()).as("key of the second, certificate of the first").isFalse();
        assertThat(tls.current()).isSameAs(original);

        Files.delete(cert);
        assertThat(tls.reloadIfChanged()).as("certificate missing for a moment").isFalse();
        assertThat(tls.current()).isSameAs(original);

        Files.copy(second.cert(), cert);
        assertThat(tls.reloadIfChanged()).isTrue();
        assertThat(tls.current()).isNotSameAs(original);
        assertThat(tls.reloadIfChanged()).isFalse();
    }

    @Test
    void startUpRefusesAPairThatDoesNotMatchNamingTheFiles() throws Exception {
        TestCertificates a = TestCertificates.create(dir, "a");
        TestCertificates b = TestCertificates.create(dir, "b");
        assertThatThrownBy(() -> new ReloadingTls(new TlsConfig(a.cert(), b.key(), null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(b.key().toString());
        assertThatThrownBy(() -> new ReloadingTls(new TlsConfig(dir.resolve("none.crt"), a.key(), null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("none.crt");
    }
}
