package io.camvault.cli;

import io.camvault.gateway.GatewayServer;
import io.camvault.vault.Vault;
import io.camvault.vault.audit.AuditEntry;
import io.camvault.vault.auth.IssuedToken;
import io.camvault.vault.model.Role;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The training run behind the class cache ({@code camvault-prepare-cache}): the daemon's own start
 * path on a scratch data directory, then the requests a fresh daemon meets first (tus creation with
 * and without a body, PATCH, HEAD, search, a ranged read, health and metrics), so the JVM records
 * the classes the first minute of a real start loads and links. Hidden: it is for the packaging.
 */
@Command(name = "train", hidden = true, mixinStandardHelpOptions = true,
        description = "Exercise a daemon on a scratch data directory (for the class cache); the directory is left for the caller to delete.")
final class TrainCommand implements Callable<Integer> {
    @Mixin
    DataDirOptions data;

    @Option(names = "--uploads", defaultValue = "40", description = "Uploads to make (default ${DEFAULT-VALUE}).")
    int uploads;

    @Override
    public Integer call() throws IOException, InterruptedException {
        ServeSettings settings = ServeSettings.load(data.dataDir, null,
                Map.of("gateway.host", "127.0.0.1", "gateway.port", "0"));
        io.camvault.vault.natives.NativeCache.use(settings.files().cacheDir());
        try (Vault vault = data.openOrCreate(settings.vault())) {
            IssuedToken[] issued = new IssuedToken[1];
            vault.commit(b -> issued[0] = vault.principals().create(b, "training", EnumSet.of(Role.ADMIN, Role.DOCK),
                    null, vault.clock().instant()), List.of(AuditEntry.success("local-admin", "principal.create",
                    "principal:training", Map.of("via", "training"))));
            GatewayServer gateway = GatewayServer.start(settings.gateway(), vault, null);
            try {
                exercise(URI.create("http://127.0.0.1:" + gateway.port()), issued[0].token());
            } finally {
                gateway.close();
            }
        }
        return ExitCodes.OK;
    }

    private void exercise(URI base, String token) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (int i = 0; i < uploads; i++) {
            byte[] body = ("training upload " + i + " ").repeat(4096 + i).getBytes(StandardCharsets.UTF_8);
            boolean inTwoParts = i % 2 == 1;
            HttpRequest.Builder create = tus(base.resolve("/files/"), token)
                    .header("Upload-Length", Integer.toString(body.length))
                    .header("Upload-Metadata", metadata(i));
            HttpResponse<String> created = http.send(inTwoParts ? create.POST(HttpRequest.BodyPublishers.noBody()).build()
                    : create.header("Content-Type", "application/offset+octet-stream")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            expect(created, 201);
            if (inTwoParts) {
                URI upload = base.resolve(created.headers().firstValue("Location").orElseThrow());
                int half = body.length / 2;
                patch(http, upload, token, body, 0, half);
                expect(http.send(tus(upload, token).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.discarding()), 200);
                patch(http, upload, token, body, half, body.length - half);
            }
        }
        HttpResponse<String> found = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/segments?officer=100001"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        expect(found, 200);
        int at = found.body().indexOf("\"id\":\"");
        if (at >= 0) {
            String id = found.body().substring(at + 6, found.body().indexOf('"', at + 6));
            expect(http.send(HttpRequest.newBuilder(base.resolve("/api/v1/segments/" + id + "/original"))
                    .header("Authorization", "Bearer " + token).header("Range", "bytes=0-1023").GET().build(),
                    HttpResponse.BodyHandlers.discarding()), 206);
        }
        for (String path : List.of("/healthz", "/readyz", "/metrics")) {
            expect(http.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(), HttpResponse.BodyHandlers.discarding()), 200);
        }
    }

    private static void patch(HttpClient http, URI upload, String token, byte[] body, int offset, int length)
            throws IOException, InterruptedException {
        expect(http.send(tus(upload, token).header("Upload-Offset", Integer.toString(offset))
                .header("Content-Type", "application/offset+octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(body, offset, length)).build(),
                HttpResponse.BodyHandlers.discarding()), 204);
    }

    private static HttpRequest.Builder tus(URI uri, String token) {
        return HttpRequest.newBuilder(uri).header("Tus-Resumable", "1.0.0").header("Authorization", "Bearer " + token);
    }

    private static String metadata(int i) {
        Map<String, String> m = Map.of("filename", "T000001_100001_" + (20260101000000L + i) + ".mp4",
                "recorder", "T000001", "officer", "100001", "unit", "330100000000",
                "recordedStart", "2026-01-01T00:00:00Z", "recordedEnd", "2026-01-01T00:10:00Z", "trigger", "scheduled");
        StringBuilder out = new StringBuilder();
        m.forEach((k, v) -> out.append(out.length() == 0 ? "" : ",").append(k).append(' ')
                .append(Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        return out.toString();
    }

    private static void expect(HttpResponse<?> response, int status) {
        if (response.statusCode() != status) {
            throw new UserError(ExitCodes.FAILURE, "training: " + response.request().method() + " "
                    + response.request().uri().getPath() + " answered " + response.statusCode() + ", not " + status);
        }
    }
}
