package io.camvault.vault.exports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks a BagIt bag on disk, offline: {@code bagit.txt}; every line of {@code manifest-sha256.txt}
 * against its file; no file under {@code data/} left out of the manifest; {@code Payload-Oxum};
 * every line of {@code tagmanifest-sha256.txt}. Each problem names the file it is about.
 *
 * <p>RFC 8493 lets a manifest use upper-case hex and any run of blanks before the path. A bag that
 * says it was written by camvault ({@code Bag-Software-Agent: camvault}, itself covered by the tag
 * manifest) must also be in the exact form {@link BagWriter} writes, so that any change to any byte
 * of a tag file, the tag manifest included, shows up.
 *
 * <p>A bag is untrusted input: nothing is followed through a symbolic link. A link anywhere in the bag
 * (a payload file, a folder a manifest path runs through, a tag file) is a problem, and no file is
 * opened unless every component of its path, from the bag's root down, is a real folder or file.
 */
public final class BagVerifier {
    private static final Pattern LINE = Pattern.compile("([0-9A-Fa-f]{64})[ \\t]+(.+)");
    private static final Pattern CANONICAL = Pattern.compile("[0-9a-f]{64}  [^ \\t].*");

    /** One thing wrong with a bag, and the bag-relative path of the file it concerns. */
    public record Problem(String path, String message) {
        @Override
        public String toString() {
            return path + ": " + message;
        }
    }

