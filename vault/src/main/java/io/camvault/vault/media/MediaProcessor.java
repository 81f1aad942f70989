package io.camvault.vault.media;

import io.camvault.vault.model.MediaKind;
import io.camvault.vault.model.Sha256;
import io.camvault.vault.redaction.RedactionSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One original in, its facts and derived files out: what the media job runs after an ingest commit
 * and what a clip request runs. Bad content never throws from {@link #process}: the facts say
 * UNPLAYABLE (or the rendition is missing) and the reason is logged, because the original is kept
 * whatever its state. Work already done (a complete derived file with its sidecar) is not redone.
 */
public final class MediaProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(MediaProcessor.class);
    static final String RENDITION = "stream";
    static final String POSTER = "poster.jpg";

    private final MediaTool tool;
    private final DerivedStore store;
    private final ProxySettings proxy;

    public MediaProcessor(MediaTool tool, DerivedStore store, ProxySettings proxy) {
        this.tool = tool;
        this.store = store;
        this.proxy = proxy;
    }

    public MediaResult process(Sha256 source, Path original) {
        long t0 = System.nanoTime();
        MediaFacts facts = tool.probe(original);
        LOG.info("media.probed sha256={} millis={} kind={} playability={} container={} video={} audio={} reason=\"{}\"",
                source.hex(), millis(t0), facts.kind(), facts.playability(), facts.container(),
                facts.videoCodec(), facts.audioCodec(), facts.reason() == null ? "" : facts.reason());
        RenditionPlan plan = RenditionPlan.decide(facts);
        Optional<Derived> rendition = plan.action() == RenditionPlan.Action.NONE ? Optional.empty()
                : attempt(source, "rendition", () -> rendition(source, original, plan));
        Optional<Derived> poster = facts.hasVideo() && facts.playability() != Playability.UNPLAYABLE
                ? attempt(source, "poster", () -> poster(source, original, facts))
                : Optional.empty();
        return new MediaResult(facts, plan, rendition, poster);
    }

    /** A clip of {@code [from, to]}; the returned sidecar carries the clip's hash for the audit log. */
    public Derived clip(Sha256 source, Path original, Duration from, Duration to, boolean exact) {
        String name = DerivedStore.clipName(from, to, exact);
        Optional<Derived> done = store.find(source, name);
        if (done.isPresent()) {
            return done.get();
        }
        long t0 = System.nanoTime();
        Path tmp = store.staging(source, ".mp4");
        try {
            tool.clip(original, from, to, tmp, exact);
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("from", from.toString());
            settings.put("to", to.toString());
            settings.put("mode", exact ? "exact" : "fast");
            Derived d = store.publish(source, name, tmp, "clip", settings, tool.version());
            LOG.info("media.clipped sha256={} clip_sha256={} from={} to={} exact={} millis={}",
                    source.hex(), d.info().derivedSha256(), from, to, exact, millis(t0));
            return d;
        } finally {
            deleteQuietly(tmp);
        }
    }

    /**
     * The redacted copy {@code spec} describes, rendered now (or found: the same spec over the same
     * original is the same copy). Replaces nothing: a spec's copy is named by the spec's hash.
     */
    public Derived redact(Sha256 source, Path original, RedactionSpec spec, java.util.function.LongConsumer progress) {
        String name = DerivedStore.redactionName(spec.sha256());
        Optional<Derived> done = store.find(source, name);
        if (done.isPresent()) {
            return done.get();
        }
        return render(source, original, spec, progress, name);
    }

    /** Renders {@code spec} again into the derived store under {@code name}, replacing what is there. */
    public Derived render(Sha256 source, Path original, RedactionSpec spec, java.util.function.LongConsumer progress,
                          String name) {
        long t0 = System.nanoTime();
        Path tmp = store.staging(source, ".mp4");
        try {
            tool.redact(original, tmp, spec, progress);
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("spec_sha256", spec.sha256().hex());
            settings.put("spec", spec.canonicalJson());
            Derived d = store.publish(source, name, tmp, "redaction", settings, tool.version());
            LOG.info("media.redacted sha256={} redacted_sha256={} spec_sha256={} regions={} mutes={} millis={}",
                    source.hex(), d.info().derivedSha256(), spec.sha256().hex(), spec.regions().size(),
                    spec.mutes().size(), millis(t0));
            return d;
        } finally {
            deleteQuietly(tmp);
        }
    }

    private Derived rendition(Sha256 source, Path original, RenditionPlan plan) {
        String name = RENDITION + "." + plan.extension();
        Optional<Derived> done = store.find(source, name);
        if (done.isPresent()) {
            return done.get();
        }
        long t0 = System.nanoTime();
        Path tmp = store.staging(source, "." + plan.extension());
        try {
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("action", plan.action().name());
            if (plan.action() == RenditionPlan.Action.REMUX) {
                tool.remux(original, tmp);
            } else {
                tool.transcode(original, tmp, proxy);
                settings.put("proxy", proxy.toString());
            }
            Derived d = store.publish(source, name, tmp, "rendition", settings, tool.version());
            LOG.info("media.rendition sha256={} action={} millis={} bytes={}",
                    source.hex(), plan.action(), millis(t0), d.info().bytes());
            return d;
        } finally {
            deleteQuietly(tmp);
        }
    }

    private Derived poster(Sha256 source, Path original, MediaFacts facts) {
        Optional<Derived> done = store.find(source, POSTER);
        if (done.isPresent()) {
            return done.get();
        }
        // one second in skips the black first frame many recorders write, but stays inside short clips
        Duration at = facts.kind() == MediaKind.PHOTO ? Duration.ZERO
                : Duration.ofMillis(Math.min(1000, facts.durationMillis() / 2));
        Path tmp = store.staging(source, ".jpg");
        try {
            tool.thumbnail(original, at, tmp);
            return store.publish(source, POSTER, tmp, "poster", Map.of("at", at.toString()), tool.version());
        } finally {
            deleteQuietly(tmp);
        }
    }

    private static Optional<Derived> attempt(Sha256 source, String what, java.util.function.Supplier<Derived> work) {
        try {
            return Optional.of(work.get());
        } catch (RuntimeException e) {
            LOG.warn("media.derive_failed sha256={} what={} error=\"{}\"", source.hex(), what, e.getMessage());
            return Optional.empty();
        }
    }

    private static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (java.io.IOException e) {
            LOG.warn("media.tmp_left path={} error=\"{}\"", p, e.getMessage());
        }
    }
}
