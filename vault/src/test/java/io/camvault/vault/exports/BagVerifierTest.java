package io.camvault.vault.exports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** BagWriter and BagVerifier together: a written bag verifies; any single changed byte does not. */
class BagVerifierTest {

    static Path writeBag(Path dir) throws IOException {
        BagWriter w = new BagWriter(BagWriter.directory(dir));
        w.payload("originals/" + "ab".repeat(32) + "-clip 1.mp4", new byte[] {0, 1, 2, 3, 4, 5, 6, 7});
        w.payload("descriptions/seg.txt", "arrest at the gate\n".getBytes(StandardCharsets.UTF_8));
        w.payload("case.json", "{\"number\":\"2025-001\"}".getBytes(StandardCharsets.UTF_8));
        w.payload("audit/seg.jsonl", "{\"seq\":1}\n".getBytes(StandardCharsets.UTF_8));
        w.finish(List.of(Map.entry("Source-Organization", "U0001"), Map.entry("External-Identifier", "exp-1")),
                LocalDate.of(2025, 3, 1));
        return dir;
    }

    static List<String> files(Path bag) throws IOException {
        try (Stream<Path> s = Files.walk(bag)) {
            return s.filter(Files::isRegularFile).map(p -> bag.relativize(p).toString().replace('\\', '/'))
                    .sorted(Comparator.naturalOrder()).toList();
        }
    }

    @Test
    void aWrittenBagVerifiesAndHasTheRfcLayout() throws IOException {
        Path bag = writeBag(Files.createTempDirectory("bag"));
        BagVerifier.Result r = BagVerifier.verify(bag);
        assertThat(r.problems()).isEmpty();
        assertThat(r.payloadFiles()).isEqualTo(4);
        assertThat(bag.resolve("bagit.txt")).hasContent("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8");
        assertThat(Files.readString(bag.resolve("manifest-sha256.txt")))
                .contains("  data/originals/" + "ab".repeat(32) + "-clip 1.mp4\n");
        assertThat(Files.readString(bag.resolve("bag-info.txt"))).contains("Payload-Oxum: " + r.payloadBytes() + ".4")
                .contains("Bagging-Date: 2025-03-01");
        assertThat(Files.readString(bag.resolve("tagmanifest-sha256.txt")))
                .contains("  bagit.txt\n").contains("  bag-info.txt\n").contains("  manifest-sha256.txt\n");
    }

    @Test
    void aPayloadFileMissingFromTheManifestOrFromDiskIsNamed() throws IOException {
        Path bag = writeBag(Files.createTempDirectory("bag"));
        Files.writeString(bag.resolve("data/extra.txt"), "x");
        Files.delete(bag.resolve("data/case.json"));
        BagVerifier.Result r = BagVerifier.verify(bag);
        assertThat(r.problems()).extracting(BagVerifier.Problem::path)
                .contains("data/extra.txt", "data/case.json", "bag-info.txt");
    }