    /** What was checked and what was wrong; {@link #ok()} when nothing. */
    public record Result(int payloadFiles, long payloadBytes, List<Problem> problems) {
        public Result {
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private final Path bag;
    private final List<Problem> problems = new ArrayList<>();
    private boolean canonical;

    private BagVerifier(Path bag) {
        this.bag = bag;
    }

    public static Result verify(Path bag) {
        return new BagVerifier(bag).run();
    }

    private Result run() {
        if (!Files.isDirectory(bag)) {
            problems.add(new Problem(".", "not a directory"));
            return new Result(0, 0, problems);
        }
        Map<String, String> info = bagInfo();
        canonical = BagWriter.SOFTWARE_AGENT.equals(info.get("Bag-Software-Agent"));
        checkBagitTxt();
        Map<String, String> payload = manifest("manifest-sha256.txt", true);
        for (Map.Entry<String, String> e : payload.entrySet()) {
            if (!e.getKey().startsWith("data/")) {
                problems.add(new Problem(e.getKey(), "listed in manifest-sha256.txt but outside data/"));
            } else {
                checkFile(e.getKey(), e.getValue(), "manifest-sha256.txt");
            }
        }
        long[] oxum = payloadFilesNotListed(payload);
        checkOxum(info.get("Payload-Oxum"), oxum);
        boolean tagManifestRequired = canonical;
        Map<String, String> tags = manifest("tagmanifest-sha256.txt", tagManifestRequired);
        for (Map.Entry<String, String> e : tags.entrySet()) {
            if (e.getKey().startsWith("data/") || e.getKey().startsWith("tagmanifest-")) {
                problems.add(new Problem(e.getKey(), "listed in tagmanifest-sha256.txt but not a tag file"));
            } else {
                checkFile(e.getKey(), e.getValue(), "tagmanifest-sha256.txt");
            }
        }
        if (canonical) {
            for (String required : List.of("bagit.txt", "bag-info.txt", "manifest-sha256.txt")) {
                if (!tags.containsKey(required)) {
                    problems.add(new Problem(required, "missing from tagmanifest-sha256.txt"));
                }
            }
        }
        return new Result((int) oxum[1], oxum[0], problems);
    }

    private void checkBagitTxt() {
        String text = read("bagit.txt");
        if (text == null) {
            problems.add(new Problem("bagit.txt", "missing"));
            return;
        }
        Map<String, String> fields = fields(text);
        String version = fields.get("BagIt-Version");
        if (version == null || !version.matches("\\d+\\.\\d+")) {
            problems.add(new Problem("bagit.txt", "no valid BagIt-Version line"));
        }
        if (!"UTF-8".equalsIgnoreCase(fields.get("Tag-File-Character-Encoding"))) {
            problems.add(new Problem("bagit.txt", "Tag-File-Character-Encoding is not UTF-8"));
        }
        if (canonical && !text.equals(BagWriter.BAGIT_TXT)) {
            problems.add(new Problem("bagit.txt", "differs from what camvault writes"));
        }
    }

    private Map<String, String> bagInfo() {
        String text = read("bag-info.txt");
        return text == null ? Map.of() : fields(text);
    }

    /** Parses manifest lines into path → hex; reports missing files and malformed or duplicate lines. */
    private Map<String, String> manifest(String name, boolean required) {
        Map<String, String> out = new LinkedHashMap<>();
        String text = read(name);
        if (text == null) {
            if (required) {
                problems.add(new Problem(name, "missing"));
            }
            return out;
        }
        if (canonical && !text.isEmpty() && !text.endsWith("\n")) {
            problems.add(new Problem(name, "does not end with a newline"));
        }
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty() && i == lines.length - 1) {
                break;
            }
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                problems.add(new Problem(name, "line " + (i + 1) + " is malformed"));
                continue;
            }
            if (canonical && !CANONICAL.matcher(lines[i]).matches()) {
                problems.add(new Problem(name, "line " + (i + 1) + " is not in camvault's canonical form"));
            }
            String path = BagWriter.decodePath(m.group(2));
            if (out.put(path, m.group(1).toLowerCase(java.util.Locale.ROOT)) != null) {
                problems.add(new Problem(name, "line " + (i + 1) + " lists " + path + " twice"));
            }
        }
        return out;
    }

    private void checkFile(String path, String expectedHex, String manifestName) {
        Path file = resolve(path);
        if (file == null) {
            problems.add(new Problem(path, "path in " + manifestName + " is not a file name in the bag"));
            return;
        }
        String link = linkOnTheWay(file);
        if (link != null) {
            problems.add(new Problem(path, "listed in " + manifestName + " but reached through the symbolic link "
                    + link + "; not read"));
            return;
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            problems.add(new Problem(path, "listed in " + manifestName + " but missing"));
            return;
        }
        try {
            if (!hash(file).equals(expectedHex)) {
                problems.add(new Problem(path, "checksum does not match " + manifestName));
            }
        } catch (IOException e) {
            problems.add(new Problem(path, "unreadable: " + e.getMessage()));
        }
    }

    /** Reports payload files absent from the manifest; returns {total bytes, file count} of data/. */
    private long[] payloadFilesNotListed(Map<String, String> manifest) {
        long[] oxum = {0, 0};
        Path data = bag.resolve("data");
        if (!Files.isDirectory(data)) {
            problems.add(new Problem("data", "missing payload directory"));
            return oxum;
        }
        TreeSet<String> seen = new TreeSet<>();
        if (Files.isSymbolicLink(data)) {
            problems.add(new Problem("data", "is a symbolic link; not followed"));
            return oxum;
        }
        try (Stream<Path> files = Files.walk(data)) {
            files.forEach(f -> {
                String rel = bag.relativize(f).toString().replace('\\', '/');
                if (Files.isSymbolicLink(f)) {
                    problems.add(new Problem(rel, "is a symbolic link; a bag holds only real files and folders"));
                    return;
                }
                if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    return;
                }
                seen.add(rel);
                try {
                    oxum[0] += Files.size(f);
                } catch (IOException e) {
                    problems.add(new Problem(rel, "unreadable: " + e.getMessage()));
                }
                oxum[1]++;
            });
        } catch (IOException e) {
            problems.add(new Problem("data", "cannot list: " + e.getMessage()));
        }
        for (String rel : seen) {
            if (!manifest.containsKey(rel)) {
                problems.add(new Problem(rel, "not listed in manifest-sha256.txt"));
            }
        }
        return oxum;
    }

    private void checkOxum(String declared, long[] actual) {
        if (declared == null) {
            if (canonical) {
                problems.add(new Problem("bag-info.txt", "no Payload-Oxum"));
            }
            return;
        }
        if (!declared.matches("[0-9]{1,19}\\.[0-9]{1,19}")) {
            problems.add(new Problem("bag-info.txt", "Payload-Oxum is not <bytes>.<files>: " + declared));
            return;
        }
        String found = actual[0] + "." + actual[1];
        if (!declared.equals(found)) {
            problems.add(new Problem("bag-info.txt", "Payload-Oxum says " + declared + " but the payload is " + found));
        }
    }

    private Path resolve(String path) {
        Path root = bag.toAbsolutePath().normalize();
        try {
            Path p = root.resolve(path).normalize();
            return p.startsWith(root) && !p.equals(root) ? p : null;
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    /**
     * The first component of {@code file}'s path below the bag's root that is a symbolic link, as a
     * bag-relative path; {@code null} when there is none.
     */
    private String linkOnTheWay(Path file) {
        Path root = bag.toAbsolutePath().normalize();
        Path at = root;
        for (Path part : root.relativize(file)) {
            at = at.resolve(part);
            if (Files.isSymbolicLink(at)) {
                return root.relativize(at).toString().replace('\\', '/');
            }
        }
        return null;
    }

    private String read(String name) {
        Path p = bag.resolve(name);
        if (Files.isSymbolicLink(p)) {
            problems.add(new Problem(name, "is a symbolic link; not followed"));
            return null;
        }
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add(new Problem(name, "unreadable or not UTF-8"));
            return "";
        }
    }

    /** "Label: value" lines; a line starting with a blank continues the previous value. */
    static Map<String, String> fields(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        String last = null;
        for (String line : text.split("\r?\n")) {
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && last != null) {
                out.put(last, out.get(last) + " " + line.strip());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            last = line.substring(0, colon).strip();
            out.putIfAbsent(last, line.substring(colon + 1).strip());
        }
        return out;
    }

    static String hash(Path file) throws IOException {
        MessageDigest md = BagWriter.sha256();
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
