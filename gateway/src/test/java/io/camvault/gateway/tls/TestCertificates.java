package io.camvault.gateway.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A test CA and a server certificate for 127.0.0.1 it signed, written as PEM (made here with Bouncy
 * Castle), with the server key's SPKI SHA-256 that Chromium's {@code --ignore-certificate-errors-spki-list}
 * trusts (that one key only, not certificate errors in general).
 */
public record TestCertificates(Path ca, Path cert, Path key, String spkiSha256) {

    public static TestCertificates create(Path dir) throws Exception {
        return create(dir, "review");
    }

    /** Files named {@code <name>-ca.crt}, {@code <name>-server.crt}, {@code <name>-server.key}; subject CN {@code camvault <name>}. */
    public static TestCertificates create(Path dir, String name) throws Exception {
        KeyPair caKeys = ec();
        KeyPair serverKeys = ec();
        Instant now = Instant.now();
        X500Name caName = new X500Name("CN=camvault " + name + " test CA");
        X509Certificate ca = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(caName,
                BigInteger.ONE, Date.from(now.minusSeconds(3600)), Date.from(now.plusSeconds(86_400)), caName,
                caKeys.getPublic()).addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
        X509Certificate server = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(caName,
                BigInteger.TWO, Date.from(now.minusSeconds(3600)), Date.from(now.plusSeconds(86_400)),
                new X500Name("CN=camvault " + name), serverKeys.getPublic())
                .addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
        Path caFile = write(dir.resolve(name + "-ca.crt"), ca);
        Path certFile = write(dir.resolve(name + "-server.crt"), server, ca);
        Path keyFile = write(dir.resolve(name + "-server.key"), new JcaPKCS8Generator(serverKeys.getPrivate(), null));
        String spki = Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(server.getPublicKey().getEncoded()));
        return new TestCertificates(caFile, certFile, keyFile, spki);
    }

    private static Path write(Path file, Object... pem) throws IOException {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter out = new JcaPEMWriter(w)) {
            for (Object o : pem) {
                out.writeObject(o);
            }
        }
        return Files.writeString(file, w.toString());
    }

    private static KeyPair ec() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }
}
