package io.camvault.cli.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camvault.cli.UserError;
import io.camvault.gateway.tls.PemFiles;
import io.camvault.gateway.tls.TlsConfig;
import io.camvault.gateway.tls.TlsContexts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client side of HTTPS against a JDK TLS server on loopback: trust from --ca, and the sentence
 * each failure a person can fix gets (unknown CA, expired, host name), in English and Chinese. Also
 * the PEM forms the gateway and the CLI read.
 */
class ClientTlsTest {
    @TempDir
    static Path dir;
    static TestPki ca;
    static Path caFile;
    private SSLServerSocket server;
    private Thread acceptor;

    @BeforeAll
    static void pki() {
        ca = TestPki.ca("camvault test CA");
        caFile = ca.writeCa(dir.resolve("ca.crt"));
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
            acceptor.join(5000);
        }
    }

    @Test
    void theDaemonsCaGivenWithCaIsTrusted() throws Exception {
        int port = serve(ca.server("daemon"));
        HttpResponse<String> r = get(URI.create("https://127.0.0.1:" + port + "/healthz"), ClientTls.of(caFile, null, null));
        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void aCaTheMachineDoesNotTrustIsNamedAsSuch() throws Exception {
        int port = serve(ca.server("daemon"));
        Throwable e = failure(URI.create("https://127.0.0.1:" + port + "/"), ClientTls.system());
        assertThat(TlsProblem.classify(e)).contains(TlsProblem.Kind.UNKNOWN_CA);
        assertThat(TlsProblem.explain(e, URI.create("https://127.0.0.1:" + port), ClientTls.system()).orElseThrow())
                .as("names the fix").contains("--ca");
    }

    @Test
    void anExpiredCertificateIsNamedAsSuch() throws Exception {
        int port = serve(ca.expiredServer("old daemon"));
        Throwable e = failure(URI.create("https://127.0.0.1:" + port + "/"), ClientTls.of(caFile, null, null));
        assertThat(TlsProblem.classify(e)).contains(TlsProblem.Kind.EXPIRED);
    }

    @Test
    void aCertificateForAnotherHostNameIsNamedAsSuch() throws Exception {
        int port = serve(ca.server("daemon")); // issued for 127.0.0.1 only
        Throwable e = failure(URI.create("https://localhost:" + port + "/"), ClientTls.of(caFile, null, null));
        assertThat(TlsProblem.classify(e)).contains(TlsProblem.Kind.HOSTNAME_MISMATCH);
    }

    @Test
    void plainHttpFailuresAreNoTlsProblem() {
        assertThat(TlsProblem.classify(new java.net.ConnectException("Connection refused"))).isEmpty();
    }

    @Test
    void sentencesComeInChineseAndEnglish() {
        String zh = TlsMessages.text(Locale.SIMPLIFIED_CHINESE, "tls.unknown_ca", "127.0.0.1:8443", "ca.crt", "");
        String en = TlsMessages.text(Locale.ROOT, "tls.unknown_ca", "127.0.0.1:8443", "ca.crt", "");
        assertThat(zh).contains("127.0.0.1:8443").contains("--ca").contains("不信任");
        assertThat(en).contains("127.0.0.1:8443").contains("--ca").contains("does not trust");
        for (TlsProblem.Kind k : TlsProblem.Kind.values()) {
            assertThat(TlsMessages.text(Locale.SIMPLIFIED_CHINESE, k.key, "h", "c", "d")).doesNotContain(k.key);
            assertThat(TlsMessages.text(Locale.ROOT, k.key, "h", "c", "d")).doesNotContain(k.key);
        }
    }

    @Test
    void bothLanguagesHaveEveryKey() {
        java.util.ResourceBundle.Control exact = java.util.ResourceBundle.Control.getNoFallbackControl(
                java.util.ResourceBundle.Control.FORMAT_PROPERTIES);
        var en = java.util.ResourceBundle.getBundle("io.camvault.cli.tls.messages", Locale.ROOT, exact);
        var zh = java.util.ResourceBundle.getBundle("io.camvault.cli.tls.messages", Locale.SIMPLIFIED_CHINESE, exact);
        assertThat(zh.getLocale().getLanguage()).isEqualTo("zh");
        assertThat(zh.keySet()).containsExactlyInAnyOrderElementsOf(en.keySet());
    }

    @Test
    void aClientCertificateNeedsItsKey() {
        TestPki.Files2 c = ca.client("dock-1").write(dir, "dock-1");
        assertThatThrownBy(() -> ClientTls.of(caFile, c.cert(), null)).isInstanceOf(UserError.class);
        assertThat(ClientTls.of(caFile, c.cert(), c.key()).presentsCertificate()).isTrue();
    }

    @Test
    void keysInPkcs8Pkcs1AndSec1FormAreRead() {
        TestPki.Issued rsa = ca.server("rsa");
        TestPki.Files2 f = rsa.write(dir, "rsa");
        Path pkcs1 = rsa.writeTraditionalKey(dir.resolve("rsa-pkcs1.key"));
        assertThat(text(pkcs1)).contains("BEGIN RSA PRIVATE KEY");
        assertThat(PemFiles.privateKey(pkcs1)).isEqualTo(PemFiles.privateKey(f.key()));
        TestPki.Issued ec = ca.client("ec");
        Path sec1 = ec.writeTraditionalKey(dir.resolve("ec-sec1.key"));
        assertThat(text(sec1)).contains("BEGIN EC PRIVATE KEY");
        assertThat(PemFiles.privateKey(sec1).getAlgorithm()).isEqualTo("EC");
        assertThat(TlsContexts.server(new TlsConfig(f.cert(), pkcs1, null))).isNotNull();
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefusedNamingBothFiles() {
        TestPki.Files2 a = ca.server("a").write(dir, "a");
        TestPki.Files2 b = ca.server("b").write(dir, "b");
        assertThatThrownBy(() -> TlsContexts.server(new TlsConfig(a.cert(), b.key(), null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(b.key().toString()).hasMessageContaining(a.cert().toString());
    }

    @Test
    void aFileWithoutCertificatesIsRefusedNamingIt() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.crt"), "nothing here\n");
        assertThatThrownBy(() -> PemFiles.certificates(empty)).hasMessageContaining(empty.toString());
    }

    private static String text(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> get(URI uri, ClientTls tls) throws Exception {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (tls.context() != null) {
            b.sslContext(tls.context());
        }
        return b.build().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Throwable failure(URI uri, ClientTls tls) {
        try {
            get(uri, tls);
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError("the connection to " + uri + " should have failed");
    }

    /** A TLS server presenting {@code id} that answers every request with 200 and an empty JSON object. */
    private int serve(TestPki.Issued id) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", id.key(), new char[0], id.chain().toArray(new X509Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 10, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.setSoTimeout(5000);
                    s.startHandshake();
                    InputStream in = s.getInputStream();
                    byte[] buf = new byte[4096];
                    in.read(buf);
                    OutputStream out = s.getOutputStream();
                    out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException e) {
                    // a refused handshake (what most tests want) or the server closing
                }
            }
        }, "tls-test-server");
        acceptor.setDaemon(true);
        acceptor.start();
        return server.getLocalPort();
    }
}
