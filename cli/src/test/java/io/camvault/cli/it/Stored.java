package io.camvault.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.stream.Stream;

/** Checks of what the vault holds, made from outside: the API and the data directory. */
final class Stored {
    private Stored() {
    }

    /**
     * The segment is listed for its officer with the source's hash and size, and the object file
     * under {@code DATA/objects/sha256/ab/cd/<hash>} is read-only and hashes to the source's SHA-256.
     */
    static JsonNode assertStored(Api api, String clerkToken, Path dataDir, String officer, TestFiles.Source source) {
        JsonNode segment = api.segmentWithHash(clerkToken, officer, source.sha256())
                .orElseThrow(() -> new AssertionError("no segment with sha256 " + source.sha256() + " for officer "
                        + officer + "; listed: " + api.segmentsOfOfficer(clerkToken, officer)));
        assertThat(segment.path("size").asLong()).as("segment size").isEqualTo(source.size());
        assertThat(segment.path("officer").asText()).isEqualTo(officer);

        String id = segment.path("id").asText();
        var detail = api.get("/api/v1/segments/" + id, clerkToken);
        assertThat(detail.statusCode()).as("GET /api/v1/segments/%s: %s", id, detail.body()).isEqualTo(200);
        assertThat(Api.read(detail.body()).path("sha256").asText()).isEqualToIgnoringCase(source.sha256());

        Path object = TestFiles.objectPath(dataDir, source.sha256());
        assertThat(object).as("object file").isRegularFile();
        assertThat(object).hasSize(source.size());
        assertThat(TestFiles.sha256Hex(object)).as("SHA-256 of the stored object").isEqualTo(source.sha256());
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(object);
            assertThat(perms).as("stored originals are read-only")
                    .doesNotContain(PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_WRITE,
                            PosixFilePermission.OTHERS_WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return segment;
    }

    static void assertNotStored(Api api, String clerkToken, Path dataDir, String officer, String sha256) {
        assertThat(api.segmentWithHash(clerkToken, officer, sha256)).as("segment for %s", sha256).isEmpty();
        assertThat(TestFiles.objectPath(dataDir, sha256)).as("object for %s", sha256).doesNotExist();
    }

    /** Committed object files, under {@code DATA/objects/sha256} (none when nothing was committed). */
    static long objectFiles(Path dataDir) {
        Path objects = dataDir.resolve("objects").resolve("sha256");
        if (!Files.exists(objects)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(objects)) {
            return s.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
