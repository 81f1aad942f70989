package io.camvault.vault.redaction;

import java.nio.file.Path;
import java.util.List;
import java.util.function.DoubleConsumer;

/**
 * Suggests regions where faces appear in a video: each a moving box ({@link Region#AUTO_FACES})
 * over the time the face is seen. Implementations read the file only.
 */
public interface FaceFinder {
    /** @param progress hears the fraction of the video looked at, 0..1 */
    List<Region> find(Path video, DoubleConsumer progress);
}
