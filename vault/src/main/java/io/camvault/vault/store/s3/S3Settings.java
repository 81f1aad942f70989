package io.camvault.vault.store.s3;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The settings of the s3 store, validated when built (README, "Object store in a Ceph cluster").
 *
 * @param endpoint   {@code store.s3.endpoint}: the S3 API's base URL, e.g. {@code http://rgw.local:7480}
 * @param region     {@code store.s3.region} (default {@code us-east-1}; RGW ignores it, signing needs one)
 * @param bucket     {@code store.s3.bucket}: created with Object Lock when absent; an existing one must have it
 * @param pathStyle  {@code store.s3.path-style} (default true): {@code endpoint/bucket/key} rather than
 *                   {@code bucket.endpoint/key}, which needs wildcard DNS
 * @param credentials from {@code store.s3.credentials} (a file with {@code AWS_ACCESS_KEY_ID=} and
 *                   {@code AWS_SECRET_ACCESS_KEY=} lines) or the standard AWS environment variables
 * @param partSize   {@code store.s3.part-size} (default 16 MiB, at least 5 MiB): objects up to this size
 *                   are one PUT, larger ones a multipart upload of parts this big, each with its Content-MD5
 * @param attemptTimeout {@code store.s3.attempt-timeout} (default 30 s): one HTTP attempt of a request (a PUT,
 *                   a part, a HEAD) that takes longer is abandoned. RGW whose OSD is down does not refuse, it
 *                   hangs: this is what turns the hang into an answer. Also the socket read timeout.
 * @param callTimeout {@code store.s3.call-timeout} (default 60 s, at least the attempt timeout): one request
 *                   with all its retries. A commit that cannot reach the store answers "unavailable" (503 with
 *                   Retry-After at the gateway, every byte kept) after at most this long per request.
 */
public record S3Settings(URI endpoint, String region, String bucket, boolean pathStyle, Credentials credentials,
                         long partSize, Duration attemptTimeout, Duration callTimeout) {
    public static final String DEFAULT_REGION = "us-east-1";
    public static final long DEFAULT_PART_SIZE = 16L << 20;
    /** S3's smallest part but the last. */
    public static final long MIN_PART_SIZE = 5L << 20;
    /** What one part is read into: parts are held in memory to compute their Content-MD5 before sending. */
    public static final long MAX_PART_SIZE = 512L << 20;
    public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);

    public S3Settings {
        Objects.requireNonNull(endpoint, "store.s3.endpoint");
        Objects.requireNonNull(credentials, "credentials");
        if (endpoint.getScheme() == null || !(endpoint.getScheme().equals("http") || endpoint.getScheme().equals("https"))
                || endpoint.getHost() == null) {
            throw new IllegalArgumentException("store.s3.endpoint must be an http:// or https:// URL with a host, got "
                    + endpoint);
        }
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("store.s3.region must not be empty");
        }
        if (bucket == null || !bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new IllegalArgumentException("store.s3.bucket must be 3 to 63 lower-case letters, digits, dots or "
                    + "hyphens, got " + bucket);
        }
        if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
            throw new IllegalArgumentException("store.s3.part-size must be between 5 MiB and 512 MiB, got " + partSize
                    + " bytes");
        }
        Objects.requireNonNull(attemptTimeout, "store.s3.attempt-timeout");
        Objects.requireNonNull(callTimeout, "store.s3.call-timeout");
        if (attemptTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("store.s3.attempt-timeout must be at least 1s, got " + attemptTimeout);
        }
        if (callTimeout.compareTo(attemptTimeout) < 0) {
            throw new IllegalArgumentException("store.s3.call-timeout (" + callTimeout.toSeconds()
                    + "s) must be at least store.s3.attempt-timeout (" + attemptTimeout.toSeconds() + "s)");
        }
    }

    /** With the default timeouts. */
    public S3Settings(URI endpoint, String region, String bucket, boolean pathStyle, Credentials credentials,
                      long partSize) {
        this(endpoint, region, bucket, pathStyle, credentials, partSize, DEFAULT_ATTEMPT_TIMEOUT, DEFAULT_CALL_TIMEOUT);
    }

    public S3Settings(URI endpoint, String region, String bucket, Credentials credentials) {
        this(endpoint, region, bucket, true, credentials, DEFAULT_PART_SIZE);
    }

    public S3Settings withPartSize(long bytes) {
        return new S3Settings(endpoint, region, bucket, pathStyle, credentials, bytes, attemptTimeout, callTimeout);
    }

    public S3Settings withBucket(String other) {
        return new S3Settings(endpoint, region, other, pathStyle, credentials, partSize, attemptTimeout, callTimeout);
    }

    public S3Settings withTimeouts(Duration attempt, Duration call) {
        return new S3Settings(endpoint, region, bucket, pathStyle, credentials, partSize, attempt, call);
    }

    /** An access key pair. {@link #toString()} never shows the secret. */
    public record Credentials(String accessKeyId, String secretAccessKey) {
        public Credentials {
            if (accessKeyId == null || accessKeyId.isBlank() || secretAccessKey == null || secretAccessKey.isBlank()) {
                throw new IllegalArgumentException("S3 credentials need both an access key id and a secret access key");
            }
        }

        /** Reads {@code AWS_ACCESS_KEY_ID=} and {@code AWS_SECRET_ACCESS_KEY=} lines ({@code #} comments, optional quotes). */
        public static Credentials fromFile(Path file) {
            Map<String, String> values = new HashMap<>();
            try {
                for (String line : Files.readAllLines(file)) {
                    String l = line.strip();
                    if (l.startsWith("export ")) {
                        l = l.substring(7).strip();
                    }
                    int eq = l.indexOf('=');
                    if (l.isEmpty() || l.startsWith("#") || eq < 0) {
                        continue;
                    }
                    String v = l.substring(eq + 1).strip();
                    if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
                        v = v.substring(1, v.length() - 1);
                    }
                    values.put(l.substring(0, eq).strip(), v);
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read store.s3.credentials file " + file + ": " + e.getMessage(), e);
            }
            try {
                return from(values::get);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("store.s3.credentials file " + file
                        + " needs AWS_ACCESS_KEY_ID= and AWS_SECRET_ACCESS_KEY= lines", e);
            }
        }

        /** From {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY} as {@code env} gives them. */
        public static Credentials from(Function<String, String> env) {
            return new Credentials(env.apply("AWS_ACCESS_KEY_ID"), env.apply("AWS_SECRET_ACCESS_KEY"));
        }

        @Override
        public String toString() {
            return "Credentials[accessKeyId=" + accessKeyId + ", secretAccessKey=(hidden)]";
        }
    }
}
