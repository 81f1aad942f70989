package io.camvault.gateway.tus;

import static org.assertj.core.api.Assertions.assertThat;

import io.camvault.gateway.protocol.UploadMetadata;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.function.IntSupplier;

/** Plain tus requests (java.net.http, no tus library) from one token to a test gateway. */
final class TusHttp {
    private final HttpClient http = HttpClient.newHttpClient();
    private final IntSupplier port;
    private final String token;

    /** {@code port} is asked on every request, so a test may restart its gateway. */
    TusHttp(IntSupplier port, String token) {
        this.port = port;
        this.token = token;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port.getAsInt() + path);
    }

    /** A request carrying {@code Tus-Resumable} and the token. */
    HttpRequest.Builder req(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Tus-Resumable", "1.0.0")
                .header("Authorization", "Bearer " + token);
    }

    HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Creates an upload of {@code length} with valid metadata; returns its location. */
    String create(long length) throws IOException, InterruptedException {
        HttpResponse<String> r = send(req("/files/").header("Upload-Length", Long.toString(length))
                .header("Upload-Metadata", UploadMetadata.render(TusServerTest.metadata(null)))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(r.statusCode()).as("creation: %s", r.body()).isEqualTo(201);
        return r.headers().firstValue("Location").orElseThrow();
    }

    HttpResponse<String> patch(String location, long offset, byte[] body) throws IOException, InterruptedException {
        return patch(location, offset, HttpRequest.BodyPublishers.ofByteArray(body));
    }

    /** The whole of {@code file} from offset 0. */
    HttpResponse<String> patch(String location, Path file) throws IOException, InterruptedException {
        return patch(location, 0, HttpRequest.BodyPublishers.ofFile(file));
    }

    private HttpResponse<String> patch(String location, long offset, HttpRequest.BodyPublisher body)
            throws IOException, InterruptedException {
        return send(req(location).header("Upload-Offset", Long.toString(offset))
                .header("Content-Type", "application/offset+octet-stream").method("PATCH", body));
    }

    HttpResponse<String> head(String location) throws IOException, InterruptedException {
        return send(req(location).method("HEAD", HttpRequest.BodyPublishers.noBody()));
    }
}
