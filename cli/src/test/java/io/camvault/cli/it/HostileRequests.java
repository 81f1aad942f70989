package io.camvault.cli.it;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded generator of malformed requests. Every request it makes carries at least one defect
 * that must be refused with a 4xx whatever else the server accepts (a request that a correct
 * server could answer with 2xx is a generator bug). Raw probes carry bytes that cannot be said
 * with java.net.http: garbage, broken framing, unnormalised paths, oversized headers.
 */
final class HostileRequests {

    /** One generated request. */
    sealed interface Probe permits HttpProbe, RawProbe {
        String category();

        String description();
    }

    record HttpProbe(String category, String description, HttpRequest request) implements Probe {
    }

    /**
     * @param shutdownOutput send EOF after the bytes (garbage that never ends a request line)
     * @param closeAllowed   the server may close without answering (bytes that are not HTTP)
     * @param afterContinue  body sent only if the server answers {@code 100 Continue} (null: none)
     */
    record RawProbe(String category, String description, byte[] bytes, boolean shutdownOutput, boolean closeAllowed,
                    byte[] afterContinue) implements Probe {
        RawProbe(String category, String description, byte[] bytes, boolean shutdownOutput, boolean closeAllowed) {
            this(category, description, bytes, shutdownOutput, closeAllowed, null);
        }
    }

    /** What the generator may aim at: tokens and unfinished uploads made for the purpose. */
    record Targets(URI base, String dock, String otherDock, String clerk, String recorderToken, String recorderSerial,
                   List<Victim> victims, List<Victim> checksumVictims, String incompletePartial, String officer) {
    }

    /** An unfinished upload: its path, its offset (never changed by a probe) and its length. */
    record Victim(String path, long offset, long length) {
    }

    static final String[] REQUIRED_KEYS = {"officer", "recorder", "recordedStart", "recordedEnd"};

    private final SplittableRandom rnd;
    private final Targets t;

    HostileRequests(long seed, Targets targets) {
        this.rnd = new SplittableRandom(seed);
        this.t = targets;
    }