    @Test
    void aZippedBagUnpacksToTheSameVerifiableBag() throws IOException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        BagWriter w = new BagWriter(BagWriter.zip(zip));
        w.payload("originals/x.mp4", new byte[1000]);
        w.finish(List.of(), LocalDate.of(2025, 1, 1));
        Path dir = Files.createTempDirectory("unzipped").resolve("bag");
        assertThat(BagArchive.unzip(new ByteArrayInputStream(zip.toByteArray()), dir)).isEqualTo(5);
        assertThat(BagVerifier.verify(dir).problems()).isEmpty();
    }

    @Test
    void aManifestPathEscapingTheBagIsReported() throws IOException {
        Path bag = Files.createTempDirectory("bag");
        Files.createDirectories(bag.resolve("data"));
        Files.writeString(bag.resolve("bagit.txt"), BagWriter.BAGIT_TXT);
        Files.writeString(bag.resolve("manifest-sha256.txt"), "00".repeat(32) + "  data/../../etc/passwd\n");
        assertThat(BagVerifier.verify(bag).problems()).extracting(BagVerifier.Problem::message)
                .anyMatch(m -> m.contains("not a file name in the bag"));
    }

    /** Issue 16: a payload file replaced by a symlink to an identical file outside the bag verified. */
    @Test
    void verifyBagFollowsSymlinksPayloadFileReplacedByALinkFails(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws IOException {
        Path bag = writeBag(Files.createDirectory(tmp.resolve("bag")));
        Path outside = tmp.resolve("outside.json");
        Files.copy(bag.resolve("data/case.json"), outside);
        Files.delete(bag.resolve("data/case.json"));
        Files.createSymbolicLink(bag.resolve("data/case.json"), outside);
        BagVerifier.Result r = BagVerifier.verify(bag);
        assertThat(r.ok()).isFalse();
        assertThat(r.problems()).anyMatch(p -> p.path().equals("data/case.json") && p.message().contains("link"));
    }

    /** Issue 16: manifest entries through a symlinked folder made the verifier read any file on the machine. */
    @Test
    void verifyBagFollowsSymlinksManifestEntryThroughALinkedFolderIsRefused(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws IOException {
        Path bag = writeBag(Files.createDirectory(tmp.resolve("bag")));
        Path secrets = Files.createDirectory(tmp.resolve("secrets"));
        Files.writeString(secrets.resolve("key.txt"), "secret");
        Files.createSymbolicLink(bag.resolve("data/sys"), secrets);
        String hash = BagVerifier.hash(secrets.resolve("key.txt"));
        Files.writeString(bag.resolve("manifest-sha256.txt"), hash + "  data/sys/key.txt\n",
                java.nio.file.StandardOpenOption.APPEND);
        BagVerifier.Result r = BagVerifier.verify(bag);
        assertThat(r.problems()).anyMatch(p -> p.path().equals("data/sys/key.txt") && p.message().contains("link"));
        assertThat(r.problems()).anyMatch(p -> p.path().equals("data/sys") && p.message().contains("link"));
    }

    /** Payload-Oxum is reconciled with the payload on disk (the count and the bytes), links excluded. */
    @Test
    void payloadOxumThatDisagreesWithThePayloadIsReported(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws IOException {
        Path bag = writeBag(Files.createDirectory(tmp.resolve("bag")));
        String info = Files.readString(bag.resolve("bag-info.txt"));
        Files.writeString(bag.resolve("bag-info.txt"), info.replaceAll("Payload-Oxum: [0-9.]+", "Payload-Oxum: 1.1"));
        assertThat(BagVerifier.verify(bag).problems()).anyMatch(p -> p.message().contains("Payload-Oxum says 1.1"));
        Files.writeString(bag.resolve("bag-info.txt"), info.replaceAll("Payload-Oxum: [0-9.]+", "Payload-Oxum: lots"));
        assertThat(BagVerifier.verify(bag).problems()).anyMatch(p -> p.message().contains("Payload-Oxum"));
    }

    /** Any single-byte change in any payload or tag file (the tag manifest included) is detected. */
    @Property(tries = 300)
    void anySingleByteChangeIsDetected(@ForAll @IntRange(min = 0, max = 1000) int fileChoice,
            @ForAll @IntRange(min = 0, max = 100_000) int positionChoice,
            @ForAll @IntRange(min = 1, max = 255) int xor) throws IOException {
        Path bag = writeBag(Files.createTempDirectory("bag"));
        try {
            flipAndVerify(bag, fileChoice, positionChoice, xor);
        } finally {
            io.camvault.vault.testsupport.TempDirs.deleteTree(bag);
        }
    }

    private static void flipAndVerify(Path bag, int fileChoice, int positionChoice, int xor) throws IOException {
        List<String> files = new ArrayList<>(files(bag));
        String victim = files.get(fileChoice % files.size());
        byte[] bytes = Files.readAllBytes(bag.resolve(victim));
        int pos = positionChoice % bytes.length;
        bytes[pos] = (byte) (bytes[pos] ^ xor);
        Files.write(bag.resolve(victim), bytes);

        BagVerifier.Result r = BagVerifier.verify(bag);

        assertThat(r.ok()).as("change at %s:%d", victim, pos).isFalse();
        if (!victim.startsWith("tagmanifest")) {
            assertThat(r.problems()).extracting(BagVerifier.Problem::path).contains(victim);
        }
    }
}
