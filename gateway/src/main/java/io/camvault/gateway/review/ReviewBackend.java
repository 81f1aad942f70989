package io.camvault.gateway.review;

import io.camvault.vault.Vault;
import io.camvault.vault.audit.AuditEvent;
import io.camvault.vault.media.Derived;
import io.camvault.vault.media.DerivedStore;
import io.camvault.vault.media.LocalOriginal;
import io.camvault.vault.media.MediaJobs;
import io.camvault.vault.media.MediaRecord;
import io.camvault.vault.media.MediaWorker;
import io.camvault.vault.model.Segment;
import io.camvault.vault.redaction.FaceFinder;
import io.camvault.vault.redaction.store.RedactionService;
import io.camvault.vault.redaction.store.RedactionStore;
import io.camvault.vault.store.ObjectReader;
import io.camvault.vault.store.StoredObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What review asks of the vault beyond {@link io.camvault.gateway.backend.Backend}: media records,
 * originals (a local file where the store keeps one, else read through the store), derived files,
 * the custody trail, and clips. Without a
 * {@link MediaWorker} (the gateway started without media work) there are no renditions, posters
 * or clips: stream falls back to the original when it is playable as it is, and clips answer 503.
 */
public final class ReviewBackend {
    private final Vault vault;
    private final MediaWorker media;
    private final MediaJobs jobs;
    private final DerivedStore derived;
    private final RedactionService redactions;

    public ReviewBackend(Vault vault, MediaWorker media) {
        this(vault, media, media == null ? () -> null : () -> media.faceFinder().orElse(null));
    }

    /** @param faces face detection for automatic redaction, loaded on first use; supplies null when unavailable */
    public ReviewBackend(Vault vault, MediaWorker media, java.util.function.Supplier<FaceFinder> faces) {
        this.vault = vault;
        this.media = media;
        this.jobs = vault.mediaJobs();
        this.derived = media == null ? new DerivedStore(vault.config().dataDir(), vault.clock()) : media.derived();
        this.redactions = media == null ? null : new RedactionService(vault.ledger(), new RedactionStore(vault.kv()),
                vault.objects(), media.pacedProcessor(), derived, faces, media.requestedWork());
    }

    /** Redacted copies: made only where media work runs; listing them needs the index only. */
    public Optional<RedactionService> redactions() {
        return Optional.ofNullable(redactions);
    }

    /** Redaction records, readable whether or not media work runs here. */
    public RedactionStore redactionRecords() {
        return new RedactionStore(vault.kv());
    }

    public boolean canClip() {
        return media != null;
    }

    public Optional<MediaRecord> media(Segment s) {
        return jobs.record(s.id());
    }

    public boolean mediaQueued(Segment s) {
        return jobs.queued(s.id());
    }

    /** The original as a local file, when the store keeps objects as local files. */
    public Optional<Path> originalFile(Segment s) {
        return vault.objects().localFiles().flatMap(l -> l.localFile(s.sha256()));
    }

    /** The original as the store holds it (absent when it is missing from the store). */
    public Optional<StoredObject> storedOriginal(Segment s) {
        return vault.objects().stat(s.sha256());
    }

    /** Opens the original through the store's seam. */
    public ObjectReader openOriginal(Segment s) {
        return vault.objects().open(s.sha256());
    }

    /** A complete derived file of this segment's original, by its name in the derived store. */
    public Optional<Derived> derived(Segment s, String name) {
        if (name == null) {
            return Optional.empty();
        }
        return derived.find(s.sha256(), name);
    }

    /** Audit events whose subject is this segment, oldest first. */
    public List<AuditEvent> custody(Segment s, int limit) {
        return vault.audit().bySubject("segment:" + s.id(), limit);
    }

    /** Cuts (or finds) a clip; runs the media tool on the calling thread. */
    public Derived clip(Segment s, Duration from, Duration to, boolean exact) {
        try (LocalOriginal original = LocalOriginal.of(vault.objects(), s.sha256(), derived.dir(s.sha256()))) {
            return media.processor().clip(s.sha256(), original.path(), from, to, exact);
        }
    }
}