    List<Probe> generate(int count) {
        List<Probe> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int k = rnd.nextInt(100);
            Probe p;
            if (k < 26) {
                p = creation();
            } else if (k < 48) {
                p = patch();
            } else if (k < 52) {
                p = checksumVictimPatch();
            } else if (k < 57) {
                p = head();
            } else if (k < 62) {
                p = delete();
            } else if (k < 67) {
                p = api();
            } else if (k < 70) {
                p = unknownMethod();
            } else {
                p = raw();
            }
            out.add(p);
        }
        return out;
    }

    // ---- tus creation --------------------------------------------------------------------------

    private Probe creation() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Tus-Resumable", "1.0.0");
        h.put("Upload-Length", "4096");
        Map<String, String> meta = validMetadata();
        String token = t.dock();
        List<String> defects = new ArrayList<>();
        if (rnd.nextInt(4) == 0) {
            defects.add(extraOddity(meta, h)); // first, so the certain defects below override it
        }
        int n = 1 + rnd.nextInt(3);
        boolean metaRaw = false;
        String rawMeta = null;
        for (int i = 0; i < n; i++) {
            switch (rnd.nextInt(7)) {
                case 0 -> defects.add(badTusResumable(h));
                case 1 -> defects.add(badUploadLength(h));
                case 2, 3 -> {
                    String[] d = badMetadata(meta);
                    defects.add(d[0]);
                    if (d[1] != null) {
                        metaRaw = true;
                        rawMeta = d[1];
                    }
                }
                case 4 -> {
                    String[] d = badToken(true);
                    defects.add(d[0]);
                    token = d[1];
                    if ("recorder-other-serial".equals(d[0])) {
                        meta.put("recorder", "OTHR" + (100 + rnd.nextInt(900)));
                    }
                }
                case 5 -> defects.add(badConcat(h));
                default -> defects.add(badDefer(h));
            }
        }
        if (metaRaw) {
            h.put("Upload-Metadata", rawMeta);
        } else if (meta != null && !h.containsKey("Upload-Metadata")) {
            h.put("Upload-Metadata", Api.encodeMetadata(meta));
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(t.base().resolve("/files/")).timeout(Duration.ofSeconds(20));
        h.forEach((k, v) -> {
            if (v != null) {
                b.header(k, v);
            }
        });
        auth(b, token);
        return new HttpProbe("creation", "POST /files/ " + defects, b.POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private Map<String, String> validMetadata() {
        return new LinkedHashMap<>(Api.metadata(t.officer(), "HOST" + (100 + rnd.nextInt(900)), "hostile.mp4", null));
    }

    private String badTusResumable(Map<String, String> h) {
        String[] bad = {null, "0.2.2", "1.0", "", "1.0.0.0", "2.0.0", "1.0.0-beta", "x".repeat(200), "1,0,0"};
        String v = bad[rnd.nextInt(bad.length)];
        h.put("Tus-Resumable", v);
        return "tus-resumable=" + abbreviate(v);
    }

    private String badUploadLength(Map<String, String> h) {
        String[] bad = {"-1", "-4096", "-9223372036854775808", "abc", "", "1e9", "0x1000", "99999999999999999999999",
                Long.toString(Long.MAX_VALUE), "4096, 4096", "1.5", "4096abc", "٤٠٩٦", "NaN", null};
        String v = bad[rnd.nextInt(bad.length)];
        if ("٤٠٩٦".equals(v)) {
            v = "-0x7f"; // java.net.http sends only ASCII values; raw probes cover the rest
        }
        h.put("Upload-Length", v);
        h.remove("Upload-Defer-Length");
        return "upload-length=" + v;
    }

    /** Returns {defect, raw header value or null}; may change {@code meta} in place. */
    private String[] badMetadata(Map<String, String> meta) {
        switch (rnd.nextInt(9)) {
            case 0 -> {
                meta.clear();
                return new String[]{"metadata-missing", ""};
            }
            case 1 -> {
                String key = REQUIRED_KEYS[rnd.nextInt(REQUIRED_KEYS.length)];
                meta.remove(key);
                return new String[]{"missing-key-" + key, null};
            }
            case 2 -> {
                String key = REQUIRED_KEYS[rnd.nextInt(REQUIRED_KEYS.length)];
                meta.put(key, "");
                return new String[]{"empty-" + key, null};
            }
            case 3 -> {
                String[] bad = {"yesterday", "2026-13-45T00:00:00+08:00", "2026-11-20T08:00:00", "2026-11-20",
                        "1700000000", "2026-11-20T25:61:00+08:00", "2026-02-30T08:00:00+08:00", "2026-11-20T08:00:00+25:00"};
                String key = rnd.nextBoolean() ? "recordedStart" : "recordedEnd";
                String v = bad[rnd.nextInt(bad.length)];
                meta.put(key, v);
                return new String[]{"bad-date-" + key + "=" + v, null};
            }
            case 4 -> {
                String[] bad = {"sometimes", "SCHEDULED!", "marked important", "0", "null"};
                String v = bad[rnd.nextInt(bad.length)];
                meta.put("trigger", v);
                return new String[]{"bad-trigger=" + v, null};
            }
            case 5 -> {
                String[] bad = {"fast", "1.5e3", "--3", "0x10", "99999999999999999999999"};
                String v = bad[rnd.nextInt(bad.length)];
                meta.put("clockDriftMs", v);
                return new String[]{"bad-clockDriftMs=" + v, null};
            }
            case 6 -> {
                String[] bad = {"xyz", "abc123", "0".repeat(63), "g".repeat(64), "0".repeat(65), "0x" + "a".repeat(62)};
                String v = bad[rnd.nextInt(bad.length)];
                meta.put("sha256", v);
                return new String[]{"bad-digest=" + abbreviate(v), null};
            }
            case 7 -> {
                String enc = Api.encodeMetadata(meta);
                String[] variants = {
                        enc.replaceFirst("officer [^,]+", "officer !!!not-base64!!!"),
                        enc.replaceFirst("recorder [^,]+", "recorder ===="),
                        enc.replaceFirst("officer [^,]+", "officer A"),
                        enc.replaceFirst("recordedStart [^,]+", "recordedStart %%%%"),
                };
                int i = rnd.nextInt(variants.length);
                return new String[]{"bad-metadata-syntax-" + i, variants[i]};
            }
            default -> {
                int size = 17_000 + rnd.nextInt(40_000);
                return new String[]{"oversized-metadata-" + size,
                        Api.encodeMetadata(meta) + ",padding " + "QUFB".repeat(size / 4)};
            }
        }
    }

    /**
     * Oddities a lenient server might accept on their own (so never the only defect of a
     * request): end before start, paths and control characters in identity fields, a method
     * override. Added on top of a certain defect, they test that nothing odd slips through.
     */
    private String extraOddity(Map<String, String> meta, Map<String, String> h) {
        switch (rnd.nextInt(5)) {
            case 0 -> {
                meta.put("recordedStart", "2026-11-20T10:00:00+08:00");
                meta.put("recordedEnd", "2026-11-20T09:00:00+08:00");
                return "+end-before-start";
            }
            case 1 -> {
                meta.put("officer", "../../etc/passwd");
                meta.put("recorder", "../../../");
                return "+traversal-in-metadata";
            }
            case 2 -> {
                meta.put("officer", "\u0000\u0001");
                return "+control-chars";
            }
            case 3 -> {
                meta.put("filename", "../../../../etc/cron.d/x");
                return "+traversal-filename";
            }
            default -> {
                h.put("X-HTTP-Method-Override", "DELETE");
                return "+method-override-delete";
            }
        }
    }

    /** Returns {defect, token-or-null}. */
    private String[] badToken(boolean creating) {
        int k = rnd.nextInt(creating ? 7 : 6);
        return switch (k) {
            case 0 -> new String[]{"no-token", null};
            case 1 -> new String[]{"wrong-token", "cv_" + HexFormat.of().formatHex(randomBytes(24))};
            case 2 -> new String[]{"truncated-token", t.dock().substring(0, t.dock().length() / 2)};
            case 3 -> new String[]{"token-10k", "A".repeat(10_000)};
            case 4 -> new String[]{"clerk-token", t.clerk()};
            case 5 -> new String[]{"basic-auth", "BASIC"};
            default -> new String[]{"recorder-other-serial", t.recorderToken()};
        };
    }

    private String badConcat(Map<String, String> h) {
        String[] bad = {"bogus", "final;", "final;/files/doesnotexist", "final;/etc/passwd",
                "final;http://127.0.0.2:1/files/x", "final;/files/../../etc/passwd",
                "final;" + t.incompletePartial(), "final;" + t.incompletePartial() + " " + t.incompletePartial(),
                "partial;final", "final " + t.incompletePartial()};
        String v = bad[rnd.nextInt(bad.length)];
        h.put("Upload-Concat", v);
        if (v.startsWith("final")) {
            h.remove("Upload-Length");
        }
        return "concat=" + v;
    }

    private String badDefer(Map<String, String> h) {
        if (rnd.nextBoolean()) {
            h.remove("Upload-Length");
            String v = rnd.nextBoolean() ? "2" : "yes";
            h.put("Upload-Defer-Length", v);
            return "defer-length=" + v;
        }
        // Both headers: a client that does not know whether it knows the length. tusd answers 400.
        if (h.get("Upload-Length") == null) {
            h.put("Upload-Length", "4096");
        }
        h.put("Upload-Defer-Length", "1");
        return "length-and-defer";
    }

    // ---- PATCH ---------------------------------------------------------------------------------

    private Probe patch() {
        Victim v = t.victims().get(rnd.nextInt(t.victims().size()));
        String path = v.path();
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Tus-Resumable", "1.0.0");
        h.put("Upload-Offset", Long.toString(v.offset()));
        h.put("Content-Type", "application/offset+octet-stream");
        String token = t.dock();
        int bodyLen = 1 + rnd.nextInt((int) Math.min(4096, v.length() - v.offset() - 1));
        List<String> defects = new ArrayList<>();
        int n = 1 + rnd.nextInt(2);
        for (int i = 0; i < n; i++) {
            switch (rnd.nextInt(8)) {
                case 0 -> {
                    String[] bad = {Long.toString(v.offset() + 1 + rnd.nextInt(1000)), "-5", "abc", null, "",
                            "99999999999999999999", Long.toString(v.length()), v.offset() + ", " + v.offset()};
                    String o = bad[rnd.nextInt(bad.length)];
                    if (v.offset() > 0 && rnd.nextBoolean()) {
                        o = Long.toString(v.offset() - 1);
                    }
                    h.put("Upload-Offset", o);
                    defects.add("offset=" + o);
                }
                case 1 -> {
                    String[] bad = {null, "text/plain", "application/octet-stream", "multipart/form-data; boundary=x",
                            "application/json", ""};
                    String c = bad[rnd.nextInt(bad.length)];
                    h.put("Content-Type", c);
                    defects.add("content-type=" + c);
                }
                case 2 -> defects.add(badTusResumable(h));
                case 3 -> {
                    String[] d = badToken(false);
                    defects.add(d[0]);
                    token = d[1];
                }
                case 4 -> {
                    bodyLen = (int) (v.length() - v.offset()) + 1 + rnd.nextInt(5000);
                    defects.add("body-past-upload-length");
                }
                case 5 -> {
                    String[] bad = {"sha1 " + Base64.getEncoder().encodeToString(randomBytes(20)),
                            "sha256 " + Base64.getEncoder().encodeToString(randomBytes(32)),
                            "md5 " + Base64.getEncoder().encodeToString(randomBytes(16)),
                            "sha256", "sha256 !!!not-base64!!!", "crc32 AAAA", "sha1 " + "A".repeat(3)};
                    String c = bad[rnd.nextInt(bad.length)];
                    h.put("Upload-Checksum", c);
                    defects.add("checksum=" + abbreviate(c));
                }
                case 6 -> {
                    String[] bad = {"/files/" + HexFormat.of().formatHex(randomBytes(16)), "/files/..%2F..%2Fetc%2Fpasswd",
                            "/files/%2e%2e/%2e%2e/etc/passwd", "/files/" + "a".repeat(300), "/files/%00",
                            path + "/extra", "/files/" + path.substring(path.lastIndexOf('/') + 1) + ".part"};
                    path = bad[rnd.nextInt(bad.length)];
                    defects.add("path=" + abbreviate(path));
                }
                default -> {
                    h.put("Upload-Length", Long.toString(v.length() + 1 + rnd.nextInt(100)));
                    h.put("Upload-Offset", Long.toString(v.offset() + 1));
                    defects.add("length-change-and-offset");
                }
            }
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(t.base().resolve(path)).timeout(Duration.ofSeconds(20));
        h.forEach((k, val) -> {
            if (val != null) {
                b.header(k, val);
            }
        });
        auth(b, token);
        byte[] body = randomBytes(bodyLen);
        return new HttpProbe("patch", "PATCH " + abbreviate(path) + " " + defects,
                b.method("PATCH", HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** The whole remaining body, otherwise valid, but not the bytes whose sha256 was declared: 460. */
    private Probe checksumVictimPatch() {
        Victim v = t.checksumVictims().get(rnd.nextInt(t.checksumVictims().size()));
        HttpRequest r = HttpRequest.newBuilder(t.base().resolve(v.path())).timeout(Duration.ofSeconds(20))
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Offset", Long.toString(v.offset()))
                .header("Content-Type", "application/offset+octet-stream")
                .header("Authorization", "Bearer " + t.dock())
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(randomBytes((int) (v.length() - v.offset()))))
                .build();
        return new HttpProbe("declared-sha256-mismatch", "PATCH " + v.path() + " whole body, wrong bytes", r);
    }

    // ---- HEAD, DELETE, API, methods ------------------------------------------------------------

    private Probe head() {
        Victim v = t.victims().get(rnd.nextInt(t.victims().size()));
        String path = v.path();
        String token = t.dock();
        String tus = "1.0.0";
        String defect;
        switch (rnd.nextInt(4)) {
            case 0 -> {
                String[] d = badToken(false);
                defect = d[0];
                token = d[1];
                if ("clerk-token".equals(defect)) {
                    token = null;
                    defect = "no-token";
                }
            }
            case 1 -> {
                tus = rnd.nextBoolean() ? null : "0.2.2";
                defect = "tus-resumable=" + tus;
            }
            case 2 -> {
                path = "/files/" + HexFormat.of().formatHex(randomBytes(16));
                defect = "unknown-id";
            }
            default -> {
                path = "/files/..%2F..%2Fetc%2Fpasswd";
                defect = "traversal";
            }
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(t.base().resolve(path)).timeout(Duration.ofSeconds(20))
                .method("HEAD", HttpRequest.BodyPublishers.noBody());
        if (tus != null) {
            b.header("Tus-Resumable", tus);
        }
        auth(b, token);
        return new HttpProbe("head", "HEAD " + path + " " + defect, b.build());
    }

    private Probe delete() {
        Victim v = t.victims().get(rnd.nextInt(t.victims().size()));
        String path = v.path();
        String token;
        String tus = "1.0.0";
        String defect;
        switch (rnd.nextInt(5)) {
            case 0 -> {
                token = t.clerk();
                defect = "clerk-terminates";
            }
            case 1 -> {
                token = t.otherDock();
                defect = "other-dock-terminates";
            }
            case 2 -> {
                token = rnd.nextBoolean() ? null : "wrong";
                defect = "bad-token";
            }
            case 3 -> {
                token = t.dock();
                tus = rnd.nextBoolean() ? null : "9.9.9";
                defect = "tus-resumable=" + tus;
            }
            default -> {
                token = t.dock();
                path = "/files/" + HexFormat.of().formatHex(randomBytes(16));
                defect = "unknown-id";
            }
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(t.base().resolve(path)).timeout(Duration.ofSeconds(20)).DELETE();
        if (tus != null) {
            b.header("Tus-Resumable", tus);
        }
        auth(b, token);
        return new HttpProbe("delete", "DELETE " + path + " " + defect, b.build());
    }

    private Probe api() {
        String[][] cases = {
                {"/api/v1/segments?officer=" + t.officer(), null},
                {"/api/v1/segments?officer=" + t.officer(), "wrong"},
                {"/api/v1/segments/" + HexFormat.of().formatHex(randomBytes(16)), t.clerk()},
                {"/api/v1/segments/..%2F..%2Fetc%2Fpasswd", t.clerk()},
                {"/api/v1/segments?officer=" + t.officer() + "&from=garbage", t.clerk()},
                {"/api/v1/segments?officer=" + t.officer() + "&cursor=%00%01notacursor", t.clerk()},
                {"/api/v1/nothing-here", t.clerk()},
        };
        String[] c = cases[rnd.nextInt(cases.length)];
        HttpRequest.Builder b = HttpRequest.newBuilder(t.base().resolve(c[0])).timeout(Duration.ofSeconds(20)).GET();
        auth(b, c[1]);
        return new HttpProbe("api", "GET " + c[0] + (c[1] == null ? " no-token" : ""), b.build());
    }

    private Probe unknownMethod() {
        String[] methods = {"BREW", "PROPFIND", "FOO", "MKCOL", "LOCK", "PURGE", "TRACE"};
        String m = methods[rnd.nextInt(methods.length)];
        String path = rnd.nextBoolean() ? "/files/" : t.victims().get(0).path();
        HttpRequest r = HttpRequest.newBuilder(t.base().resolve(path)).timeout(Duration.ofSeconds(20))
                .header("Tus-Resumable", "1.0.0").header("Authorization", "Bearer " + t.dock())
                .method(m, HttpRequest.BodyPublishers.noBody()).build();
        return new HttpProbe("method", m + " " + path, r);
    }

    // ---- raw bytes -----------------------------------------------------------------------------

    private Probe raw() {
        String hostLine = "Host: " + t.base().getHost() + ":" + t.base().getPort() + "\r\n";
        Victim v = t.victims().get(rnd.nextInt(t.victims().size()));
        String validCreate = "Tus-Resumable: 1.0.0\r\nUpload-Length: 4096\r\nUpload-Metadata: "
                + Api.encodeMetadata(validMetadata()) + "\r\nAuthorization: Bearer " + t.dock() + "\r\n";
        switch (rnd.nextInt(10)) {
            case 0 -> {
                byte[] junk = randomBytes(1 + rnd.nextInt(3000));
                return new RawProbe("garbage", "random bytes x" + junk.length, junk, true, true);
            }
            case 1 -> {
                String[] lines = {"\r\n\r\n\r\n", "GET\r\n\r\n", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "HTTP/1.1 200 OK\r\n\r\n",
                        "POST /files/ HTTP/1.1 extra\r\n\r\n", "POST /files/ HTTP/9.9\r\n" + hostLine + "\r\n",
                        "POST /files/\r\n\r\n", "post /files/ http/1.1\r\n\r\n", " POST /files/ HTTP/1.1\r\n\r\n",
                        "POST\t/files/\tHTTP/1.1\r\n\r\n", "\u0000\u0000\u0000\r\n\r\n",
                        "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003"};
                String s = lines[rnd.nextInt(lines.length)];
                return new RawProbe("bad-request-line", abbreviate(s), s.getBytes(StandardCharsets.ISO_8859_1), true, true);
            }
            case 2 -> {
                String uri = "/files/" + "x".repeat(5000 + rnd.nextInt(20_000));
                String s = "HEAD " + uri + " HTTP/1.1\r\n" + hostLine + "Tus-Resumable: 1.0.0\r\nConnection: close\r\n\r\n";
                return new RawProbe("long-uri", "HEAD /files/x*" + uri.length(), ascii(s), false, false);
            }
            case 3 -> {
                int size = 17_000 + rnd.nextInt(45_000);
                String s = "POST /files/ HTTP/1.1\r\n" + hostLine + validCreate + "X-Pad: " + "p".repeat(size)
                        + "\r\nConnection: close\r\n\r\n";
                return new RawProbe("huge-header", "X-Pad x" + size, ascii(s), false, false);
            }
            case 4 -> {
                StringBuilder sb = new StringBuilder("POST /files/ HTTP/1.1\r\n" + hostLine + validCreate);
                int count = 1700 + rnd.nextInt(2000);
                for (int i = 0; i < count; i++) {
                    sb.append("X-H").append(i).append(": v\r\n");
                }
                sb.append("Connection: close\r\n\r\n");
                return new RawProbe("many-headers", count + " headers", ascii(sb.toString()), false, false);
            }
            case 5 -> {
                String[] paths = {"/files/../../etc/passwd", "/files/../../../../../../etc/shadow", "/../files/../etc/passwd",
                        "/files/./../../root/.ssh/id_rsa", "/files//etc/passwd", "/files/..\\..\\etc\\passwd",
                        "/files/%2e%2e/%2e%2e/etc/passwd", "/files/..;/..;/etc/passwd", "//etc/passwd",
                        "/files/\u00e9\u00e8/../../x", "http://127.0.0.2:9/files/../../etc/passwd"};
                String p = paths[rnd.nextInt(paths.length)];
                String m = rnd.nextBoolean() ? "POST" : "PATCH";
                String s = m + " " + p + " HTTP/1.1\r\n" + hostLine + validCreate
                        + (m.equals("PATCH") ? "Upload-Offset: 0\r\nContent-Type: application/offset+octet-stream\r\n" : "")
                        + "Content-Length: 4\r\nConnection: close\r\n\r\nroot";
                return new RawProbe("path-traversal", m + " " + p, s.getBytes(StandardCharsets.UTF_8), false, false);
            }
            case 6 -> {
                // More bytes than Content-Length on a PATCH that is refused anyway (wrong offset).
                int declared = 10 + rnd.nextInt(100);
                String s = "PATCH " + v.path() + " HTTP/1.1\r\n" + hostLine + "Tus-Resumable: 1.0.0\r\nUpload-Offset: "
                        + (v.offset() + 7) + "\r\nContent-Type: application/offset+octet-stream\r\nAuthorization: Bearer "
                        + t.dock() + "\r\nContent-Length: " + declared + "\r\n\r\n";
                byte[] head = ascii(s);
                byte[] body = randomBytes(declared + 1 + rnd.nextInt(2000));
                return new RawProbe("body-past-content-length", "PATCH wrong offset, CL " + declared + " body "
                        + body.length, concat(head, body), false, false);
            }
            case 7 -> {
                String[] framing = {"Content-Length: -5\r\n", "Content-Length: abc\r\n", "Content-Length: 5\r\nContent-Length: 9\r\n",
                        "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", "Transfer-Encoding: gzip, chunked, identity\r\n",
                        "Content-Length: 99999999999999999999999\r\n"};
                String f = framing[rnd.nextInt(framing.length)];
                String s = "PATCH " + v.path() + " HTTP/1.1\r\n" + hostLine + "Tus-Resumable: 1.0.0\r\nUpload-Offset: "
                        + (v.offset() + 3) + "\r\nContent-Type: application/offset+octet-stream\r\nAuthorization: Bearer "
                        + t.dock() + "\r\n" + f + "Connection: close\r\n\r\n0\r\n\r\n";
                return new RawProbe("bad-framing", f.strip().replace("\r\n", " | "), ascii(s), true, true);
            }
            case 8 -> {
                // Chunked body with a broken chunk header, on a PATCH that is refused anyway (no token).
                String s = "PATCH " + v.path() + " HTTP/1.1\r\n" + hostLine + "Tus-Resumable: 1.0.0\r\nUpload-Offset: "
                        + v.offset() + "\r\nContent-Type: application/offset+octet-stream\r\nTransfer-Encoding: chunked\r\n"
                        + "Connection: close\r\n\r\nzz\r\nhello\r\n0\r\n\r\n";
                return new RawProbe("bad-chunked", "chunk size zz, no token", ascii(s), true, true);
            }
            default -> {
                String[] expect = {"100-continue", "200-ok", "100-continue, foo"};
                String e = expect[rnd.nextInt(expect.length)];
                boolean badToken = e.equals("100-continue");
                String s = "PATCH " + v.path() + " HTTP/1.1\r\n" + hostLine + "Tus-Resumable: 1.0.0\r\nUpload-Offset: "
                        + v.offset() + "\r\nContent-Type: application/offset+octet-stream\r\nAuthorization: Bearer "
                        + (badToken ? "nope" : t.dock()) + "\r\nExpect: " + e + "\r\nContent-Length: 16\r\nConnection: close\r\n\r\n"
                        + (badToken ? "" : "0123456789abcdef");
                return new RawProbe("expect", "Expect: " + e + (badToken ? " bad token, body held back" : ""), ascii(s),
                        false, false, badToken ? ascii("0123456789abcdef") : null);
            }
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static void auth(HttpRequest.Builder b, String token) {
        if (token == null) {
            return;
        }
        if ("BASIC".equals(token)) {
            b.header("Authorization", "Basic " + b64("admin:admin"));
        } else {
            b.header("Authorization", "Bearer " + token);
        }
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) rnd.nextInt(256);
        }
        return b;
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(a.length + b.length);
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "null";
        }
        String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() <= 60 ? printable : printable.substring(0, 57) + "...";
    }
}
