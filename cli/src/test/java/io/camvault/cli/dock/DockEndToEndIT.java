package io.camvault.cli.dock;

import static org.assertj.core.api.Assertions.assertThat;

import io.camvault.cli.CamvaultMain;
import io.camvault.cli.ExitCodes;
import io.camvault.gateway.GatewayConfig;
import io.camvault.gateway.GatewayServer;
import io.camvault.vault.Vault;
import io.camvault.vault.VaultConfig;
import io.camvault.vault.auth.IssuedToken;
import io.camvault.vault.model.Role;
import io.camvault.vault.model.Segment;
import io.camvault.vault.model.Sha256;
import io.camvault.vault.model.Trigger;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent against a real daemon (gateway over a RocksDB vault) in-process, with real tus uploads. */
class DockEndToEndIT {
    static final String SERIAL = "A123456";
    static final String FIRST = "DCIM/A123456_012345_20250301083000.mp4";
    static final String BIG = "DCIM/A123456_012345_20250301090000_IMP.mp4";
    static final String LAST = "DCIM/notes.bin";
    static final int BIG_SIZE = 3 * 1024 * 1024 + 17;

    @TempDir
    Path dir;
    Vault vault;
    GatewayServer server;
    String token;
    Path mount;
    final Map<String, String> hashes = new LinkedHashMap<>();

    @BeforeEach
    void start() throws Exception {
        vault = Vault.open(VaultConfig.defaults(dir.resolve("data")), Clock.systemUTC());
        IssuedToken[] issued = new IssuedToken[1];
        vault.commit(b -> issued[0] = vault.principals().create(b, "hall-1-dock", Set.of(Role.DOCK), null,
                vault.clock().instant()), List.of());
        token = issued[0].token();
        startServer(0);
        mount = Files.createDirectories(dir.resolve("usb").resolve("rec1"));
        Files.writeString(mount.resolve(DeviceInfo.INSIDE), """
                {"serial":"A123456","badge":"012345","unit":"330100000000","officerName":"Zhang San","clockDriftMs":-1200}
                """);
        recorderFile(FIRST, 700 * 1024, "2025-03-01T08:45:00Z");
        recorderFile(BIG, BIG_SIZE, "2025-03-01T09:20:00Z");
        recorderFile(LAST, 200 * 1024 + 3, "2025-03-01T10:00:00Z");
        Files.writeString(mount.resolve(".Trash-1000"), "hidden, never docked");
    }

    @AfterEach
    void stop() {
        DockCommand.testListener = null;
        server.close();
        vault.close();
    }

    void startServer(int port) {
        server = GatewayServer.start(GatewayConfig.builder().host("127.0.0.1").port(port).diskReserve(0).build(), vault);
    }

