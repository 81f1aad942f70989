package io.camvault.gateway.review;

import io.camvault.gateway.http.Exchange;
import io.camvault.gateway.protocol.GatewayError;
import io.camvault.gateway.protocol.GatewayException;
import io.camvault.vault.media.Derived;
import io.camvault.vault.media.DerivedStore;
import io.camvault.vault.media.MediaRecord;
import io.camvault.vault.media.Playability;
import io.camvault.vault.model.Principal;
import io.camvault.vault.model.Segment;
import io.camvault.vault.redaction.store.RedactionId;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One audited content request. Access, lookup, range parsing and the audit write run on the pool
 * (they touch the index); the bytes then go out on the event loop as file regions. The audit event
 * is written before the first byte is sent, so nothing is ever served unrecorded.
 */
final class ContentExchange extends Exchange {
    private static final Logger LOG = LoggerFactory.getLogger(ContentExchange.class);
    /** {@code 12.5-18}: seconds into the segment the client says it is watching. */
    private static final Pattern TIME_RANGE = Pattern.compile("\\d{1,6}(\\.\\d{1,3})?-\\d{1,6}(\\.\\d{1,3})?");
    static final Pattern CLIP_ID = Pattern.compile("([0-9a-fA-F-]{36})\\.(\\d{1,9})-(\\d{1,9})-(fast|exact)");
    static final String TIME_HEADER = "X-Camvault-Time-Range";

    enum Kind {
        ORIGINAL("segment.original"), STREAM("segment.stream"), THUMBNAIL("segment.thumbnail"), CLIP("clip.download"),
        REDACTION("redaction.download");

        final String action;

        Kind(String action) {
            this.action = action;
        }
    }

    private final Executor pool;
    private final ContentRoute route;
    private final Kind kind;
    private final String rawId;
    private final String auth;

    ContentExchange(ChannelHandlerContext ctx, HttpRequest request, Executor pool, ContentRoute route, Kind kind,
            String rawId, String auth) {
        super(ctx, request);
        this.pool = pool;
        this.route = route;
        this.kind = kind;
        this.rawId = rawId;
        this.auth = auth;
    }

    @Override
    public void start() {
        acceptBody();
    }

    @Override
    protected void finish() {
        runOn(pool, this::answer);
    }

    private void answer() {
        try {
            RangeResponses.Answer a = plan();
            respondStreamed(a.head(), a.parts());
        } catch (GatewayException e) {
            fail(e);
        } catch (RuntimeException e) {
            LOG.warn("content.failed action={} error=\"{}\"", kind.action, e.toString());
            fail(GatewayError.INTERNAL.exception());
        }
    }

    private RangeResponses.Answer plan() {
        String segmentRef = rawId;
        Matcher clip = null;
        if (kind == Kind.CLIP) {
            clip = CLIP_ID.matcher(rawId);
            segmentRef = clip.matches() ? clip.group(1) : rawId;
        }
        Optional<RedactionId> redaction = Optional.empty();
        if (kind == Kind.REDACTION) {
            redaction = RedactionId.parse(rawId);
            segmentRef = redaction.map(r -> r.segment().toString()).orElse(rawId);
        }
        Principal p = route.principal(auth, kind.action, segmentRef);
        if (kind == Kind.CLIP && !clip.matches() || kind == Kind.REDACTION && redaction.isEmpty()) {
            throw GatewayError.NOT_FOUND.exception();
        }
        Segment s = route.segment(segmentRef, p, kind.action);
        ServedFile file = (kind == Kind.REDACTION ? redacted(s, redaction.get()) : file(s, clip))
                .orElseThrow(() -> GatewayError.NOT_FOUND.exception(notFoundDetail()));
        ByteRanges.Result ranges = ByteRanges.parse(request.headers().get(HttpHeaderNames.RANGE), file.length());
        Map<String, String> details = new LinkedHashMap<>();
        details.put("object", file.what());
        details.put("object_sha256", file.sha256());
        details.put("length", Long.toString(file.length()));
        if (clip != null) {
            details.put("clip", rawId);
        }
        if (kind == Kind.REDACTION) {
            details.put("redaction", rawId);
        }
        String time = timeRange();
        if (time != null) {
            details.put("time", time);
        }
        String cache = kind == Kind.THUMBNAIL ? "private, max-age=300" : "private, no-store";
        RangeResponses.Answer answer;
        switch (ranges.kind()) {
            case WHOLE -> {
                details.put("ranges", file.length() == 0 ? "" : "0-" + (file.length() - 1));
                details.put("status", "200");
                answer = RangeResponses.whole(file, cache);
            }
            case PARTIAL -> {
                details.put("ranges", ByteRanges.describe(ranges.ranges()));
                details.put("status", "206");
                answer = RangeResponses.partial(file, ranges.ranges(), cache);
            }
            default -> {
                details.put("ranges", "");
                details.put("status", "416");
                answer = RangeResponses.unsatisfiable(file);
            }
        }
        try {
            route.audit(p, kind.action, s, details);
        } catch (RuntimeException e) {
            answer.parts().forEach(io.netty.util.ReferenceCountUtil::release);
            throw e;
        }
        return answer;
    }

