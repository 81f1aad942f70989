package io.camvault.cli.dock;

import io.tus.java.client.ProtocolException;
import io.tus.java.client.TusClient;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import java.io.IOException;
import java.net.HttpURLConnection;

/**
 * tus-java-client with what the dock needs: a read timeout on every request, its TLS settings, and access to
 * the answers' headers (the final {@code 204}'s {@code Camvault-Segment}, the creation's {@code Date}),
 * which the library reads but does not expose. One instance per upload attempt.
 */
final class CapturingTusClient extends TusClient {
    private final int readTimeoutMillis;
    private final javax.net.ssl.SSLContext tls;
    private HttpURLConnection last;
    private boolean created;
    private String createdDate;

    /** @param tls the context for {@code https://}, or {@code null} for the JDK's default */
    CapturingTusClient(int readTimeoutMillis, javax.net.ssl.SSLContext tls) {
        this.readTimeoutMillis = readTimeoutMillis;
        this.tls = tls;
    }

    @Override
    public void prepareConnection(HttpURLConnection connection) {
        super.prepareConnection(connection);
        connection.setReadTimeout(readTimeoutMillis);
        if (tls != null && connection instanceof javax.net.ssl.HttpsURLConnection https) {
            https.setSSLSocketFactory(tls.getSocketFactory()); // host names stay verified
        }
        last = connection;
    }

    @Override
    public TusUploader createUpload(TusUpload upload) throws ProtocolException, IOException {
        TusUploader u = super.createUpload(upload);
        created = true;
        createdDate = header("Date");
        return u;
    }

    /** A header of the last answer read (headers stay readable after the library disconnects). */
    String header(String name) {
        return last == null ? null : last.getHeaderField(name);
    }

    /** Whether this attempt created a new upload (rather than resuming one). */
    boolean created() {
        return created;
    }

    /** The daemon's {@code Date} on the creation answer, or {@code null}. */
    String createdDate() {
        return createdDate;
    }
}
