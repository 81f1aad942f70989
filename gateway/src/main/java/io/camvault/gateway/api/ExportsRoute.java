package io.camvault.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.camvault.gateway.auth.Access;
import io.camvault.gateway.backend.CustodyBackend;
import io.camvault.gateway.http.Exchange;
import io.camvault.gateway.http.JsonBodyExchange;
import io.camvault.gateway.http.PrincipalNames;
import io.camvault.gateway.http.Responses;
import io.camvault.gateway.http.Route;
import io.camvault.gateway.http.SimpleExchange;
import io.camvault.gateway.protocol.GatewayError;
import io.camvault.gateway.protocol.GatewayException;
import io.camvault.vault.VaultException;
import io.camvault.vault.exports.BagArchive;
import io.camvault.vault.exports.ExportRecord;
import io.camvault.vault.exports.ExportStatus;
import io.camvault.vault.model.CaseRecord;
import io.camvault.vault.model.Principal;
import io.camvault.vault.model.SegmentId;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports under {@code /api/v1/exports}: {@code POST /} {case, reason, segments?} (the request fixes
 * its items: the named, or else all, linked segments with their SHA-256 and descriptions);
 * {@code POST /{id}/approve} (a different person than the requester: 403 {@code self_approval});
 * {@code POST /{id}/reject} {reason} (the same second person declines it; it can then never be downloaded);
 * {@code GET /{id}}; {@code GET /{id}/bag}, the BagIt bag of exactly the approved items as a zip
 * ({@link BagArchive}), only once approved (403 {@code export_not_approved}), and only for its
 * requester within the download window (403 {@code export_download_refused}, audited). Clerks,
 * supervisors and admins only.
 */
public final class ExportsRoute implements Route {
    private static final Logger LOG = LoggerFactory.getLogger(ExportsRoute.class);
    static final String BASE = "/api/v1/exports";
    private final CustodyBackend backend;
    private final Access access;
    private final Executor pool;

    public ExportsRoute(CustodyBackend backend, Access access, Executor pool) {
        this.backend = backend;
        this.access = access;
        this.pool = pool;
    }

    @Override
    public Exchange open(ChannelHandlerContext ctx, HttpRequest request, String path) {
        if (!path.equals(BASE) && !path.startsWith(BASE + "/")) {
            return null;
        }
        List<String> seg = Api.segmentsAfter(request.uri(), BASE);
        if (seg == null || seg.size() > 2 || seg.size() == 2 && !List.of("approve", "reject", "bag").contains(seg.get(1))) {
            return SimpleExchange.failing(ctx, request, GatewayError.NOT_FOUND.exception());
        }
        String auth = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        HttpMethod m = request.method();
        if (seg.isEmpty() && m.equals(HttpMethod.POST)) {
            return new JsonBodyExchange(ctx, request, pool, body -> request(auth, Api.body(body)));
        }
        if (seg.size() == 1 && m.equals(HttpMethod.GET)) {
            return new JsonBodyExchange(ctx, request, pool, body -> show(auth, seg.get(0)));
        }
        if (seg.size() == 2 && seg.get(1).equals("approve") && m.equals(HttpMethod.POST)) {
            return new JsonBodyExchange(ctx, request, pool, body -> approve(auth, seg.get(0)));
        }
        if (seg.size() == 2 && seg.get(1).equals("reject") && m.equals(HttpMethod.POST)) {
            return new JsonBodyExchange(ctx, request, pool, body -> reject(auth, seg.get(0), Api.body(body)));
        }
        if (seg.size() == 2 && seg.get(1).equals("bag") && m.equals(HttpMethod.GET)) {
            return new BagExchange(ctx, request, auth, seg.get(0));
        }
        return SimpleExchange.failing(ctx, request, GatewayError.METHOD_NOT_ALLOWED.exception());
    }

    private Principal custodian(String auth, String action, String subject) {
        Principal p = access.authenticate(auth, action, subject);
        access.requireAny(p, Api.CUSTODIANS, action, subject);
        return p;
    }

    private FullHttpResponse request(String auth, JsonNode body) {
        Principal p = custodian(auth, "export.request", "exports");
        String caseRef = Api.required(body, "case");
        String reason = Api.required(body, "reason");
        CaseRecord c = Api.vault(() -> backend.findCase(caseRef)).orElseThrow(() ->
                GatewayError.NOT_FOUND.exception("no case " + caseRef));
        List<SegmentId> only = null;
        JsonNode named = body.get("segments");
        if (named != null && !named.isNull()) {
            if (!named.isArray() || named.isEmpty() || named.size() > 10_000) {
                throw GatewayError.BAD_REQUEST.exception("'segments' must be a non-empty list of segment ids");
            }
            only = new java.util.ArrayList<>();
            for (JsonNode n : named) {
                try {
                    only.add(SegmentId.parse(n.asText()));
                } catch (IllegalArgumentException ex) {
                    throw GatewayError.BAD_REQUEST.exception("'segments' holds something that is not a segment id");
                }
            }
        }
        List<SegmentId> chosen = only;
        ExportRecord e = Api.vault(() -> backend.requestExport(c.id(), chosen, reason, p.id()));
        return named(HttpResponseStatus.CREATED, e);
    }

