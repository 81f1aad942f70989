package io.camvault.gateway.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskSpaceTest {
    @TempDir
    Path dir;

    @Test
    void reportsTheUsableSpaceOfTheDirectorysFileStoreEachTime() throws IOException {
        DiskSpace space = DiskSpace.of(dir);
        long first = space.freeBytes();
        long fromJdk = Files.getFileStore(dir).getUsableSpace();

        assertThat(first).isPositive().isCloseTo(fromJdk, org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(space.freeBytes()).as("asked again, not remembered").isPositive();
    }

    @Test
    void aMissingDirectoryIsAnErrorNamingItAndLaterCallsTryAgain() throws IOException {
        Path later = dir.resolve("not-yet");
        DiskSpace space = DiskSpace.of(later);

        assertThatThrownBy(space::freeBytes).isInstanceOf(UncheckedIOException.class).hasMessageContaining("not-yet");
        Files.createDirectory(later);
        assertThat(space.freeBytes()).isPositive();
    }
}
