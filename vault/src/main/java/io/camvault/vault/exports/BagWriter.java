package io.camvault.vault.exports;

import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a BagIt 1.0 bag (RFC 8493): payload files under {@code data/}, then
 * {@code manifest-sha256.txt}, {@code bagit.txt}, {@code bag-info.txt} and
 * {@code tagmanifest-sha256.txt}. Every file is hashed while it is written, so nothing is read
 * twice. Where the files go is a {@link Sink}: a directory, or a zip stream (how the gateway
 * delivers a bag without first laying it out on disk).
 *
 * <p>Manifest lines are {@code <lowercase hex><two spaces><path>}: the RFC's form and also the one
 * {@code sha256sum -c} reads. Paths are percent-encoded for CR, LF and {@code %} as RFC 8493 §2.1.3
 * requires; {@link #safeName} keeps callers' file names free of those anyway.
 */
public final class BagWriter {
    /** Written into bag-info.txt; {@link BagVerifier} holds bags carrying it to the canonical form. */
    public static final String SOFTWARE_AGENT = "camvault";
    public static final String BAGIT_TXT = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";

    /** Where a bag's files go. Paths are bag-relative with forward slashes. */
    public interface Sink extends Closeable {
        /** A stream for a new file; closing it ends the file. */
        OutputStream create(String path) throws IOException;
    }

    private final Sink sink;
    private final Map<String, String> manifest = new LinkedHashMap<>();
    private long payloadBytes;
    private boolean finished;

    public BagWriter(Sink sink) {
        this.sink = sink;
    }

    /** Adds a payload file at {@code data/<relativePath>}, copying {@code in} to the end; returns its SHA-256 (hex). */
    public String payload(String relativePath, InputStream in) throws IOException {
        String path = "data/" + checkPath(relativePath);
        if (manifest.containsKey(path)) {
            throw new IllegalArgumentException("duplicate payload path " + path);
        }
        String digest = write(path, in);
        manifest.put(path, digest);
        return digest;
    }

    public String payload(String relativePath, byte[] bytes) throws IOException {
        return payload(relativePath, new java.io.ByteArrayInputStream(bytes));
    }

    /**
     * Writes the tag files and closes the sink. {@code info} holds bag-info.txt labels in order;
     * Bagging-Date, Payload-Oxum and Bag-Software-Agent are added here.
     */
    public void finish(List<Map.Entry<String, String>> info, LocalDate baggingDate) throws IOException {
        if (finished) {
            throw new IllegalStateException("bag already finished");
        }
        finished = true;
        try (sink) {
            Map<String, String> tags = new LinkedHashMap<>();
            tags.put("bagit.txt", write("bagit.txt", BAGIT_TXT));
            tags.put("manifest-sha256.txt", write("manifest-sha256.txt", manifestText(manifest)));
            List<Map.Entry<String, String>> all = new ArrayList<>(info);
            all.add(Map.entry("Bagging-Date", baggingDate.toString()));
            all.add(Map.entry("Payload-Oxum", payloadBytes + "." + manifest.size()));
            all.add(Map.entry("Bag-Software-Agent", SOFTWARE_AGENT));
            StringBuilder bagInfo = new StringBuilder();
            for (Map.Entry<String, String> e : all) {
                bagInfo.append(e.getKey()).append(": ").append(oneLine(e.getValue())).append('\n');
            }
            tags.put("bag-info.txt", write("bag-info.txt", bagInfo.toString()));
            write("tagmanifest-sha256.txt", manifestText(tags));
        }
    }

    public long payloadBytes() {
        return payloadBytes;
    }

    public int payloadFiles() {
        return manifest.size();
    }

    private String write(String path, String text) throws IOException {
        return write(path, new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private String write(String path, InputStream in) throws IOException {
        MessageDigest md = sha256();
        long n;
        try (OutputStream out = new DigestOutputStream(sink.create(path), md)) {
            n = in.transferTo(out);
        }
        if (path.startsWith("data/")) {
            payloadBytes += n;
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static String manifestText(Map<String, String> entries) {
        StringBuilder sb = new StringBuilder();
        entries.forEach((path, hex) -> sb.append(hex).append("  ").append(encodePath(path)).append('\n'));
        return sb.toString();
    }

    /** RFC 8493 §2.1.3: CR, LF and % in a manifest path are percent-encoded. */
    static String encodePath(String path) {
        return path.replace("%", "%25").replace("\n", "%0A").replace("\r", "%0D");
    }

    static String decodePath(String path) {
        return path.replace("%0A", "\n").replace("%0a", "\n").replace("%0D", "\r").replace("%0d", "\r")
                .replace("%25", "%");
    }

    /**
     * A file name safe in a bag, in a manifest line and on any file system: letters and digits
     * (any script), dot, dash and underscore kept; everything else becomes {@code _}; no leading dot.
     */
    public static String safeName(String name) {
        if (name == null || name.isBlank()) {
            return "original";
        }
        StringBuilder sb = new StringBuilder();
        name.codePoints().limit(120).forEach(cp -> sb.appendCodePoint(
                Character.isLetterOrDigit(cp) || cp == '.' || cp == '-' || cp == '_' ? cp : '_'));
        while (sb.length() > 0 && sb.charAt(0) == '.') {
            sb.setCharAt(0, '_');
        }
        return sb.toString();
    }

    private static String checkPath(String p) {
        if (p == null || p.isEmpty() || p.startsWith("/") || p.contains("\\") || p.contains("\0")) {
            throw new IllegalArgumentException("bad payload path: " + p);
        }
        for (String part : p.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("bad payload path: " + p);
            }
        }
        return p;
    }

    private static String oneLine(String v) {
        return v == null ? "" : v.replace('\r', ' ').replace('\n', ' ').strip();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    // ---- sinks ---------------------------------------------------------------------------------

    /** Lays the bag out under {@code dir}, which must be empty or absent. */
    public static Sink directory(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (var entries = Files.list(dir)) {
            if (entries.findAny().isPresent()) {
                throw new IOException("bag directory " + dir + " is not empty");
            }
        }
        Path root = dir.toAbsolutePath().normalize();
        return new Sink() {
            @Override
            public OutputStream create(String path) throws IOException {
                Path target = root.resolve(path).normalize();
                if (!target.startsWith(root) || target.equals(root)) {
                    throw new IOException("bag path escapes the bag: " + path);
                }
                Files.createDirectories(target.getParent());
                return Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * Writes the bag as a zip stream (entries stored without compression: footage does not shrink
     * and the CPU is better spent on ingest). Closing the sink finishes the zip and closes {@code out}.
     */
    public static Sink zip(OutputStream out) {
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        zip.setLevel(Deflater.NO_COMPRESSION);
        return new Sink() {
            @Override
            public OutputStream create(String path) throws IOException {
                zip.putNextEntry(new ZipEntry(path));
                return new FilterOutputStream(zip) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        zip.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        zip.closeEntry();
                    }
                };
            }

            @Override
            public void close() throws IOException {
                zip.close();
            }
        };
    }
}
