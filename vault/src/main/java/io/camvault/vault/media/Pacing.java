package io.camvault.vault.media;

/**
 * A place where long media work lets something more important go first. Media loops (frames of a
 * transcode, packets of a remux, frames of a thumbnail) call {@link #checkpoint()} between units of
 * work; an implementation may hold the caller there for a while. Work that a person is waiting for
 * (a clip) runs with {@link #NONE}.
 */
@FunctionalInterface
public interface Pacing {

    /** Never waits. */
    Pacing NONE = () -> { };

    /**
     * Returns when the work may go on.
     *
     * @throws MediaException if the thread is interrupted while held (its interrupt flag stays set)
     */
    void checkpoint();
}
