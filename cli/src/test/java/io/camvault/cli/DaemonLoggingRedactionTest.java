package io.camvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

/** The daemon's log pattern masks token text, in messages and in exception text. */
class DaemonLoggingRedactionTest {

    @Test
    void tokenTextNeverReachesALogLine() {
        LoggerContext context = new LoggerContext();
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.setPattern(DaemonLogging.PATTERN);
        layout.start();
        String token = "cv_" + "A".repeat(20) + "secretsecret" + "b".repeat(11);
        LoggingEvent e = new LoggingEvent("x", context.getLogger("t"), Level.WARN,
                "request.failed target=/x?access_token=abc%2Fsecretsecret&t=1 auth=Bearer secretsecret2 t=" + token,
                new IllegalArgumentException("bad '" + token + "'"), null);
        String line = layout.doLayout(e);
        assertThat(line).doesNotContain("secretsecret").contains("access_token=[redacted]").contains("cv_[redacted]")
                .contains("Bearer [redacted]").contains("IllegalArgumentException").contains("request.failed");
    }
}
