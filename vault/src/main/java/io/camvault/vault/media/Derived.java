package io.camvault.vault.media;

import java.nio.file.Path;

/** A derived file that is complete: the file and its sidecar are both in place. */
public record Derived(Path file, DerivedInfo info) {
}
