package io.camvault.cli.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * Certificates made in the test with Bouncy Castle: a CA, server certificates for loopback names,
 * client certificates, expired ones. Nothing is read from the network or the system.
 */
public final class TestPki {
    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

    /** A certificate with its key. */
    public record Issued(X509Certificate cert, PrivateKey key, List<X509Certificate> chain) {
        /** Writes {@code name.crt} (leaf then chain) and {@code name.key} (PKCS#8) under {@code dir}. */
        public Files2 write(Path dir, String name) {
            Path c = dir.resolve(name + ".crt");
            Path k = dir.resolve(name + ".key");
            writeAtomically(c, pem(chain.toArray()));
            writeAtomically(k, pem(key));
            return new Files2(c, k);
        }

        /** Writes the key as PKCS#1 ("BEGIN RSA PRIVATE KEY") or SEC1 ("BEGIN EC PRIVATE KEY"), as openssl's older tools do. */
        public Path writeTraditionalKey(Path file) {
            try {
                StringWriter w = new StringWriter();
                try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
                    if (key.getAlgorithm().equals("EC")) {
                        // SEC1 with the curve named inside, as `openssl ecparam -genkey` writes it
                        org.bouncycastle.asn1.pkcs.PrivateKeyInfo info =
                                org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(key.getEncoded());
                        org.bouncycastle.asn1.sec.ECPrivateKey inner =
                                org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
                        org.bouncycastle.asn1.sec.ECPrivateKey sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(256,
                                inner.getKey(), inner.getPublicKey(), info.getPrivateKeyAlgorithm().getParameters());
                        pw.writeObject(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
                    } else {
                        PemObject o = new JcaMiscPEMGenerator(key).generate(); // PKCS#1 for RSA
                        pw.writeObject(o);
                    }
                }
                writeAtomically(file, w.toString());
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The two files of an issued certificate. */
    public record Files2(Path cert, Path key) {
    }

    private final String name;
    private final KeyPair keys;
    private final X509Certificate cert;

    private TestPki(String name, KeyPair keys, X509Certificate cert) {
        this.name = name;
        this.keys = keys;
        this.cert = cert;
    }

    /** A new self-signed CA valid from an hour ago for ten years. */
    public static TestPki ca(String name) {
        KeyPair kp = ec();
        Instant now = Instant.now();
        X500Name subject = new X500Name("CN=" + name);
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial(), Date.from(now.minusSeconds(3600)),
                    Date.from(now.plus(Duration.ofDays(3650))), subject, kp.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return new TestPki(name, kp, sign(b, kp.getPrivate()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public X509Certificate cert() {
        return cert;
    }

    public Path writeCa(Path file) {
        writeAtomically(file, pem(cert));
        return file;
    }

    /** A server certificate for {@code 127.0.0.1} (and only that: "localhost" is a host-name mismatch). */
    public Issued server(String cn) {
        return issue(cn, Instant.now().minusSeconds(3600), Instant.now().plus(Duration.ofDays(30)), true, rsa());
    }

    public Issued expiredServer(String cn) {
        return issue(cn, Instant.now().minus(Duration.ofDays(60)), Instant.now().minus(Duration.ofDays(1)), true, rsa());
    }

    public Issued expiredClient(String cn) {
        return issue(cn, Instant.now().minus(Duration.ofDays(60)), Instant.now().minus(Duration.ofDays(1)), false, ec());
    }

    public Issued client(String cn) {
        return issue(cn, Instant.now().minusSeconds(3600), Instant.now().plus(Duration.ofDays(30)), false, ec());
    }

    private Issued issue(String cn, Instant from, Instant to, boolean server, KeyPair kp) {
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name("CN=" + name), serial(),
                    Date.from(from), Date.from(to), new X500Name("CN=" + cn), kp.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                            server ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth));
            if (server) {
                b.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
            }
            X509Certificate c = sign(b, keys.getPrivate());
            return new Issued(c, kp.getPrivate(), List.of(c, cert));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey signer) {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIAL.incrementAndGet());
    }

    static KeyPair ec() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(Object... objects) {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            for (Object o : objects) {
                if (o instanceof PrivateKey k) {
                    pw.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(k, null));
                } else {
                    pw.writeObject(o);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** Temp file then rename, as an operator's renewal tool should (the daemon never sees half a file). */
    static void writeAtomically(Path file, String text) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.US_ASCII);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
