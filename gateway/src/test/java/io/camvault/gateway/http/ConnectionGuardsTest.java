package io.camvault.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.camvault.gateway.GatewayConfig;
import io.camvault.gateway.GatewayServer;
import io.camvault.gateway.backend.InMemoryBackend;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connection-level guards: a deadline for request heads, and a cap on open connections. */
class ConnectionGuardsTest {
    @TempDir
    Path dir;
    GatewayServer server;
    final List<Socket> sockets = new ArrayList<>();

    @BeforeEach
    void start() {
        server = GatewayServer.start(GatewayConfig.builder().port(0).host("127.0.0.1")
                .headerTimeout(Duration.ofMillis(800)).maxConnections(3).build(),
                new InMemoryBackend(dir, Clock.systemUTC()), () -> 100L << 30);
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        server.close();
    }

    Socket connect() throws IOException {
        Socket s = new Socket("127.0.0.1", server.port());
        s.setSoTimeout(5000);
        sockets.add(s);
        return s;
    }

    /** Reads until the server closes the connection; the text read ("" for none). */
    static String readAll(Socket s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = s.getInputStream();
        try {
            in.transferTo(out);
        } catch (java.net.SocketException e) {
            // reset after the answer
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    static String get(Socket s, String path) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return readAll(s);
    }

    /** Issue 16: headers trickling in one byte at a time kept a connection open for ever. */
    @Test
    void tricklingHeadersKeepAConnectionOpenForever() throws Exception {
        Socket s = connect();
        OutputStream out = s.getOutputStream();
        byte[] head = "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaa".getBytes(StandardCharsets.US_ASCII);
        long started = System.nanoTime();
        String answer = null;
        try {
            for (byte b : head) {
                out.write(b);
                out.flush();
                Thread.sleep(100); // every byte well inside any idle timeout
            }
        } catch (IOException closed) {
            // the server gave up on us mid-trickle: what it said is in the stream
        }
        answer = readAll(s);
        assertThat(answer).startsWith("HTTP/1.1 408 ").contains("header_timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        // a kept-alive connection that sends its heads in time is unaffected, request after request
        Socket ok = connect();
        OutputStream o = ok.getOutputStream();
        for (int i = 0; i < 3; i++) {
            o.write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            o.flush();
            Thread.sleep(1000); // between requests longer than the head deadline: no head is under way
        }
        o.write("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        o.flush();
        String all = readAll(ok);
        assertThat(all.split("HTTP/1.1 200 ", -1)).hasSize(5);
    }

    /** Issue 16: there was no connection cap; one more than the cap is refused with 503 and closed. */
    @Test
    void noConnectionCap() throws Exception {
        for (int i = 0; i < 3; i++) {
            connect();
        }
        Thread.sleep(200);
        Socket fourth = connect();
        String answer;
        try {
            answer = readAll(fourth);
        } catch (SocketTimeoutException e) {
            answer = "(no answer)";
        }
        assertThat(answer).startsWith("HTTP/1.1 503 ").contains("Retry-After: ").contains("too_many_connections");
        sockets.remove(0).close();
        Thread.sleep(200);
        assertThat(get(connect(), "/healthz")).startsWith("HTTP/1.1 200 ");
    }
}
