package io.camvault.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import java.io.IOException;
import java.nio.file.Files;
import org.slf4j.LoggerFactory;

/**
 * The daemon's log destinations. Commands log to standard error (their standard output is their
 * answer, read by people and scripts); {@code serve} has no answer to print, so its log lines go to
 * standard output, where journald (or {@code docker logs}) takes them, and with {@code log.file}
 * also to a size-capped rolling file: {@code FILE}, {@code FILE.1} … {@code FILE.<log.files - 1>}.
 */
final class DaemonLogging {
    /** The same line as {@code logback.xml}: time, level, logger, then {@code event.name k=v}. */
    /**
     * What looks like token text is masked in every line, exception text included: a safety net under
     * the rule that no code logs a token (tokens start {@code cv_}; a query may carry {@code access_token=}).
     */
    static final String REDACT = "{'(cv_|access_token=|[Bb]earer )[A-Za-z0-9_%.~+/=-]+', '$1[redacted]'}";
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{0} %replace(%msg)" + REDACT
            + "%n%replace(%ex)" + REDACT;

    private DaemonLogging() {
    }

    static void configure(DaemonFiles files) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another SLF4J binding (tests): leave it alone
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ConsoleAppender<ILoggingEvent> stdout = new ConsoleAppender<>();
        stdout.setTarget("System.out");
        start(context, root, stdout, "STDOUT");
        if (files.logFile() != null) {
            start(context, root, rollingFile(context, files), "FILE");
        }
        var stderr = root.getAppender("STDERR");
        if (stderr != null) {
            root.detachAppender(stderr);
            stderr.stop();
        }
    }

    private static RollingFileAppender<ILoggingEvent> rollingFile(LoggerContext context, DaemonFiles files) {
        String file = files.logFile().toAbsolutePath().toString();
        try {
            Files.createDirectories(files.logFile().toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UserError(ExitCodes.CONFIG, "log.file: cannot create the folder of " + file + ": " + e.getMessage(), e);
        }
        if (Files.exists(files.logFile()) && !Files.isWritable(files.logFile())) {
            throw new UserError(ExitCodes.CONFIG, "log.file: " + file + " is not writable");
        }
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setFile(file);
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(file + ".%i");
        rolling.setMinIndex(1);
        rolling.setMaxIndex(files.logFiles() - 1);
        rolling.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(new FileSize(files.logFileSize()));
        trigger.start();
        appender.setRollingPolicy(rolling);
        appender.setTriggeringPolicy(trigger);
        return appender;
    }

    private static void start(LoggerContext context, Logger root, OutputStreamAppender<ILoggingEvent> appender, String name) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        appender.setContext(context);
        appender.setName(name);
        appender.setEncoder(encoder);
        appender.start();
        if (!appender.isStarted()) {
            throw new UserError(ExitCodes.CONFIG, "cannot start the " + name + " log appender (see the lines above)");
        }
        root.addAppender(appender);
    }
}
