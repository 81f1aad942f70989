package io.camvault.gateway;

import io.camvault.gateway.source.TrustedProxies;
import io.camvault.gateway.tls.TlsConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * The gateway's settings, validated once in the constructor and immutable afterwards. Every
 * setting and its default:
 *
 * @param host                    address to bind (default {@code 0.0.0.0})
 * @param port                    TCP port; {@code 0} picks a free one (default {@code 8080})
 * @param ioThreads               Netty event-loop threads; {@code 0} means Netty's default, twice the cores
 *                                (default {@code max(1, cores / 2)}: the loops only parse and hand bytes on, the
 *                                writer threads hash and write them, and more loops than that cost context
 *                                switches on the receive path without adding throughput)
 * @param writerThreads           threads of the shared pool that writes, hashes and fsyncs upload chunks
 *                                (default {@code max(16, 2 * cores)}). Direct writes block their thread until the
 *                                device has the bytes, so this is also how many writes the disk has queued
 *                                (the measurements behind the default are in docs/BENCHMARKS.md)
 * @param maxUploadSize           largest accepted {@code Upload-Length}, advertised as {@code Tus-Max-Size} (default 64 GiB)
 * @param uploadExpiry            unfinished uploads untouched this long answer 410 and are removed (default 7 days)
 * @param diskReserve             free bytes the uploads file system must keep; creation or a chunk that would cut
 *                                into it answers 507 (default 1 GiB)
 * @param maxActiveUploads        uploads receiving bytes at the same time; more answer 503 with Retry-After (default 256)
 * @param maxInitialLineLength    longest request line accepted (default 4096 bytes)
 * @param maxHeaderSize           largest total size of request headers (default 16 KiB)
 * @param maxChunkSize            largest body piece the HTTP decoder hands on at once (default 64 KiB)
 * @param smallUploadBytes        uploads of at most this declared length are written by a pool of their own and
 *                                sync and commit ahead of big uploads' writes (default 32 MiB)
 * @param bigWriterNice           Linux nice value of the big uploads' writer threads (0 to 19, 0 leaves them
 *                                alone): when both want a core, the kernel runs small uploads' work and the
 *                                event loops first (default 15, measured in docs/BENCHMARKS.md; media work
 *                                runs lower still, at 19)
 * @param maxInFlightBytesPerUpload bytes of one upload read from the socket but not yet on disk; reading pauses
 *                                above this, which keeps memory flat (default 8 MiB)
 * @param computeSm3              also compute the SM3 digest (GB/T 32905) of every upload (default false)
 * @param directIo                write upload bytes with direct I/O, past the page cache, where the uploads file
 *                                system allows it; buffered otherwise (default true). The object store's
 *                                staging applies it: {@code serve} hands it on in the vault's store settings
 * @param idleTimeout             a connection that sends nothing for this long is closed (default 5 minutes)
 * @param shutdownTimeout         how long {@code close()} waits for in-flight writes to finish (default 30 seconds)
 * @param overloadRetryAfter      the {@code Retry-After} sent with 503 and 507 answers (default 10 seconds)
 * @param tls                     HTTPS on the port, or {@code null} for plain HTTP (default plain; see {@link TlsConfig})
 * @param trustedProxies          peers whose {@code Forwarded}/{@code X-Forwarded-For} name the client (default none)
 * @param maxUnfinishedUploadsPerPrincipal uploads one principal may hold unfinished (created, not yet committed or
 *                                terminated); one more creation answers 429 (default 512: a hall's dock token may have
 *                                67 recorders or more uploading at shift end, each with files left partial by
 *                                earlier interruptions; the declared-bytes cap below bounds the disk)
 * @param maxUnfinishedBytesPerPrincipal the sum of the declared lengths of one principal's unfinished uploads;
 *                                a creation or a declared length beyond it answers 429 (default 1 TiB; a deferred
 *                                length counts once it is declared, and its body is held to {@code maxUploadSize})
 * @param headerTimeout           a request's line and headers must all arrive within this long of its first byte,
 *                                else the connection is answered 408 and closed (default 30 seconds)
 * @param maxConnections          open connections at most; one more is refused with a 503 and closed at once
 *                                (default 1024)
 */
