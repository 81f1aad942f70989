package io.camvault.vault.media;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.camvault.vault.VaultException;
import io.camvault.vault.model.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Derived files under {@code <data>/derived/<sha256-of-source>/}, apart from the write-once
 * originals: renditions, posters, strips, clips. Everything here can be deleted and rebuilt from
 * the original, so unlike the object store it may be overwritten. A file counts only once its
 * sidecar {@code <name>.json} exists: the media file is published first and the sidecar last, so
 * a crash in between leaves a file that {@link #find} ignores and the next job redoes.
 */
public final class DerivedStore {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}(/[A-Za-z0-9._-]{1,100})?");
    private static final String SIDECAR = ".json";

    private final Path root;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public DerivedStore(Path dataDir, Clock clock) {
        this.root = dataDir.resolve("derived");
        this.clock = clock;
    }

    public Path root() {
        return root;
    }

    public Path dir(Sha256 source) {
        return root.resolve(source.hex());
    }

    /** A fresh temporary path inside the source's directory, so publishing is an atomic rename. */
    public Path staging(Sha256 source, String suffix) {
        try {
            Path dir = Files.createDirectories(dir(source));
            return dir.resolve(".tmp-" + UUID.randomUUID() + suffix);
        } catch (IOException e) {
            throw io("cannot create " + dir(source), e);
        }
    }

    /** The name a clip of {@code [from, to]} is kept under, stable so the same request is not redone. */
    public static String clipName(Duration from, Duration to, boolean exact) {
        return "clips/" + from.toMillis() + "-" + to.toMillis() + (exact ? "-exact" : "-fast") + ".mp4";
    }

    /** The name the copy redacted by the spec with this hash is kept under. */
    public static String redactionName(Sha256 specSha256) {
        return "redactions/" + specSha256.hex() + ".mp4";
    }

    /**
     * Moves {@code staged} to {@code name} (durably: fsync, atomic rename, fsync the directory) and
     * writes its sidecar. Replaces an earlier version of the same derived file.
     */
    public Derived publish(Sha256 source, String name, Path staged, String kind, Map<String, String> settings,
                           String toolVersion) {
        Path target = resolve(source, name);
        try {
            Files.createDirectories(target.getParent());
            fsync(staged);
            long bytes = Files.size(staged);
            String digest = sha256(staged);
            move(staged, target);
            DerivedInfo info = new DerivedInfo(DerivedInfo.CURRENT_VERSION, source.hex(), kind, settings,
                    toolVersion, digest, bytes, clock.instant());
            Path tmp = target.resolveSibling(".tmp-" + UUID.randomUUID() + SIDECAR);
            Files.write(tmp, json.writeValueAsBytes(info));
            fsync(tmp);
            move(tmp, sidecar(target));
            return new Derived(target, info);
        } catch (IOException e) {
            throw io("cannot publish " + name + " for " + source.hex(), e);
        }
    }

    /** A complete derived file made from this source, if there is one. */
    public Optional<Derived> find(Sha256 source, String name) {
        Path target = resolve(source, name);
        Path side = sidecar(target);
        if (!Files.isRegularFile(target) || !Files.isRegularFile(side)) {
            return Optional.empty();
        }
        try {
            DerivedInfo info = json.readValue(side.toFile(), DerivedInfo.class);
            if (!info.sourceSha256().equals(source.hex()) || Files.size(target) != info.bytes()) {
                return Optional.empty();
            }
            return Optional.of(new Derived(target, info));
        } catch (IOException e) {
            return Optional.empty(); // a damaged sidecar means "rebuild", not "fail"
        }
    }

    /** Deletes everything derived from this source; the next media job rebuilds it. */
    public void discard(Sha256 source) {
        Path dir = dir(source);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(p);
                } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                    // a concurrent job wrote here meanwhile; what it wrote is valid, leave it
                }
            }
        } catch (IOException e) {
            throw io("cannot discard " + dir, e);
        }
    }

    private Path resolve(Sha256 source, String name) {
        if (!NAME.matcher(name).matches() || name.contains("..") || name.startsWith(".")) {
            throw new IllegalArgumentException("bad derived file name: " + name);
        }
        return dir(source).resolve(name);
    }

    private static Path sidecar(Path target) {
        return target.resolveSibling(target.getFileName() + SIDECAR);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
        fsync(to.getParent());
    }

    private static void fsync(Path p) throws IOException {
        boolean dir = Files.isDirectory(p);
        try (FileChannel ch = FileChannel.open(p, dir ? StandardOpenOption.READ : StandardOpenOption.WRITE)) {
            ch.force(true);
        } catch (IOException e) {
            if (!dir) {
                throw e; // some file systems refuse to open directories for fsync; files must sync
            }
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static VaultException io(String msg, IOException e) {
        return new VaultException(VaultException.Kind.IO, msg + ": " + e.getMessage(), e);
    }
}
