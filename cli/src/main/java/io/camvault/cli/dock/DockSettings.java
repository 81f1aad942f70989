package io.camvault.cli.dock;

import io.camvault.cli.tls.ClientTls;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;

/**
 * The agent's settings, validated once.
 *
 * @param server        the daemon's base URL ({@code http://host:8080}); tus lives at {@code /files/}
 * @param token         a {@code dock} bearer token
 * @param station       this dock's id, sent as {@code station} (optional)
 * @param parallel      recorders docked at the same time (default 4)
 * @param wipe          delete confirmed files from the recorder
 * @param stateRoot     resume state, one directory per recorder serial (default {@code ~/.camvault/dock})
 * @param receiptsDir   where receipts go (default {@code ./receipts})
 * @param zone          zone of the recorders' clocks, for times in file names (default: the system zone)
 * @param retries       attempts after the first for one file before it is reported failed (default 5)
 * @param retryDelay    first backoff delay; doubles per attempt up to {@code maxRetryDelay} (default 1 s)
 * @param maxRetryDelay longest backoff delay (default 60 s)
 * @param requestSize   bytes sent per PATCH request; each ends with an fsync on the daemon (default 32 MiB)
 * @param chunkSize     bytes read and sent at a time; progress and stop requests act at this grain (default 1 MiB)
 * @param readTimeout   longest wait for an answer from the daemon (default 2 minutes)
 * @param tls           trust anchors and client certificate for an {@code https://} server (default: system trust store)
 */
public record DockSettings(URI server, String token, String station, int parallel, boolean wipe, Path stateRoot,
        Path receiptsDir, ZoneId zone, int retries, Duration retryDelay, Duration maxRetryDelay, int requestSize,
        int chunkSize, Duration readTimeout, ClientTls tls) {

    public DockSettings {
        Objects.requireNonNull(server, "server");
        String scheme = server.getScheme() == null ? "" : server.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || server.getHost() == null) {
            throw new IllegalArgumentException("the server URL must look like http://host:8080 (got '" + server + "')");
        }
        if (server.getQuery() != null || server.getFragment() != null) {
            throw new IllegalArgumentException("the server URL must not carry a query or fragment (got '" + server + "')");
        }
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("a dock token is required: --token or CAMVAULT_TOKEN");
        }
        if (station != null && !station.matches("[A-Za-z0-9_-]{1,16}")) {
            throw new IllegalArgumentException("--station must be 1 to 16 letters, digits, '-' or '_'");
        }
        if (parallel < 1 || parallel > 64) {
            throw new IllegalArgumentException("--parallel must be between 1 and 64, got " + parallel);
        }
        if (retries < 0) {
            throw new IllegalArgumentException("--retries must not be negative");
        }
        if (retryDelay.isNegative() || maxRetryDelay.compareTo(retryDelay) < 0) {
            throw new IllegalArgumentException("--retry-delay must be between 0 and the maximum delay");
        }
        if (chunkSize < 4096 || requestSize < chunkSize) {
            throw new IllegalArgumentException("--request-size must be at least the chunk size (" + chunkSize + " bytes)");
        }
        Objects.requireNonNull(stateRoot, "stateRoot");
        Objects.requireNonNull(receiptsDir, "receiptsDir");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(tls, "tls");
    }

    public static final int DEFAULT_PARALLEL = 4;
    public static final int DEFAULT_RETRIES = 5;
    public static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX_RETRY_DELAY = Duration.ofSeconds(60);
    public static final int DEFAULT_REQUEST_SIZE = 32 << 20;
    public static final int DEFAULT_CHUNK_SIZE = 1 << 20;
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMinutes(2);

    /** Defaults for everything but the server and the token. */
    public static DockSettings of(URI server, String token) {
        return new DockSettings(server, token, null, DEFAULT_PARALLEL, false,
                Path.of(System.getProperty("user.home"), ".camvault", "dock"), Path.of("receipts"),
                ZoneId.systemDefault(), DEFAULT_RETRIES, DEFAULT_RETRY_DELAY, DEFAULT_MAX_RETRY_DELAY,
                DEFAULT_REQUEST_SIZE, DEFAULT_CHUNK_SIZE, DEFAULT_READ_TIMEOUT, ClientTls.system());
    }

    /** The tus creation URL. */
    public URI filesUrl() {
        return base().resolve("files/");
    }

    /**
     * Where to confirm segment {@code id}. With the upload's URL, the upload id goes along: the
     * daemon then also shows the segment to this dock when another uploader stored the bytes first.
     */
    public URI segmentUrl(String id, String uploadUrl) {
        String query = "";
        if (uploadUrl != null && uploadUrl.lastIndexOf('/') >= 0) {
            String uploadId = uploadUrl.substring(uploadUrl.lastIndexOf('/') + 1);
            if (uploadId.matches("[0-9A-Za-z]+")) {
                query = "?upload=" + uploadId;
            }
        }
        return base().resolve("api/v1/segments/" + id + query);
    }

    private URI base() {
        String s = server.toString();
        return URI.create(s.endsWith("/") ? s : s + "/");
    }

    public Path stateDir(String serial) {
        return stateRoot.resolve(serial);
    }

    public DockSettings withStation(String v) {
        return new DockSettings(server, token, v, parallel, wipe, stateRoot, receiptsDir, zone, retries, retryDelay,
                maxRetryDelay, requestSize, chunkSize, readTimeout, tls);
    }

    public DockSettings withParallel(int v) {
        return new DockSettings(server, token, station, v, wipe, stateRoot, receiptsDir, zone, retries, retryDelay,
                maxRetryDelay, requestSize, chunkSize, readTimeout, tls);
    }

    public DockSettings withWipe(boolean v) {
        return new DockSettings(server, token, station, parallel, v, stateRoot, receiptsDir, zone, retries, retryDelay,
                maxRetryDelay, requestSize, chunkSize, readTimeout, tls);
    }

    public DockSettings withDirs(Path state, Path receipts) {
        return new DockSettings(server, token, station, parallel, wipe, state, receipts, zone, retries, retryDelay,
                maxRetryDelay, requestSize, chunkSize, readTimeout, tls);
    }

    public DockSettings withZone(ZoneId v) {
        return new DockSettings(server, token, station, parallel, wipe, stateRoot, receiptsDir, v, retries, retryDelay,
                maxRetryDelay, requestSize, chunkSize, readTimeout, tls);
    }

    public DockSettings withRetries(int n, Duration delay, Duration max) {
        return new DockSettings(server, token, station, parallel, wipe, stateRoot, receiptsDir, zone, n, delay, max,
                requestSize, chunkSize, readTimeout, tls);
    }

    public DockSettings withSizes(int request, int chunk) {
        return new DockSettings(server, token, station, parallel, wipe, stateRoot, receiptsDir, zone, retries,
                retryDelay, maxRetryDelay, request, chunk, readTimeout, tls);
    }

    public DockSettings withTls(ClientTls v) {
        return new DockSettings(server, token, station, parallel, wipe, stateRoot, receiptsDir, zone, retries,
                retryDelay, maxRetryDelay, requestSize, chunkSize, readTimeout, v);
    }
}