public record GatewayConfig(
        String host,
        int port,
        int ioThreads,
        int writerThreads,
        long maxUploadSize,
        Duration uploadExpiry,
        long diskReserve,
        int maxActiveUploads,
        int maxInitialLineLength,
        int maxHeaderSize,
        int maxChunkSize,
        int maxInFlightBytesPerUpload,
        long smallUploadBytes,
        int bigWriterNice,
        boolean computeSm3,
        boolean directIo,
        Duration idleTimeout,
        Duration shutdownTimeout,
        Duration overloadRetryAfter,
        TlsConfig tls,
        TrustedProxies trustedProxies,
        int maxUnfinishedUploadsPerPrincipal,
        long maxUnfinishedBytesPerPrincipal,
        Duration headerTimeout,
        int maxConnections) {

    public static final long GIB = 1L << 30;
    public static final long MIB = 1L << 20;

    public GatewayConfig {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        if (ioThreads < 0) {
            throw new IllegalArgumentException("ioThreads must be 0 (Netty default) or positive, got " + ioThreads);
        }
        if (writerThreads < 1) {
            throw new IllegalArgumentException("writerThreads must be at least 1, got " + writerThreads);
        }
        if (maxUploadSize < 1) {
            throw new IllegalArgumentException("maxUploadSize must be positive, got " + maxUploadSize);
        }
        requirePositive(uploadExpiry, "uploadExpiry");
        if (diskReserve < 0) {
            throw new IllegalArgumentException("diskReserve must not be negative, got " + diskReserve);
        }
        if (maxActiveUploads < 1) {
            throw new IllegalArgumentException("maxActiveUploads must be at least 1, got " + maxActiveUploads);
        }
        if (maxInitialLineLength < 256) {
            throw new IllegalArgumentException("maxInitialLineLength must be at least 256 bytes, got " + maxInitialLineLength);
        }
        if (maxHeaderSize < 1024) {
            throw new IllegalArgumentException("maxHeaderSize must be at least 1024 bytes, got " + maxHeaderSize);
        }
        if (maxChunkSize < 1024) {
            throw new IllegalArgumentException("maxChunkSize must be at least 1024 bytes, got " + maxChunkSize);
        }
        if (maxInFlightBytesPerUpload < maxChunkSize) {
            throw new IllegalArgumentException("maxInFlightBytesPerUpload (" + maxInFlightBytesPerUpload
                    + ") must be at least maxChunkSize (" + maxChunkSize + ")");
        }
        if (bigWriterNice < 0 || bigWriterNice > 19) {
            throw new IllegalArgumentException("bigWriterNice must be 0 to 19, got " + bigWriterNice);
        }
        if (smallUploadBytes < 0) {
            throw new IllegalArgumentException("smallUploadBytes must not be negative, got " + smallUploadBytes);
        }
        requirePositive(idleTimeout, "idleTimeout");
        requirePositive(shutdownTimeout, "shutdownTimeout");
        requirePositive(overloadRetryAfter, "overloadRetryAfter");
        Objects.requireNonNull(trustedProxies, "trustedProxies");
        if (maxUnfinishedUploadsPerPrincipal < 1) {
            throw new IllegalArgumentException("maxUnfinishedUploadsPerPrincipal must be at least 1, got "
                    + maxUnfinishedUploadsPerPrincipal);
        }
        if (maxUnfinishedBytesPerPrincipal < 1) {
            throw new IllegalArgumentException("maxUnfinishedBytesPerPrincipal must be positive, got "
                    + maxUnfinishedBytesPerPrincipal);
        }
        requirePositive(headerTimeout, "headerTimeout");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, got " + maxConnections);
        }
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }

    /** Every setting at its documented default. */
    public static GatewayConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds a config from the defaults; validation happens once, in {@link #build()}. */
    public static final class Builder {
        private String host = "0.0.0.0";
        private int port = 8080;
        private int ioThreads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        private int writerThreads = Math.max(16, 2 * Runtime.getRuntime().availableProcessors());
        private long maxUploadSize = 64 * GIB;
        private Duration uploadExpiry = Duration.ofDays(7);
        private long diskReserve = GIB;
        private int maxActiveUploads = 256;
        private int maxInitialLineLength = 4096;
        private int maxHeaderSize = 16 * 1024;
        private int maxChunkSize = 64 * 1024;
        private int maxInFlightBytesPerUpload = (int) (8 * MIB);
        private long smallUploadBytes = 32 * MIB;
        private int bigWriterNice = 15;
        private boolean computeSm3 = false;
        private boolean directIo = true;
        private Duration idleTimeout = Duration.ofMinutes(5);
        private Duration shutdownTimeout = Duration.ofSeconds(30);
        private Duration overloadRetryAfter = Duration.ofSeconds(10);
        private TlsConfig tls;
        private TrustedProxies trustedProxies = TrustedProxies.none();
        private int maxUnfinishedUploadsPerPrincipal = 512;
        private long maxUnfinishedBytesPerPrincipal = 1024 * GIB;
        private Duration headerTimeout = Duration.ofSeconds(30);
        private int maxConnections = 1024;

        private Builder() {
        }

        private Builder(GatewayConfig c) {
            host = c.host;
            port = c.port;
            ioThreads = c.ioThreads;
            writerThreads = c.writerThreads;
            maxUploadSize = c.maxUploadSize;
            uploadExpiry = c.uploadExpiry;
            diskReserve = c.diskReserve;
            maxActiveUploads = c.maxActiveUploads;
            maxInitialLineLength = c.maxInitialLineLength;
            maxHeaderSize = c.maxHeaderSize;
            maxChunkSize = c.maxChunkSize;
            maxInFlightBytesPerUpload = c.maxInFlightBytesPerUpload;
            smallUploadBytes = c.smallUploadBytes;
            bigWriterNice = c.bigWriterNice;
            computeSm3 = c.computeSm3;
            directIo = c.directIo;
            idleTimeout = c.idleTimeout;
            shutdownTimeout = c.shutdownTimeout;
            overloadRetryAfter = c.overloadRetryAfter;
            tls = c.tls;
            trustedProxies = c.trustedProxies;
            maxUnfinishedUploadsPerPrincipal = c.maxUnfinishedUploadsPerPrincipal;
            maxUnfinishedBytesPerPrincipal = c.maxUnfinishedBytesPerPrincipal;
            headerTimeout = c.headerTimeout;
            maxConnections = c.maxConnections;
        }

        public Builder host(String v) { host = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder ioThreads(int v) { ioThreads = v; return this; }
        public Builder writerThreads(int v) { writerThreads = v; return this; }
        public Builder maxUploadSize(long v) { maxUploadSize = v; return this; }
        public Builder uploadExpiry(Duration v) { uploadExpiry = v; return this; }
        public Builder diskReserve(long v) { diskReserve = v; return this; }
        public Builder maxActiveUploads(int v) { maxActiveUploads = v; return this; }
        public Builder maxInitialLineLength(int v) { maxInitialLineLength = v; return this; }
        public Builder maxHeaderSize(int v) { maxHeaderSize = v; return this; }
        public Builder maxChunkSize(int v) { maxChunkSize = v; return this; }
        public Builder maxInFlightBytesPerUpload(int v) { maxInFlightBytesPerUpload = v; return this; }
        public Builder smallUploadBytes(long v) { smallUploadBytes = v; return this; }
        public Builder bigWriterNice(int v) { bigWriterNice = v; return this; }
        public Builder computeSm3(boolean v) { computeSm3 = v; return this; }
        public Builder directIo(boolean v) { directIo = v; return this; }
        public Builder idleTimeout(Duration v) { idleTimeout = v; return this; }
        public Builder shutdownTimeout(Duration v) { shutdownTimeout = v; return this; }
        public Builder overloadRetryAfter(Duration v) { overloadRetryAfter = v; return this; }
        public Builder tls(TlsConfig v) { tls = v; return this; }
        public Builder trustedProxies(TrustedProxies v) { trustedProxies = v; return this; }
        public Builder maxUnfinishedUploadsPerPrincipal(int v) { maxUnfinishedUploadsPerPrincipal = v; return this; }
        public Builder maxUnfinishedBytesPerPrincipal(long v) { maxUnfinishedBytesPerPrincipal = v; return this; }
        public Builder headerTimeout(Duration v) { headerTimeout = v; return this; }
        public Builder maxConnections(int v) { maxConnections = v; return this; }

        public GatewayConfig build() {
            return new GatewayConfig(host, port, ioThreads, writerThreads, maxUploadSize, uploadExpiry, diskReserve,
                    maxActiveUploads, maxInitialLineLength, maxHeaderSize, maxChunkSize, maxInFlightBytesPerUpload,
                    smallUploadBytes, bigWriterNice, computeSm3, directIo, idleTimeout, shutdownTimeout, overloadRetryAfter,
                    tls, trustedProxies,
                    maxUnfinishedUploadsPerPrincipal, maxUnfinishedBytesPerPrincipal, headerTimeout, maxConnections);
        }
    }
}
