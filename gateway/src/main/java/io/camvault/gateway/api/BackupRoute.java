package io.camvault.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.camvault.gateway.auth.Access;
import io.camvault.gateway.backend.CustodyBackend;
import io.camvault.gateway.http.Exchange;
import io.camvault.gateway.http.JsonBodyExchange;
import io.camvault.gateway.http.Responses;
import io.camvault.gateway.http.Route;
import io.camvault.gateway.http.SimpleExchange;
import io.camvault.gateway.protocol.GatewayError;
import io.camvault.vault.audit.AuditEntry;
import io.camvault.vault.backup.BackupManifest;
import io.camvault.vault.model.Principal;
import io.camvault.vault.model.Role;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * {@code POST /api/v1/admin/backup} {@code {"to": "/absolute/dir"}}: the daemon writes a backup of
 * its data directory into a new or empty directory of its own machine while ingest goes on (see
 * {@code VaultBackup}), and answers with the summary once it is complete. Admins only; audited as
 * {@code vault.backup} with the target. The target must be absolute and outside the data
 * directory, except under its {@code backups/} folder (where the service's sandbox lets it write).
 */
public final class BackupRoute implements Route {
    static final String PATH = "/api/v1/admin/backup";
    private final CustodyBackend backend;
    private final Access access;
    private final Executor pool;
    private final Consumer<AuditEntry> audit;

    public BackupRoute(CustodyBackend backend, Access access, Executor pool, Consumer<AuditEntry> audit) {
        this.backend = backend;
        this.access = access;
        this.pool = pool;
        this.audit = audit;
    }

    @Override
    public Exchange open(ChannelHandlerContext ctx, HttpRequest request, String path) {
        if (!path.equals(PATH)) {
            return null;
        }
        if (!request.method().equals(HttpMethod.POST)) {
            return SimpleExchange.failing(ctx, request, GatewayError.METHOD_NOT_ALLOWED.exception());
        }
        String auth = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        return new JsonBodyExchange(ctx, request, pool, body -> backup(auth, Api.body(body)));
    }

    private FullHttpResponse backup(String auth, JsonNode body) {
        Principal p = access.authenticate(auth, "vault.backup", "vault");
        access.requireAny(p, Set.of(Role.ADMIN), "vault.backup", "vault");
        Path target = target(Api.required(body, "to"));
        BackupManifest.Summary s = Api.vault(() -> backend.backup(target));
        audit.accept(AuditEntry.success(p.id(), "vault.backup", "vault", Map.of("to", target.toString(),
                "segments", Long.toString(s.segments()), "startedAt", s.startedAt().toString())));
        return Responses.json(HttpResponseStatus.OK, Map.of("to", target.toString(), "summary", s));
    }

    private Path target(String to) {
        Path target;
        try {
            target = Path.of(to).normalize();
        } catch (InvalidPathException e) {
            throw GatewayError.BAD_REQUEST.exception("'to' is not a path");
        }
        if (!target.isAbsolute()) {
            throw GatewayError.BAD_REQUEST.exception("'to' must be an absolute path on the daemon's machine");
        }
        Path data = backend.dataDir().toAbsolutePath().normalize();
        if (target.startsWith(data) && !target.startsWith(data.resolve("backups")) || data.startsWith(target)) {
            throw GatewayError.BAD_REQUEST.exception("'to' must be outside the data directory, or under its backups/");
        }
        return target;
    }
}
