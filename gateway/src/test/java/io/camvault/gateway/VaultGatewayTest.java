package io.camvault.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.camvault.gateway.tus.TusServerTest;
import io.camvault.vault.Vault;
import io.camvault.vault.VaultConfig;
import io.camvault.vault.auth.IssuedToken;
import io.camvault.vault.model.Role;
import io.camvault.vault.model.Segment;
import io.camvault.vault.model.Sha256;
import io.tus.java.client.TusClient;
import io.tus.java.client.TusURLMemoryStore;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway over a real vault (RocksDB index, file object store, audit chain) in a temp dir. */
class VaultGatewayTest {
    @TempDir
    Path dir;
    Vault vault;
    GatewayServer server;
    String token;
    final TusURLMemoryStore urls = new TusURLMemoryStore();

    @BeforeEach
    void open() {
        vault = Vault.open(VaultConfig.defaults(dir.resolve("data")), Clock.systemUTC());
        IssuedToken[] issued = new IssuedToken[1];
        vault.commit(b -> issued[0] = vault.principals().create(b, "dock-7", Set.of(Role.DOCK), null,
                vault.clock().instant()), List.of());
        token = issued[0].token();
        startServer();
    }

    void startServer() {
        startServer(0);
    }

    void startServer(int port) {
        server = GatewayServer.start(GatewayConfig.builder().port(port).host("127.0.0.1").diskReserve(0).build(), vault);
    }

    @AfterEach
    void close() {
        server.close();
        vault.close();
    }

    TusUploader uploader(Path src, String sha) throws Exception {
        TusClient c = new TusClient();
        c.setUploadCreationURL(new URL("http://127.0.0.1:" + server.port() + "/files/"));
        c.setHeaders(Map.of("Authorization", "Bearer " + token));
        c.enableResuming(urls);
        TusUpload u = new TusUpload(src.toFile());
        u.setMetadata(TusServerTest.metadata(sha));
        u.setFingerprint(src.toString());
        return c.resumeOrCreateUpload(u);
    }

    Path file(int size) throws Exception {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        Path p = dir.resolve("src-" + size);
        Files.write(p, b);
        return p;
    }

    static String sha256(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }

    @Test
    void uploadIsCommittedToTheVaultWithAuditTrail() throws Exception {
        Path src = file(5 * 1024 * 1024 + 3);
        String sha = sha256(src);
        TusUploader up = uploader(src, sha);
        up.setChunkSize(512 * 1024);
        while (up.uploadChunk() > -1) {
            // keep going
        }
        up.finish();
        Segment s = vault.segments().findByHash(Sha256.ofHex(sha)).orElseThrow();
        assertThat(s.size()).isEqualTo(Files.size(src));
        Path stored = vault.objects().localFiles().orElseThrow().localFile(s.sha256()).orElseThrow();
        assertThat(sha256(stored)).isEqualTo(sha);
        assertThat(vault.audit().verify().brokenAtSeq()).isNull();
        assertThat(Files.list(vault.config().uploadsDir()).filter(p -> p.toString().endsWith(".part"))).isEmpty();
    }

    @Test
    void restartResumesFromThePartialFileAndRecomputesTheDigest() throws Exception {
        Path src = file(3 * 1024 * 1024);
        String sha = sha256(src);
        TusUploader first = uploader(src, sha);
        first.setChunkSize(1024 * 1024);
        first.setRequestPayloadSize(1024 * 1024);
        first.uploadChunk();
        first.finish(false);
        int port = server.port();
        server.close();
        vault.close();
        vault = Vault.open(VaultConfig.defaults(dir.resolve("data")), Clock.systemUTC());
        startServer(port);
        TusUploader second = uploader(src, sha);
        assertThat(second.getOffset()).isEqualTo(1024 * 1024);
        while (second.uploadChunk() > -1) {
            // keep going
        }
        second.finish();
        assertThat(vault.segments().findByHash(Sha256.ofHex(sha))).isPresent();
    }

    @Test
    void readinessTurnsFalseOnceTheVaultCloses() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.URI readyz = java.net.URI.create("http://127.0.0.1:" + server.port() + "/readyz");
        assertThat(http.send(java.net.http.HttpRequest.newBuilder(readyz).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        vault.close();
        assertThat(http.send(java.net.http.HttpRequest.newBuilder(readyz).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode())
                .as("a closed vault takes no new work, and readiness must say so").isEqualTo(503);
    }
}
