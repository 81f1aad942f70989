package io.camvault.vault.natives;

import io.camvault.vault.VaultException;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.rocksdb.RocksDB;
import org.rocksdb.util.Environment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where native libraries go: {@code DIR/natives/<library>-<crc>-<size>/<file>}, named after the
 * jar entry's CRC-32 and size (read from the jar's directory, nothing decompressed), so a later
 * start finds its own copy and loads it without writing a byte, and a new release's library gets a
 * folder of its own. An extraction goes to a file of its own ({@code .partial-<pid>-…}) and is
 * renamed into place, so two processes starting at once, or one killed mid-copy, never leave a
 * truncated library under the final name; partial files of processes no longer running are removed.
 *
 * <p>The directory is chosen once per process, before the first RocksDB class loads:
 * {@link #use(Path)} (the daemon: setting {@code cache.dir}, default {@code DATA/cache}); otherwise
 * the system property {@code camvault.cache.dir}; otherwise {@code $XDG_CACHE_HOME/camvault}
 * ({@code ~/.cache/camvault}). It also becomes JavaCPP's cache ({@code org.bytedeco.javacpp.cachedir})
 * unless that is set already.
 */
public final class NativeCache {
    private static final Logger LOG = LoggerFactory.getLogger(NativeCache.class);
    private static final String PARTIAL = ".partial-";
    private static Path dir;
    private static boolean rocksLoaded;

    private NativeCache() {
    }

    /**
     * Chooses the cache directory. A library loads once per process: once RocksDB's has, a later
     * choice (a second vault opened in the same JVM, as tests do) changes nothing.
     */
    public static synchronized void use(Path cacheDir) {
        if (rocksLoaded) {
            return;
        }
        dir = cacheDir.toAbsolutePath();
        if (System.getProperty("org.bytedeco.javacpp.cachedir") == null) {
            System.setProperty("org.bytedeco.javacpp.cachedir", dir.resolve("javacpp").toString());
        }
    }

    /** {@link #use} unless a directory was chosen already (the daemon's {@code cache.dir} wins over a default). */
    public static synchronized void useUnlessChosen(Path cacheDir) {
        if (dir == null) {
            use(cacheDir);
        }
    }

    /** The cache directory in use (chosen as described above on first call). */
    public static synchronized Path dir() {
        if (dir == null) {
            String configured = System.getProperty("camvault.cache.dir");
            if (configured != null && !configured.isBlank()) {
                use(Path.of(configured));
            } else {
                String xdg = System.getenv("XDG_CACHE_HOME");
                Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
                use(base.resolve("camvault"));
            }
        }
        return dir;
    }

    /**
     * Loads RocksDB's JNI library from the cache, extracting it first if this release's copy is not
     * there. Idempotent; every class that opens RocksDB calls it before touching RocksDB.
     */
    public static synchronized void loadRocksDb() {
        if (rocksLoaded) {
            return;
        }
        String resource = Environment.getJniLibraryFileName("rocksdb");
        // RocksDB.loadLibrary(paths) looks for this name in each path
        String fileName = Environment.getJniLibraryFileName("rocksdbjni");
        Path folder = extract(RocksDB.class, resource, "rocksdbjni", fileName);
        RocksDB.loadLibrary(List.of(folder.toString()));
        rocksLoaded = true;
    }

    /** Extracts {@code resource} (found through {@code owner}'s class loader) unless already cached; returns its folder. */
    static Path extract(Class<?> owner, String resource, String library, String fileName) {
        URL url = owner.getClassLoader().getResource(resource);
        if (url == null) {
            throw new VaultException(VaultException.Kind.UNAVAILABLE, "no " + resource + " in camvault's jar for this"
                    + " platform (" + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")");
        }
        try {
            URLConnection connection = url.openConnection();
            connection.setUseCaches(false);
            String identity;
            long size;
            if (connection instanceof JarURLConnection jar) {
                var entry = jar.getJarEntry();
                size = entry.getSize();
                identity = Long.toHexString(entry.getCrc()) + "-" + size;
            } else { // an exploded class path (IDE): the file's size and time
                Path file = Path.of(url.toURI());
                size = Files.size(file);
                identity = Long.toHexString(Files.getLastModifiedTime(file).toMillis()) + "-" + size;
            }
            Path folder = dir().resolve("natives").resolve(library + "-" + identity);
            Path target = folder.resolve(fileName);
            if (Files.isRegularFile(target) && Files.size(target) == size) {
                return folder;
            }
            Files.createDirectories(folder);
            removeDeadPartials(folder);
            Path partial = folder.resolve(PARTIAL + ProcessHandle.current().pid() + "-" + fileName);
            try (InputStream in = connection.getInputStream()) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            LOG.info("natives.extracted library={} path={} bytes={}", library, target, size);
            return folder;
        } catch (IOException | java.net.URISyntaxException e) {
            throw new VaultException(VaultException.Kind.IO, "cannot extract " + resource + " into the native cache "
                    + dir() + " (setting cache.dir): " + e.getMessage(), e);
        }
    }

    private static void removeDeadPartials(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (!name.startsWith(PARTIAL)) {
                    continue;
                }
                String pid = name.substring(PARTIAL.length(), name.indexOf('-', PARTIAL.length()));
                boolean alive;
                try {
                    alive = ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
                } catch (NumberFormatException e) {
                    alive = false;
                }
                if (!alive) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }
}
