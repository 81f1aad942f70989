package io.camvault.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.camvault.gateway.GatewayConfig;
import io.camvault.gateway.GatewayServer;
import io.camvault.gateway.backend.InMemoryBackend;
import io.camvault.vault.audit.AuditEntry;
import io.camvault.vault.model.Role;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Query strings that do not decode: answered 400, and the token they carry is nowhere. */
class HostileQueryTest {
    static final String TOKEN = "cv_" + "Q".repeat(20) + "secretsecret" + "Z".repeat(11);
    @TempDir
    Path dir;
    InMemoryBackend backend;
    GatewayServer server;
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void start() {
        backend = new InMemoryBackend(dir, Clock.systemUTC());
        backend.addToken(TOKEN, "sup-1", Role.SUPERVISOR, null);
        server = GatewayServer.start(GatewayConfig.builder().port(0).host("127.0.0.1").build(), backend,
                () -> 100L << 30);
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void stop() {
        root.detachAppender(logs);
        server.close();
    }

    /** Sends one raw request; answers the whole reply ("" when the connection closed without one). */
    String raw(String target) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            try {
                in.transferTo(reply);
            } catch (java.net.SocketException e) {
                // reset: whatever arrived is the reply
            }
            return reply.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /** Issue 16: `?access_token=…&t=12%-18` dropped the connection without an answer and logged the token. */
    @Test
    void malformedQueryStringDropsTheConnectionAndLogsTheToken() throws Exception {
        String[] targets = {
            "/api/v1/segments/0123456789abcdef0123456789abcdef/stream?access_token=" + TOKEN + "&t=12%-18",
            "/api/v1/segments/0123456789abcdef0123456789abcdef/original?t=12%-18&access_token=" + TOKEN,
            "/api/v1/segments?officer=%zz&access_token=" + TOKEN,
            "/api/v1/audit?access_token=" + TOKEN + "&from=%",
            "/files/?access_token=" + TOKEN + "&x=%E4%B8",
            "/review/?access_token=" + TOKEN + "&%%",
        };
        for (String target : targets) {
            String reply = raw(target);
            assertThat(reply).as(target).startsWith("HTTP/1.1 400 ");
            assertThat(reply).as(target).doesNotContain("secretsecret");
        }
        Thread.sleep(200); // audit and log lines of refused requests are written off the event loop
        for (ILoggingEvent e : logs.list) {
            String line = e.getFormattedMessage() + (e.getThrowableProxy() == null ? ""
                    : " " + e.getThrowableProxy().getMessage());
            assertThat(line).doesNotContain("secretsecret");
        }
        for (AuditEntry a : backend.audit) {
            assertThat(a.toString()).doesNotContain("secretsecret");
        }
    }
}