    void recorderFile(String rel, int size, String mtime) throws Exception {
        byte[] b = new byte[size];
        new Random(rel.hashCode()).nextBytes(b);
        Path p = mount.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.write(p, b);
        Files.setLastModifiedTime(p, FileTime.from(Instant.parse(mtime)));
        hashes.put(rel, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b)));
    }

    record Run(int code, String out, String err) {
    }

    Run dock(String... extra) {
        List<String> args = new ArrayList<>(List.of("dock", "--server", "http://127.0.0.1:" + server.port(),
                "--token", token, "--station", "hall-1", "--state", dir.resolve("state").toString(),
                "--receipts", dir.resolve("receipts").toString(), "--zone", "UTC", "--retries", "1",
                "--retry-delay", "10ms", "--request-size", "256KiB"));
        args.addAll(List.of(extra));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CamvaultMain.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    List<Receipt> receipts() throws Exception {
        List<Receipt> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir.resolve("receipts"))) {
            for (Path p : s.sorted().toList()) {
                out.add(Receipt.read(p));
            }
        }
        return out;
    }

    static Receipt.FileEntry entry(Receipt r, String path) {
        return r.files().stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow();
    }

    @Test
    void docksWipesConfirmedFilesAndWritesAReceipt() throws Exception {
        Run run = dock("--wipe", mount.toString());
        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("A123456: 3 committed, 0 already stored, 0 failed, 3 wiped");

        assertThat(Files.exists(mount.resolve(FIRST))).isFalse();
        assertThat(Files.exists(mount.resolve(BIG))).isFalse();
        assertThat(Files.exists(mount.resolve(LAST))).isFalse();
        assertThat(mount.resolve(DeviceInfo.INSIDE)).exists();
        assertThat(mount.resolve(".Trash-1000")).exists();

        Receipt r = receipts().get(0);
        assertThat(r.recorder()).isEqualTo(SERIAL);
        assertThat(r.officer()).isEqualTo("012345");
        assertThat(r.station()).isEqualTo("hall-1");
        assertThat(r.files()).extracting(Receipt.FileEntry::path).containsExactly(FIRST, BIG, LAST);
        for (Receipt.FileEntry f : r.files()) {
            assertThat(f.status()).isEqualTo(Receipt.COMMITTED);
            assertThat(f.sha256()).isEqualTo(hashes.get(f.path()));
            assertThat(f.wiped()).isTrue();
            assertThat(f.confirmation().answeredSegment()).isEqualTo(f.segmentId());
            assertThat(f.confirmation().segmentId()).isEqualTo(f.segmentId());
            assertThat(f.confirmation().sha256()).isEqualTo(f.sha256());
            assertThat(f.confirmation().size()).isEqualTo(f.size());
            Segment s = vault.segments().findByHash(Sha256.ofHex(f.sha256())).orElseThrow();
            assertThat(s.id().toString()).isEqualTo(f.segmentId());
            assertThat(s.size()).isEqualTo(f.size());
        }
        Segment first = vault.segments().findByHash(Sha256.ofHex(hashes.get(FIRST))).orElseThrow();
        assertThat(first.recordedStart()).isEqualTo(Instant.parse("2025-03-01T08:30:00Z"));
        assertThat(first.recordedEnd()).isEqualTo(Instant.parse("2025-03-01T08:45:00Z"));
        assertThat(first.recorderSerial()).isEqualTo(SERIAL);
        assertThat(first.stationId()).isEqualTo("hall-1");
        assertThat(first.clockDriftMs()).isEqualTo(-1200);
        assertThat(first.trigger()).isEqualTo(Trigger.SCHEDULED);
        assertThat(vault.segments().findByHash(Sha256.ofHex(hashes.get(BIG))).orElseThrow().trigger())
                .isEqualTo(Trigger.MARKED);
        // wiped files leave no resume state behind
        assertThat(UploadState.open(dir.resolve("state").resolve(SERIAL)).entries()).isEmpty();
    }

    /** Issue 16: failed before the fix (the files were wiped, no receipt was written). */
    @Test
    void anUnwritableReceiptsFolderWipedFilesWithoutAReceipt_aFileIsWipedOnlyAfterItsEntryIsDurable() throws Exception {
        Path blocker = Files.writeString(dir.resolve("not-a-folder"), "a file where the receipts folder should be");
        List<String> args = new ArrayList<>(List.of("dock", "--server", "http://127.0.0.1:" + server.port(),
                "--token", token, "--station", "hall-1", "--state", dir.resolve("state").toString(),
                "--receipts", blocker.resolve("receipts").toString(), "--zone", "UTC", "--retries", "1",
                "--retry-delay", "10ms", "--request-size", "256KiB", "--wipe", mount.toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CamvaultMain.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));

        assertThat(code).as(out + "" + err).isNotEqualTo(ExitCodes.OK);
        for (String rel : List.of(FIRST, BIG, LAST)) {
            assertThat(mount.resolve(rel)).as(rel + " stays on the recorder: no receipt entry could be written").exists();
            assertThat(vault.segments().findByHash(Sha256.ofHex(hashes.get(rel)))).as(rel + " is stored").isPresent();
        }

        // with a writable folder the same run wipes them, and only the complete receipt remains
        Run again = dock("--wipe", mount.toString());
        assertThat(again.code()).as(again.out() + again.err()).isEqualTo(ExitCodes.OK);
        assertThat(mount.resolve(FIRST)).doesNotExist();
        try (Stream<Path> s = Files.list(dir.resolve("receipts"))) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).singleElement()
                    .satisfies(name -> assertThat(name).endsWith(".json"));
        }
    }

    @Test
    void daemonStoppedMidDockLeavesTheFileOnTheRecorderAndARerunResumesFromTheOffset() throws Exception {
        int port = server.port();
        AtomicBoolean killed = new AtomicBoolean();
        DockCommand.testListener = new DockListener() {
            @Override
            public void uploading(String serial, String path, long offset, long size) {
                if (path.equals(BIG) && offset >= 1024 * 1024 && killed.compareAndSet(false, true)) {
                    server.close(); // the daemon goes away mid-file
                }
            }
        };
        Run first = dock("--wipe", mount.toString());
        assertThat(first.code()).as(first.out() + first.err()).isEqualTo(ExitCodes.FAILURE);
        assertThat(killed).isTrue();
        assertThat(first.out()).contains("failed " + BIG);

        Receipt r1 = receipts().get(0);
        assertThat(entry(r1, FIRST).status()).isEqualTo(Receipt.COMMITTED);
        assertThat(entry(r1, FIRST).wiped()).isTrue();
        assertThat(mount.resolve(FIRST)).doesNotExist();
        Receipt.FileEntry big = entry(r1, BIG);
        assertThat(big.status()).isEqualTo(Receipt.FAILED);
        assertThat(big.reason()).contains("gave up").contains("cannot reach the daemon");
        assertThat(big.wiped()).isFalse();
        assertThat(mount.resolve(BIG)).exists().hasSize(BIG_SIZE);
        assertThat(entry(r1, LAST).status()).isEqualTo(Receipt.FAILED);
        assertThat(mount.resolve(LAST)).exists();
        assertThat(r1.failed()).isEqualTo(2);

        DockCommand.testListener = null;
        startServer(port); // the daemon is back, same vault
        Run second = dock("--wipe", mount.toString());
        assertThat(second.code()).as(second.out() + second.err()).isEqualTo(ExitCodes.OK);
        Receipt r2 = receipts().get(1);
        Receipt.FileEntry resumed = entry(r2, BIG);
        assertThat(resumed.status()).isEqualTo(Receipt.COMMITTED);
        assertThat(resumed.resumedFrom()).isGreaterThanOrEqualTo(512 * 1024);
        assertThat(resumed.bytesSent()).isEqualTo(BIG_SIZE - resumed.resumedFrom());
        // the restarted daemon received only the rest of the big file and the last file
        assertThat(server.metrics().bytesReceivedTotal())
                .isEqualTo(BIG_SIZE - resumed.resumedFrom() + entry(r2, LAST).size());
        assertThat(resumed.wiped()).isTrue();
        assertThat(mount.resolve(BIG)).doesNotExist();
        assertThat(mount.resolve(LAST)).doesNotExist();
        assertThat(vault.segments().findByHash(Sha256.ofHex(hashes.get(BIG)))).isPresent();
    }

    @Test
    void theAgentsOwnStopKeepsStateAndTheNextRunResumesThenFindsEverythingAlreadyStored() throws Exception {
        DockSettings settings = DockSettings.of(URI.create("http://127.0.0.1:" + server.port()), token)
                .withDirs(dir.resolve("state"), dir.resolve("receipts")).withZone(ZoneOffset.UTC)
                .withRetries(1, Duration.ofMillis(10), Duration.ofMillis(10)).withSizes(256 * 1024, 64 * 1024);
        Dock.Mount m = new Dock.Mount(mount, DeviceInfo.read(mount).orElseThrow());
        Dock[] holder = new Dock[1];
        holder[0] = new Dock(settings, new DockListener() {
            @Override
            public void uploading(String serial, String path, long offset, long size) {
                if (path.equals(BIG) && offset >= 1024 * 1024) {
                    holder[0].stopper().stop();
                }
            }
        }, Clock.systemUTC());
        Dock.Outcome stopped = holder[0].dockAll(List.of(m)).get(0);
        holder[0].close();
        assertThat(entry(stopped.receipt(), BIG).reason()).contains("stopped mid-file");
        assertThat(entry(stopped.receipt(), LAST).reason()).contains("stopped before its upload");
        assertThat(UploadState.open(dir.resolve("state").resolve(SERIAL)).entries()).hasSize(2); // FIRST (kept), BIG

        try (Dock again = new Dock(settings, new DockListener() { }, Clock.systemUTC())) {
            Receipt r = again.dockAll(List.of(m)).get(0).receipt();
            assertThat(r.failed()).isZero();
            assertThat(entry(r, FIRST).status()).isEqualTo(Receipt.ALREADY_STORED);
            assertThat(entry(r, FIRST).bytesSent()).isZero();
            assertThat(entry(r, BIG).status()).isEqualTo(Receipt.COMMITTED);
            assertThat(entry(r, BIG).resumedFrom()).isGreaterThanOrEqualTo(1024 * 1024);
            assertThat(entry(r, BIG).wiped()).isFalse();
            assertThat(mount.resolve(BIG)).exists();
        }
        try (Dock third = new Dock(settings, new DockListener() { }, Clock.systemUTC())) {
            Receipt r = third.dockAll(List.of(m)).get(0).receipt();
            assertThat(r.alreadyStored()).isEqualTo(3);
            assertThat(r.files()).allSatisfy(f -> assertThat(f.bytesSent()).isZero());
        }
    }

    @Test
    void bytesTheVaultAlreadyHoldsMapToTheStoredSegment() throws Exception {
        assertThat(dock(mount.toString()).code()).isZero();
        // the recorder also holds a copy of one file under another name
        Files.copy(mount.resolve(BIG), mount.resolve("DCIM/copy.mp4"));
        // and the dock's state is lost (e.g. a new dock machine): everything uploads again
        deleteTree(dir.resolve("state"));
        Run again = dock("--wipe", mount.toString());
        assertThat(again.code()).as(again.out() + again.err()).isZero();
        Receipt before = receipts().get(0);
        Receipt r = receipts().get(1);
        assertThat(entry(r, "DCIM/copy.mp4").status()).isEqualTo(Receipt.ALREADY_STORED);
        assertThat(entry(r, "DCIM/copy.mp4").segmentId()).isEqualTo(entry(before, BIG).segmentId());
        assertThat(entry(r, BIG).segmentId()).isEqualTo(entry(before, BIG).segmentId());
        assertThat(r.files()).allSatisfy(f -> assertThat(f.wiped()).isTrue());
    }

    @Test
    void aSecondDockThatBringsBytesAnotherDockStoredConfirmsAndWipesThem() throws Exception {
        assertThat(dock(mount.toString()).code()).isZero();
        Receipt first = receipts().get(0);
        // another hall's dock gets a copy of the same recorder's files (say, after a hand-over)
        IssuedToken[] other = new IssuedToken[1];
        vault.commit(b -> other[0] = vault.principals().create(b, "hall-2-dock", Set.of(Role.DOCK), null,
                vault.clock().instant()), List.of());
        token = other[0].token();
        deleteTree(dir.resolve("state"));
        Run second = dock("--wipe", mount.toString());
        assertThat(second.code()).as(second.out() + second.err()).isZero();
        Receipt r = receipts().get(1);
        assertThat(r.files()).allSatisfy(f -> {
            assertThat(f.status()).isNotEqualTo(Receipt.FAILED);
            assertThat(f.segmentId()).isEqualTo(entry(first, f.path()).segmentId());
            assertThat(f.wiped()).isTrue();
        });
        // naming someone else's upload proves nothing: a third dock is still refused
        IssuedToken[] third = new IssuedToken[1];
        vault.commit(b -> third[0] = vault.principals().create(b, "hall-3-dock", Set.of(Role.DOCK), null,
                vault.clock().instant()), List.of());
        Receipt.FileEntry e = r.files().get(0);
        String uploadId = e.uploadUrl().substring(e.uploadUrl().lastIndexOf('/') + 1);
        java.net.http.HttpResponse<String> refused = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/segments/"
                        + e.segmentId() + "?upload=" + uploadId)).header("Authorization", "Bearer " + third[0].token())
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(403);
    }

    @Test
    void aSecondDockReadsTheFirstUploadersMetadataThroughTheConfirmationPath() throws Exception {
        assertThat(dock(mount.toString()).code()).isZero();
        IssuedToken[] other = new IssuedToken[1];
        vault.commit(b -> other[0] = vault.principals().create(b, "hall-2-dock", Set.of(Role.DOCK), null,
                vault.clock().instant()), List.of());
        token = other[0].token();
        deleteTree(dir.resolve("state"));
        Run second = dock(mount.toString());
        assertThat(second.code()).as(second.out() + second.err()).isZero();
        Receipt r = receipts().get(1);
        // its confirmation shows it its own bytes are kept, not the first uploader's record
        Receipt.FileEntry own = r.files().get(0);
        String ownUpload = own.uploadUrl().substring(own.uploadUrl().lastIndexOf('/') + 1);
        java.net.http.HttpResponse<String> seen = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/segments/"
                        + own.segmentId() + "?upload=" + ownUpload)).header("Authorization", "Bearer " + token)
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(seen.statusCode()).isEqualTo(200);
        com.fasterxml.jackson.databind.JsonNode confirmation = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(seen.body());
        assertThat(confirmation.path("sha256").asText()).isEqualTo(own.sha256());
        assertThat(confirmation.has("officer") || confirmation.has("unit") || confirmation.has("filename")
                || confirmation.has("cases") || confirmation.has("recorder") || confirmation.has("station"))
                .as("a second dock reads the first uploader's metadata through the confirmation path: %s", seen.body())
                .isFalse();
    }

    @Test
    void aFileWhoseBytesChangeAfterHashingIsRefusedByTheDaemonAndNeverWiped() throws Exception {
        // same size and mtime, different bytes: only the daemon's end-to-end check can notice
        DockCommand.testListener = new DockListener() {
            @Override
            public void hashing(String serial, String path, long done, long size) {
                if (path.equals(LAST) && done == size) {
                    try {
                        Path p = mount.resolve(LAST);
                        FileTime mtime = Files.getLastModifiedTime(p);
                        byte[] b = Files.readAllBytes(p);
                        b[b.length / 2] ^= 1;
                        Files.write(p, b);
                        Files.setLastModifiedTime(p, mtime);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }
        };
        Run run = dock("--wipe", mount.toString());
        assertThat(run.code()).isEqualTo(ExitCodes.FAILURE);
        Receipt.FileEntry last = entry(receipts().get(0), LAST);
        assertThat(last.status()).isEqualTo(Receipt.FAILED);
        assertThat(last.reason()).contains("checksum mismatch (460)");
        assertThat(last.wiped()).isFalse();
        assertThat(mount.resolve(LAST)).exists();
        assertThat(vault.segments().findByHash(Sha256.ofHex(hashes.get(LAST)))).isEmpty();
        assertThat(mount.resolve(FIRST)).doesNotExist();
    }

    @Test
    void usageAndConfigurationErrorsHaveTheirExitCodes() throws Exception {
        StringWriter err = new StringWriter();
        int noToken = CamvaultMain.run(new PrintWriter(new StringWriter()), new PrintWriter(err, true),
                "dock", "--server", "http://127.0.0.1:1", mount.toString());
        assertThat(noToken).isEqualTo(ExitCodes.CONFIG);
        assertThat(err.toString()).contains("no token");
        StringWriter badUrl = new StringWriter();
        int badUrlCode = CamvaultMain.run(new PrintWriter(new StringWriter()), new PrintWriter(badUrl, true),
                "dock", "--server", "ftp://x", "--token", token, mount.toString());
        assertThat(badUrlCode).isEqualTo(ExitCodes.CONFIG);
        assertThat(badUrl.toString()).contains("server URL");
        assertThat(dock().code()).isEqualTo(ExitCodes.USAGE);
        Path bare = Files.createDirectories(dir.resolve("bare"));
        Run noInfo = dock(bare.toString());
        assertThat(noInfo.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(noInfo.err()).contains("no device-info file").contains("--serial");
        assertThat(dock("--serial", "X1", bare.toString()).code()).isEqualTo(ExitCodes.USAGE);
        Files.writeString(bare.resolve(DeviceInfo.INSIDE), "{\"serial\":\"X1\"}");
        Run badInfo = dock(bare.toString());
        assertThat(badInfo.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(badInfo.err()).contains("'badge' is missing");
    }

    @Test
    void aRefusedTokenFailsEveryFileWithAReadableReasonAndExitsWithConfig() throws Exception {
        token = "cv_not-a-real-token";
        Run run = dock("--wipe", mount.toString());
        assertThat(run.code()).isEqualTo(ExitCodes.CONFIG);
        Receipt r = receipts().get(0);
        assertThat(r.failed()).isEqualTo(3);
        assertThat(r.files()).allSatisfy(f -> {
            assertThat(f.reason()).contains("refused the token (401)");
            assertThat(f.wiped()).isFalse();
        });
        assertThat(mount.resolve(FIRST)).exists();
    }

    @Test
    void flagsDescribeARecorderWithoutAnInfoFile() throws Exception {
        Files.delete(mount.resolve(DeviceInfo.INSIDE));
        Run run = dock("--serial", "B7654321", "--badge", "999999", "--unit", "U1", "--clock-drift-ms", "40",
                mount.toString());
        assertThat(run.code()).as(run.err()).isZero();
        Segment s = vault.segments().findByHash(Sha256.ofHex(hashes.get(LAST))).orElseThrow();
        assertThat(s.recorderSerial()).isEqualTo("B7654321");
        assertThat(s.clockDriftMs()).isEqualTo(40);
        assertThat(mount.resolve(LAST)).exists(); // no --wipe
    }

    @Test
    void watchDocksEachMountThatAppearsAndAgainWhenItComesBack() throws Exception {
        Path usb = dir.resolve("usb");
        DockSettings settings = DockSettings.of(URI.create("http://127.0.0.1:" + server.port()), token)
                .withDirs(dir.resolve("state"), dir.resolve("receipts")).withWipe(true);
        try (Dock dock = new Dock(settings, new DockListener() { }, Clock.systemUTC())) {
            MountWatcher w = new MountWatcher(usb, Duration.ofMillis(20), dock);
            Thread t = new Thread(() -> {
                try {
                    w.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            t.start();
            waitFor(() -> countReceipts() == 1);
            assertThat(mount.resolve(BIG)).doesNotExist();
            // unplugged, then docked again with a new file
            Path moved = Files.move(mount, dir.resolve("away"));
            waitFor(() -> w.seen().isEmpty());
            Files.move(moved, mount);
            recorderFile("DCIM/later.bin", 1000, "2025-03-02T08:00:00Z");
            waitFor(() -> countReceipts() == 2);
            dock.stopper().stop();
            t.join(5000);
            assertThat(t.isAlive()).isFalse();
        }
        assertThat(receipts().get(1).files()).extracting(Receipt.FileEntry::path).containsExactly("DCIM/later.bin");
    }

    static void deleteTree(Path p) throws java.io.IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }

    long countReceipts() {
        try (Stream<Path> s = Files.list(dir.resolve("receipts"))) {
            return s.filter(p -> p.toString().endsWith(".json")).count();
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    static void waitFor(java.util.function.BooleanSupplier c) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!c.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
