package io.camvault.vault.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class DiskFullTest {
    @Test
    void aFullDiskOrQuotaIsRecognisedThroughWrappers() {
        assertThat(DiskFull.causes(new IOException("No space left on device"))).isTrue();
        assertThat(DiskFull.causes(new FileSystemException("/data/uploads/x.part", null, "Disk quota exceeded"))).isTrue();
        assertThat(DiskFull.causes(new CompletionException(new UncheckedIOException(
                new IOException("No space left on device"))))).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(DiskFull.causes(new IOException("Input/output error"))).isFalse();
        assertThat(DiskFull.causes(new IllegalStateException("No space left on device"))).as("not an I/O error").isFalse();
        assertThat(DiskFull.causes(new IOException((String) null))).isFalse();
        assertThat(DiskFull.causes(null)).isFalse();
    }
}
