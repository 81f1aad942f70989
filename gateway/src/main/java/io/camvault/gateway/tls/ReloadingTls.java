package io.camvault.gateway.tls;

import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's TLS context, rebuilt when its files change. New connections take the context current
 * when they arrive; connections already open keep theirs, so an upload streaming during a rotation
 * is not touched. A change that does not load (a key written before its certificate, a typo) leaves
 * the running context in place and is logged; the next change is tried again.
 */
public final class ReloadingTls {
    private static final Logger LOG = LoggerFactory.getLogger(ReloadingTls.class);
    private final TlsConfig config;
    private volatile SslContext current;
    private byte[] seen;

    /** Loads the files once; a failure here stops start-up with the message naming the file. */
    public ReloadingTls(TlsConfig config) {
        this.config = config;
        this.seen = fingerprint();
        this.current = TlsContexts.server(config);
        LOG.info("tls.loaded {}", describe());
    }

    public TlsConfig config() {
        return config;
    }

    public SslContext current() {
        return current;
    }

    /** Rebuilds the context if a file changed since the last check; returns whether it swapped. */
    public synchronized boolean reloadIfChanged() {
        try {
            return swapIfChanged();
        } catch (RuntimeException e) {
            // never let a surprise end the periodic check (a scheduled task that throws is not run again)
            LOG.warn("tls.reload_failed kept=previous error=\"{}\"", e.toString());
            return false;
        }
    }

    private boolean swapIfChanged() {
        byte[] now;
        try {
            now = fingerprint();
        } catch (IllegalArgumentException e) {
            LOG.warn("tls.reload_failed error=\"{}\"", e.getMessage());
            return false;
        }
        if (Arrays.equals(now, seen)) {
            return false;
        }
        seen = now;
        try {
            current = TlsContexts.server(config);
        } catch (IllegalArgumentException e) {
            LOG.warn("tls.reload_failed kept=previous error=\"{}\"", e.getMessage());
            return false;
        }
        LOG.info("tls.reloaded {}", describe());
        return true;
    }

    private String describe() {
        X509Certificate leaf;
        try {
            leaf = PemFiles.certificates(config.cert()).get(0);
        } catch (IllegalArgumentException e) {
            return "subject=unknown"; // replaced again since it loaded: the next check reports it
        }
        return "subject=\"" + leaf.getSubjectX500Principal().getName() + "\" not_after=" + leaf.getNotAfter().toInstant()
                + " client_ca=" + (config.clientCa() != null);
    }

    private byte[] fingerprint() {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        List<Path> files = new ArrayList<>(List.of(config.cert(), config.key()));
        if (config.clientCa() != null) {
            files.add(config.clientCa());
        }
        for (Path f : files.stream().filter(Objects::nonNull).toList()) {
            try {
                md.update(Files.readAllBytes(f));
                md.update((byte) 0);
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException(f + " does not exist", e);
            } catch (IOException e) {
                throw new IllegalArgumentException(f + " cannot be read: " + e.getMessage(), e);
            }
        }
        return md.digest();
    }
}
