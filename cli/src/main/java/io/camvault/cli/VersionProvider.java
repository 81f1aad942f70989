package io.camvault.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code camvault -V}: the release, the git commit the jar was built from and the build time, read
 * from the manifest of the jar this class was loaded from (the shaded {@code camvault.jar}). Run from
 * compiled classes (tests, an IDE) there is no such jar, and it says so.
 */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        Attributes manifest = ownManifest();
        if (manifest == null) {
            return new String[] {"camvault (development build, not from a packaged jar)"};
        }
        List<String> lines = new ArrayList<>();
        lines.add("camvault " + known(manifest.getValue("Implementation-Version"), "(version unknown)"));
        String commit = known(manifest.getValue("Camvault-Commit"), null);
        boolean dirty = "true".equals(manifest.getValue("Camvault-Commit-Dirty"));
        lines.add("commit " + (commit == null ? "unknown (built outside a git checkout)"
                : commit + (dirty ? " with uncommitted changes" : "")));
        lines.add("built " + known(manifest.getValue("Camvault-Build-Time"), "at an unknown time"));
        lines.add("Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")");
        return lines.toArray(String[]::new);
    }

    /** A manifest value, or {@code fallback} when it is absent or Maven left its placeholder in. */
    private static String known(String value, String fallback) {
        return value == null || value.isBlank() || value.startsWith("${") ? fallback : value;
    }

    private static Attributes ownManifest() {
        java.security.CodeSource source = VersionProvider.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try {
            Path location = Path.of(source.getLocation().toURI());
            if (!Files.isRegularFile(location)) {
                return null;
            }
            try (JarFile jar = new JarFile(location.toFile())) {
                return jar.getManifest() == null ? null : jar.getManifest().getMainAttributes();
            }
        } catch (IOException | URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
