package io.camvault.vault.store.s3;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A tiny S3 endpoint on loopback that accepts Object Lock settings and, as configured, does not
 * enforce them: the kind of store public bug reports describe (COMPLIANCE retention accepted, delete
 * of the locked version allowed). Enough of the API for {@link S3ObjectStore#open}; it records the
 * requests it got.
 */
final class FakeS3 implements AutoCloseable {
    private final HttpServer server;
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    volatile boolean lockConfigured = true;
    volatile boolean deletesLockedVersions = true;
    volatile boolean shortensRetention = true;
    /** While true, every request is held unanswered (RGW whose OSD is down: it neither answers nor refuses). */
    volatile boolean hangs;
    private volatile String retainUntil = "2030-01-01T00:00:00Z";

    FakeS3() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-s3");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange x) throws IOException {
        try (x; InputStream in = x.getRequestBody()) {
            in.readAllBytes();
            String method = x.getRequestMethod();
            String path = x.getRequestURI().getPath();
            String query = x.getRequestURI().getRawQuery() == null ? "" : x.getRequestURI().getRawQuery();
            requests.add(method + " " + path + (query.isEmpty() ? "" : "?" + query));
            while (hangs) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            boolean bucketOnly = path.indexOf('/', 1) < 0;
            String retainHeader = x.getRequestHeaders().getFirst("x-amz-object-lock-retain-until-date");
            if (retainHeader != null) {
                retainUntil = retainHeader;
            }
            x.getResponseHeaders().add("x-amz-version-id", "v1");
            x.getResponseHeaders().add("ETag", "\"0123456789abcdef0123456789abcdef\"");
            if (method.equals("GET") && bucketOnly && query.startsWith("object-lock")) {
                if (!lockConfigured) {
                    send(x, 404, "<Error><Code>ObjectLockConfigurationNotFoundError</Code><Message>none</Message></Error>");
                    return;
                }
                send(x, 200, "<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled></ObjectLockConfiguration>");
            } else if (method.equals("GET") && bucketOnly && query.startsWith("versioning")) {
                send(x, 200, "<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>");
            } else if (method.equals("GET") && bucketOnly && query.contains("versions")) {
                send(x, 200, "<ListVersionsResult><IsTruncated>false</IsTruncated></ListVersionsResult>");
            } else if (method.equals("GET") && query.startsWith("retention")) {
                send(x, 200, "<Retention><Mode>COMPLIANCE</Mode><RetainUntilDate>" + retainUntil
                        + "</RetainUntilDate></Retention>");
            } else if (method.equals("DELETE") && !bucketOnly) {
                if (deletesLockedVersions) {
                    x.sendResponseHeaders(204, -1);
                } else {
                    send(x, 403, "<Error><Code>AccessDenied</Code><Message>forbidden by object lock</Message></Error>");
                }
            } else if (method.equals("PUT") && query.startsWith("retention")) {
                if (shortensRetention) {
                    send(x, 200, "");
                } else {
                    send(x, 403, "<Error><Code>AccessDenied</Code><Message>forbidden by object lock</Message></Error>");
                }
            } else if (method.equals("PUT") && bucketOnly && query.startsWith("versioning")) {
                send(x, 409, "<Error><Code>InvalidBucketState</Code><Message>locked bucket</Message></Error>");
            } else if (method.equals("HEAD") || method.equals("PUT")) {
                x.sendResponseHeaders(200, -1);
            } else {
                send(x, 400, "<Error><Code>NotImplemented</Code><Message>" + method + " " + path + "</Message></Error>");
            }
        }
    }

    private static void send(HttpExchange x, int status, String xml) throws IOException {
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/xml");
        x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            x.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
