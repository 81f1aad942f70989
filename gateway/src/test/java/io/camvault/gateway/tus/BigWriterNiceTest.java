package io.camvault.gateway.tus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.camvault.gateway.GatewayConfig;
import io.camvault.gateway.GatewayServer;
import io.camvault.gateway.backend.InMemoryBackend;
import io.camvault.gateway.protocol.UploadMetadata;
import io.camvault.vault.model.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Big uploads' writer threads run at {@code bigWriterNice}; small uploads' writers keep the daemon's priority. */
class BigWriterNiceTest {
    @TempDir
    Path dir;

    /** Nice value of each of this JVM's threads whose name starts with {@code prefix} (Linux keeps 15 characters of a name). */
    private static Map<String, Integer> niceOfThreads(String prefix) throws IOException {
        Map<String, Integer> out = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(t -> {
                try {
                    String name = Files.readString(t.resolve("comm")).strip();
                    if (name.startsWith(prefix)) {
                        String stat = Files.readString(t.resolve("stat"));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        out.put(name, Integer.parseInt(f[19 - 3]));
                    }
                } catch (java.nio.file.NoSuchFileException e) {
                    // the thread ended between listing and reading: not one of ours to check
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return out;
    }

    private static int upload(HttpClient http, int port, int length) throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/files/"))
                .header("Tus-Resumable", "1.0.0").header("Authorization", "Bearer dock-token")
                .header("Upload-Length", Integer.toString(length))
                .header("Upload-Metadata", UploadMetadata.render(TusServerTest.metadata(null)))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        byte[] body = new byte[length];
        new java.util.Random(length).nextBytes(body);
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + created.headers().firstValue("Location").orElseThrow()))
                .header("Tus-Resumable", "1.0.0").header("Authorization", "Bearer dock-token")
                .header("Upload-Offset", "0").header("Content-Type", "application/offset+octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void bigUploadsAreWrittenByNicerThreads() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux /proc");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/renice")) || Files.isExecutable(Path.of("/bin/renice")),
                "renice installed");
        String self = Files.readString(Path.of("/proc/thread-self/stat"));
        int base = Integer.parseInt(self.substring(self.lastIndexOf(')') + 2).split(" ")[19 - 3]);
        assumeTrue(base < 9, "the test JVM runs below nice 9");

        InMemoryBackend backend = new InMemoryBackend(dir, Clock.systemUTC());
        backend.addToken("dock-token", "dock-7", Role.DOCK, null);
        try (GatewayServer server = GatewayServer.start(GatewayConfig.builder().port(0).host("127.0.0.1")
                .smallUploadBytes(1024).bigWriterNice(9).build(), backend, () -> 100L << 30)) {
            HttpClient http = HttpClient.newHttpClient();
            assertThat(upload(http, server.port(), 100)).isEqualTo(204);
            assertThat(upload(http, server.port(), 100_000)).isEqualTo(204);

            assertThat(niceOfThreads("camvault-writer")).as("big uploads' writers").isNotEmpty()
                    .allSatisfy((name, nice) -> assertThat(nice).as(name).isEqualTo(9));
            assertThat(niceOfThreads("camvault-small-")).as("small uploads' writers").isNotEmpty()
                    .allSatisfy((name, nice) -> assertThat(nice).as(name).isEqualTo(base));
        }
    }
}