    private String notFoundDetail() {
        return switch (kind) {
            case STREAM -> "no browser-playable rendition (yet)";
            case THUMBNAIL -> "no thumbnail (yet)";
            case CLIP -> "no such clip";
            case REDACTION -> "no such redacted copy (or its file is being rebuilt)";
            case ORIGINAL -> "original not available";
        };
    }

    private Optional<ServedFile> file(Segment s, Matcher clip) {
        ReviewBackend review = route.review();
        Optional<MediaRecord> media = review.media(s);
        return switch (kind) {
            case ORIGINAL -> original(review, s);
            case THUMBNAIL -> media.flatMap(m -> review.derived(s, m.poster())).map(d -> served(d, "poster"));
            case CLIP -> review.derived(s, DerivedStore.clipName(Duration.ofMillis(Long.parseLong(clip.group(2))),
                    Duration.ofMillis(Long.parseLong(clip.group(3))), clip.group(4).equals("exact")))
                    .map(d -> served(d, "clip"));
            case REDACTION -> Optional.empty();
            case STREAM -> {
                Optional<ServedFile> rendition = media.flatMap(m -> review.derived(s, m.rendition()))
                        .map(d -> served(d, "rendition"));
                if (rendition.isPresent()) {
                    yield rendition;
                }
                boolean playable = media.map(m -> m.facts().playability() == Playability.PLAYABLE).orElse(false);
                yield playable ? original(review, s) : Optional.empty();
            }
        };
    }

    /** A redacted copy: its record names the file, which is served only while it has the recorded hash. */
    private Optional<ServedFile> redacted(Segment s, RedactionId id) {
        ReviewBackend review = route.review();
        return review.redactionRecords().get(id)
                .filter(r -> r.segment().equals(s.id().toString()))
                .flatMap(r -> review.derived(s, r.derivedName())
                        .filter(d -> d.info().derivedSha256().equals(r.redactedSha256())))
                .map(d -> served(d, "redaction"));
    }

    private static ServedFile served(Derived d, String what) {
        return ServedFile.local(d.file(), d.info().bytes(), ServedFile.contentType(d.file().getFileName().toString()),
                what, d.info().derivedSha256());
    }

    /** The original: its local file where the store keeps one (sendfile), else read through the store. */
    private static Optional<ServedFile> original(ReviewBackend review, Segment s) {
        String type = ServedFile.contentType(s.originalName() == null ? "" : s.originalName());
        Optional<Path> local = review.originalFile(s);
        if (local.isPresent()) {
            try {
                return Optional.of(ServedFile.local(local.get(), Files.size(local.get()), type, "original",
                        s.sha256().hex()));
            } catch (IOException e) {
                throw GatewayError.NOT_FOUND.exception("original not available");
            }
        }
        return review.storedOriginal(s).map(o -> ServedFile.object(() -> review.openOriginal(s), o.size(), type,
                "original", s.sha256().hex()));
    }

    /** {@code ?t=12.5-18} or the {@value #TIME_HEADER} header; anything else is ignored. */
    private String timeRange() {
        String h = request.headers().get(TIME_HEADER);
        if (h == null) {
            List<String> t = new QueryStringDecoder(request.uri()).parameters().get("t");
            h = t == null || t.isEmpty() ? null : t.get(0);
        }
        return h != null && TIME_RANGE.matcher(h.strip()).matches() ? h.strip() : null;
    }
}