    private FullHttpResponse show(String auth, String id) {
        custodian(auth, "export.get", "export:" + id);
        return named(HttpResponseStatus.OK, existing(id));
    }

    private FullHttpResponse approve(String auth, String id) {
        Principal p = custodian(auth, "export.approve", "export:" + id);
        ExportRecord e = existing(id);
        if (e.requestedBy().equals(p.id())) {
            // The vault refuses and audits it too; asking it keeps the denial in one place.
            try {
                backend.approveExport(id, p.id());
            } catch (VaultException refused) {
                if (refused.kind() == VaultException.Kind.FORBIDDEN) {
                    throw GatewayError.SELF_APPROVAL.exception();
                }
                throw Api.map(refused);
            }
        }
        return named(HttpResponseStatus.OK, Api.vault(() -> backend.approveExport(id, p.id())));
    }

    /** The second person declines the request (with a reason); a rejected export can never be downloaded. */
    private FullHttpResponse reject(String auth, String id, JsonNode body) {
        Principal p = custodian(auth, "export.reject", "export:" + id);
        String reason = Api.required(body, "reason");
        existing(id);
        try {
            return named(HttpResponseStatus.OK, backend.rejectExport(id, p.id(), reason));
        } catch (VaultException refused) {
            if (refused.kind() == VaultException.Kind.FORBIDDEN) {
                throw GatewayError.SELF_APPROVAL.exception("an export must be decided by someone other than its requester");
            }
            throw Api.map(refused);
        }
    }

    private ExportRecord existing(String id) {
        return Api.vault(() -> backend.export(id)).orElseThrow(() -> GatewayError.NOT_FOUND.exception("no export " + id));
    }

    /** Builds the bag zip in the staging directory off the event loop, then sends the file. */
    private final class BagExchange extends Exchange {
        private final String auth;
        private final String id;

        BagExchange(ChannelHandlerContext ctx, HttpRequest request, String auth, String id) {
            super(ctx, request);
            this.auth = auth;
            this.id = id;
        }

        @Override
        public void start() {
            acceptBody();
        }

        @Override
        protected void finish() {
            runOn(pool, this::build);
        }

        private void build() {
            Path zip = null;
            try {
                Principal p = custodian(auth, "export.download", "export:" + id);
                ExportRecord e = existing(id);
                if (e.status() != ExportStatus.APPROVED) {
                    try {
                        access.deny(p, "export.download", "export:" + id, "export not approved");
                    } catch (GatewayException denied) {
                        throw GatewayError.EXPORT_NOT_APPROVED.exception();
                    }
                }
                zip = Files.createTempFile(backend.exportStagingDir(), id + "-", ".zip.tmp");
                int originals;
                try {
                    originals = backend.writeExportZip(id, p.id(), zip);
                } catch (VaultException refused) {
                    // approved (checked above): the vault refused this downloader or this time, and audited it
                    throw refused.kind() == VaultException.Kind.FORBIDDEN
                            ? GatewayError.EXPORT_DOWNLOAD_REFUSED.exception(refused.getMessage()) : Api.map(refused);
                }
                LOG.info("export.downloaded id={} by={} originals={} bytes={}", id, p.id(), originals, Files.size(zip));
                HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                head.headers().set(HttpHeaderNames.CONTENT_TYPE, BagArchive.CONTENT_TYPE);
                head.headers().set(HttpHeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"" + id + ".zip\"");
                head.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
                Path sent = zip;
                zip = null;
                respondFile(head, sent, () -> deleteQuietly(sent));
            } catch (GatewayException g) {
                fail(g);
            } catch (IOException | RuntimeException x) {
                LOG.warn("export.download_failed id={} error={}", id, x.toString(), x);
                fail(GatewayError.INTERNAL.exception());
            } finally {
                if (zip != null) {
                    deleteQuietly(zip);
                }
            }
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("export.staging_not_deleted file={} error={}", p, e.toString());
        }
    }

    /** A JSON answer with the names of the principals it mentions (see {@link PrincipalNames}). */
    private FullHttpResponse named(HttpResponseStatus status, Object body) {
        return Responses.json(status, PrincipalNames.add(body, backend::principalName));
    }
}
