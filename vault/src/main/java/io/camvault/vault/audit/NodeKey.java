package io.camvault.vault.audit;

import io.camvault.vault.VaultException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The node's Ed25519 signing key: {@code keys/node-ed25519.key} (PKCS#8 PEM, mode 0600) and
 * {@code keys/node-ed25519.pub} (X.509 SubjectPublicKeyInfo PEM, for anyone who verifies). Created
 * at first start; the public key is written first, so a crash leaves either nothing usable (and
 * the next start creates both) or both.
 */
public final class NodeKey {
    public static final String PRIVATE_FILE = "node-ed25519.key";
    public static final String PUBLIC_FILE = "node-ed25519.pub";

    private NodeKey() {
    }

    public static KeyPair loadOrCreate(Path keysDir) {
        Path priv = keysDir.resolve(PRIVATE_FILE);
        Path pub = keysDir.resolve(PUBLIC_FILE);
        try {
            if (Files.exists(priv)) {
                if (!Files.exists(pub)) {
                    throw new VaultException(VaultException.Kind.INTEGRITY, "the node key " + priv
                            + " exists but its public key " + pub + " is missing; restore it from a backup");
                }
                return new KeyPair(readPublic(pub), readPrivate(priv));
            }
            Files.createDirectories(keysDir);
            KeyPair pair = KeyPairGenerator.getInstance(Checkpoint.ALGORITHM).generateKeyPair();
            writeDurably(pub, pem("PUBLIC KEY", pair.getPublic().getEncoded()), "rw-r--r--");
            writeDurably(priv, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), "rw-------");
            return pair;
        } catch (IOException e) {
            throw new VaultException(VaultException.Kind.IO, "cannot load or create the node key in " + keysDir
                    + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new VaultException(VaultException.Kind.INTEGRITY, "cannot read the node key in " + keysDir
                    + ": " + e.getMessage(), e);
        }
    }

    public static PublicKey readPublic(Path file) throws IOException, GeneralSecurityException {
        return KeyFactory.getInstance(Checkpoint.ALGORITHM)
                .generatePublic(new X509EncodedKeySpec(unpem(Files.readString(file), "PUBLIC KEY")));
    }

    static PrivateKey readPrivate(Path file) throws IOException, GeneralSecurityException {
        return KeyFactory.getInstance(Checkpoint.ALGORITHM)
                .generatePrivate(new PKCS8EncodedKeySpec(unpem(Files.readString(file), "PRIVATE KEY")));
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    static byte[] unpem(String text, String type) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        if (b < 0 || e < b) {
            throw new IllegalArgumentException("not a PEM " + type);
        }
        return Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
    }

    /** Temp file with its final mode from birth, fsync, atomic rename, fsync the directory. */
    private static void writeDurably(Path target, String content, String mode) throws IOException {
        Path dir = target.getParent();
        Path tmp = dir.resolve(target.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode)));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("a stale " + tmp + " is in the way", e);
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(content.getBytes(StandardCharsets.US_ASCII)));
            ch.force(true);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target);
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException ignored) {
            // Some file systems cannot open a directory for fsync; the rename itself is done.
        }
    }
}
