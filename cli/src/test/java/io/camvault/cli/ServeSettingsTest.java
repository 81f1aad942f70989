package io.camvault.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camvault.gateway.GatewayConfig;
import io.camvault.vault.StoreConfig;
import io.camvault.vault.media.MediaWorker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeSettingsTest {
    @TempDir
    Path dir;

    @Test
    void runsOnDefaultsWithNothingGiven() {
        ServeSettings s = ServeSettings.load(dir, null, Map.of());
        assertThat(s.gateway()).isEqualTo(GatewayConfig.defaults());
        assertThat(s.vault().routineRetention()).isEqualTo(Duration.ofDays(180));
    }

    @Test
    void flagsOverrideTheFile() throws Exception {
        Path file = dir.resolve("camvault.properties");
        Files.writeString(file, "gateway.port=9000\ngateway.disk-reserve=2GiB\n");
        ServeSettings s = ServeSettings.load(dir, file, Map.of("gateway.port", "9100"));
        assertThat(s.gateway().port()).isEqualTo(9100);
        assertThat(s.gateway().diskReserve()).isEqualTo(2L << 30);
    }

    @Test
    void httpsNeedsACertificateAndItsKeyAndAClientCaOnlyWithThem() {
        assertThatThrownBy(() -> ServeSettings.load(dir, null, Map.of("gateway.tls.cert", "/etc/camvault/server.crt")))
                .isInstanceOf(UserError.class).hasMessageContaining("gateway.tls.key");
        assertThatThrownBy(() -> ServeSettings.load(dir, null, Map.of("gateway.tls.client-ca", "/etc/camvault/ca.crt")))
                .isInstanceOf(UserError.class).hasMessageContaining("gateway.tls.cert");
        ServeSettings s = ServeSettings.load(dir, null, Map.of("gateway.tls.cert", "/c.crt", "gateway.tls.key", "/k.key",
                "gateway.tls.reload-interval", "30s", "gateway.trusted-proxies", "10.0.0.0/8, 127.0.0.1"));
        assertThat(s.gateway().tls().cert()).isEqualTo(Path.of("/c.crt"));
        assertThat(s.gateway().tls().reloadInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.gateway().trustedProxies().networks()).hasSize(2);
        assertThatThrownBy(() -> ServeSettings.load(dir, null, Map.of("gateway.trusted-proxies", "proxy.example")))
                .isInstanceOf(UserError.class).hasMessageContaining("gateway.trusted-proxies");
    }

    @Test
    void unknownKeysAndBadValuesNameTheKey() {
        assertThatThrownBy(() -> ServeSettings.load(dir, null, Map.of("gateway.prot", "1")))
                .isInstanceOf(UserError.class).hasMessageContaining("gateway.prot");
        assertThatThrownBy(() -> ServeSettings.load(dir, null, Map.of("gateway.upload-expiry", "soon")))
                .isInstanceOf(UserError.class).hasMessageContaining("gateway.upload-expiry");
        assertThatThrownBy(() -> ServeSettings.load(dir, null, Map.of("retention.routine", "30d")))
                .isInstanceOf(UserError.class).hasMessageContaining("180 days");
    }

    @Test
    void mediaSettingsTakeSharesRatesAndDurations() {
        ServeSettings defaults = ServeSettings.load(dir, null, Map.of());
        assertThat(defaults.media()).isEqualTo(MediaWorker.Settings.DEFAULT);
        ServeSettings s = ServeSettings.load(dir, null, Map.of("media.threads", "2",
                "media.duty-cycle-while-busy", "10%", "media.ingest-busy-rate", "16MiB/s", "media.ingest-quiet", "500ms"));
        assertThat(s.media().threads()).isEqualTo(2);
        assertThat(s.media().ingest().dutyCycle()).isEqualTo(0.10);
        assertThat(s.media().ingest().busyBytesPerSecond()).isEqualTo(16L << 20);
        assertThat(s.media().ingest().quiet()).isEqualTo(Duration.ofMillis(500));
        assertThat(ServeSettings.load(dir, null, Map.of("media.duty-cycle-while-busy", "0.02")).media().ingest()
                .dutyCycle()).isEqualTo(0.02);
        assertThatThrownBy(() -> ServeSettings.load(dir, null, Map.of("media.duty-cycle-while-busy", "some")))
                .isInstanceOf(UserError.class).hasMessageContaining("media.duty-cycle-while-busy");
        assertThatThrownBy(() -> ServeSettings.load(dir, null, Map.of("media.duty-cycle-while-busy", "0%")))
                .isInstanceOf(UserError.class).hasMessageContaining("duty cycle");
        assertThatThrownBy(() -> ServeSettings.load(dir, null, Map.of("media.threads", "0")))
                .isInstanceOf(UserError.class).hasMessageContaining("media threads");
    }

    @Test
    void theS3StoreTakesItsSettingsAndCredentialsFromAFileOrTheEnvironment() throws Exception {
        Path creds = dir.resolve("s3.env");
        Files.writeString(creds, "# camvault's S3 user\nAWS_ACCESS_KEY_ID=AKID1\nexport AWS_SECRET_ACCESS_KEY=\"s3cr3t\"\n");
        ServeSettings s = ServeSettings.load(dir, null, Map.of("store.kind", "s3",
                "store.s3.endpoint", "http://127.0.0.1:7480", "store.s3.bucket", "evidence-hall-a",
                "store.s3.credentials", creds.toString(), "store.s3.part-size", "32MiB"), k -> null);
        StoreConfig store = s.vault().store();
        assertThat(store.kind()).isEqualTo(StoreConfig.Kind.S3);
        assertThat(store.s3().endpoint().toString()).isEqualTo("http://127.0.0.1:7480");
        assertThat(store.s3().bucket()).isEqualTo("evidence-hall-a");
        assertThat(store.s3().region()).isEqualTo("us-east-1");
        assertThat(store.s3().pathStyle()).isTrue();
        assertThat(store.s3().partSize()).isEqualTo(32L << 20);
        assertThat(store.s3().credentials().secretAccessKey()).isEqualTo("s3cr3t");
        assertThat(store.s3().toString()).doesNotContain("s3cr3t");

        ServeSettings fromEnv = ServeSettings.load(dir, null, Map.of("store.kind", "s3",
                "store.s3.endpoint", "https://rgw.example", "store.s3.bucket", "evidence"),
                Map.of("AWS_ACCESS_KEY_ID", "AKID2", "AWS_SECRET_ACCESS_KEY", "x")::get);
        assertThat(fromEnv.vault().store().s3().credentials().accessKeyId()).isEqualTo("AKID2");
        assertThat(fromEnv.vault().store().s3().attemptTimeout()).isEqualTo(java.time.Duration.ofSeconds(30));
        assertThat(fromEnv.vault().store().s3().callTimeout()).isEqualTo(java.time.Duration.ofSeconds(60));
    }

    @Test
    void theS3TimeoutsAreSettingsAndACallCannotBeShorterThanOneAttempt() {
        Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", "AKID2", "AWS_SECRET_ACCESS_KEY", "x");
        ServeSettings s = ServeSettings.load(dir, null, Map.of("store.kind", "s3",
                "store.s3.endpoint", "http://127.0.0.1:7480", "store.s3.bucket", "evidence",
                "store.s3.attempt-timeout", "5s", "store.s3.call-timeout", "12s"), env::get);
        assertThat(s.vault().store().s3().attemptTimeout()).isEqualTo(java.time.Duration.ofSeconds(5));
        assertThat(s.vault().store().s3().callTimeout()).isEqualTo(java.time.Duration.ofSeconds(12));
        assertThatThrownBy(() -> ServeSettings.load(dir, null, Map.of("store.kind", "s3",
                "store.s3.endpoint", "http://127.0.0.1:7480", "store.s3.bucket", "evidence",
                "store.s3.attempt-timeout", "30s", "store.s3.call-timeout", "10s"), env::get))
                .isInstanceOf(UserError.class).hasMessageContaining("store.s3.call-timeout")
                .hasMessageContaining("store.s3.attempt-timeout");
    }

    @Test
    void aBadS3ConfigurationNamesWhatIsMissing() {
        assertThatThrownBy(() -> ServeSettings.load(dir, null, Map.of("store.kind", "s3"), k -> null))
                .isInstanceOf(UserError.class).hasMessageContaining("store.s3.endpoint");
        assertThatThrownBy(() -> ServeSettings.load(dir, null, Map.of("store.kind", "s3",
                "store.s3.endpoint", "http://127.0.0.1:7480", "store.s3.bucket", "evidence"), k -> null))
                .isInstanceOf(UserError.class).hasMessageContaining("AWS_ACCESS_KEY_ID");
        assertThatThrownBy(() -> ServeSettings.load(dir, null, Map.of("store.kind", "ceph"), k -> null))
                .isInstanceOf(UserError.class).hasMessageContaining("file or s3");
        assertThatThrownBy(() -> ServeSettings.load(dir, null, Map.of("store.s3.bucket", "evidence"), k -> null))
                .isInstanceOf(UserError.class).hasMessageContaining("store.kind");
        assertThatThrownBy(() -> ServeSettings.load(dir, null, Map.of("store.kind", "s3",
                "store.s3.endpoint", "rgw:7480", "store.s3.bucket", "evidence"), k -> null))
                .isInstanceOf(UserError.class).hasMessageContaining("store.s3.endpoint");
    }

    @Test
    void readmeDocumentsEverySetting() throws Exception {
        Path readme = Path.of(System.getProperty("user.dir")).resolveSibling("README.md");
        String text = Files.readString(readme);
        for (String key : ServeSettings.KEYS) {
            assertThat(text).as("README configuration table lists " + key).contains("`" + key + "`");
        }
    }
}
