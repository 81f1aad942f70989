package io.camvault.cli;

import java.nio.file.Path;

/**
 * Where the daemon keeps what is not evidence: the native-library cache, and an optional rolling
 * log file beside the log lines on standard output.
 *
 * @param cacheDir     native libraries extracted once and reused ({@code cache.dir}, default {@code DATA/cache})
 * @param logFile      the rolling log file, or null for standard output only ({@code log.file})
 * @param logFileSize  size at which the file rolls over ({@code log.file-size})
 * @param logFiles     files kept, the live one included, so the logs never take more than
 *                     {@code logFiles × logFileSize} ({@code log.files})
 */
record DaemonFiles(Path cacheDir, Path logFile, long logFileSize, int logFiles) {
    static final long DEFAULT_LOG_FILE_SIZE = 100L << 20;
    static final int DEFAULT_LOG_FILES = 10;
    /** Logback's fixed window holds at most 20 rolled files. */
    static final int MAX_LOG_FILES = 21;

    DaemonFiles {
        if (logFileSize < (64L << 10)) {
            throw new IllegalArgumentException("log.file-size: at least 64KiB");
        }
        if (logFiles < 2 || logFiles > MAX_LOG_FILES) {
            throw new IllegalArgumentException("log.files: from 2 to " + MAX_LOG_FILES + " (the live file and the rolled ones)");
        }
    }

    static Path defaultCache(Path dataDir) {
        return dataDir.resolve("cache");
    }
}
