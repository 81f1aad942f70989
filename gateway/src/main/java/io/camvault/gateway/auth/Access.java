package io.camvault.gateway.auth;

import io.camvault.gateway.backend.Backend;
import io.camvault.gateway.protocol.GatewayError;
import io.camvault.gateway.upload.UploadCodec;
import io.camvault.gateway.upload.UploadRecord;
import io.camvault.vault.audit.AuditEntry;
import io.camvault.vault.audit.Outcome;
import io.camvault.vault.model.Principal;
import io.camvault.vault.model.Role;
import io.camvault.vault.model.Segment;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who may do what. Bearer tokens map to principals through the vault; every refusal is written to
 * the audit chain before the 401 or 403 goes out. Calls write to the index, so they run off the
 * event loop.
 */
public final class Access {
    public static final Set<Role> UPLOADERS = Set.of(Role.DOCK, Role.RECORDER, Role.ADMIN);
    public static final Set<Role> READERS = Set.of(Role.CLERK, Role.SUPERVISOR, Role.AUDITOR, Role.ADMIN);
    private static final String PREFIX = "Bearer ";
    private static final int MAX_TOKEN = 512;
    private static final Pattern UPLOAD_ID = Pattern.compile("[0-9a-f]{32}");

    private final Backend backend;
    private final UnauthenticatedDenials unauthenticated = new UnauthenticatedDenials();

    public Access(Backend backend) {
        this.backend = backend;
    }

    /**
     * Records the summaries of unauthenticated refusals whose minute is over (all of them when
     * {@code all}); the gateway calls it every few seconds and once when it stops.
     */
    public void flushDenials(boolean all) {
        for (AuditEntry e : unauthenticated.drain(all ? null : backend.clock().instant())) {
            backend.audit(e);
        }
    }

    /**
     * The principal behind an {@code Authorization} header; 401 (audited) when there is none, or
     * when its token is revoked, expired or disabled. Such a refusal names the principal the token
     * was issued to (id as the actor, name in the details), so a trail shows who tried to use it.
     * Refusals go through the per-source aggregation of unauthenticated denials, so a dead token
     * hammered in a loop is no free write amplifier either.
     */
    public Principal authenticate(String authorization, String action, String subject) {
        String token = token(authorization);
        Optional<Principal> p = token == null ? Optional.empty() : backend.authenticate(token);
        if (p.isPresent() && p.get().activeAt(backend.clock().instant())) {
            requireBoundCertificate(p.get(), action, subject);
            return p.get();
        }
        Optional<Principal> holder = token == null ? Optional.empty() : backend.tokenHolder(token);
        AuditEntry refusal;
        if (holder.isPresent()) {
            Principal h = holder.get();
            String why = h.refusalAt(backend.clock().instant());
            refusal = new AuditEntry(h.id(), action, subject, Outcome.DENIED, Map.of(
                    "reason", "token " + (why == null ? "refused" : why), "name", h.name()));
        } else {
            refusal = AuditEntry.denied("anonymous", action, subject,
                    token == null ? "missing bearer token" : "unknown token");
        }
        for (AuditEntry e : unauthenticated.note(RequestSource.current(), backend.clock().instant(), refusal)) {
            backend.audit(e);
        }
        throw GatewayError.UNAUTHENTICATED.exception();
    }

    /**
     * A principal bound to a client certificate is accepted only on a connection whose TLS handshake
     * verified exactly that certificate: a stolen token alone is not enough. 403, audited, otherwise.
     */
    private void requireBoundCertificate(Principal p, String action, String subject) {
        String bound = p.clientCertSha256();
        if (bound == null) {
            return;
        }
        String presented = io.camvault.vault.audit.AuditOrigin.current()
                .get(io.camvault.gateway.source.RequestSource.CLIENT_CERT);
        if (presented == null) {
            deny(p, action, subject, "no client certificate: this principal is bound to one");
        } else if (!bound.equalsIgnoreCase(presented)) {
            deny(p, action, subject, "client certificate does not match this principal's binding");
        }
    }

    /** 403 (audited) unless the principal holds one of {@code roles}. */
    public void requireAny(Principal p, Set<Role> roles, String action, String subject) {
        if (!holdsAny(p, roles)) {
            deny(p, action, subject, "role not allowed");
        }
    }

    /** A recorder token uploads only for its own serial. */
    public void requireSerial(Principal p, String recorderSerial, String action, String subject) {
        if (!p.has(Role.DOCK) && !p.has(Role.ADMIN) && p.has(Role.RECORDER)
                && (p.recorderSerial() == null || !p.recorderSerial().equals(recorderSerial))) {
            deny(p, action, subject, "recorder token for another serial");
        }
    }

    /**
     * Whether an uploader may see the stored record of {@code s} to confirm it: it uploaded the
     * segment, or {@code uploadId} names its own upload that was committed as {@code s} (a second
     * dock bringing bytes another one stored first, where the segment names the first).
     */
    public boolean mayConfirm(Principal p, Segment s, String uploadId) {
        if (p.id().equals(s.uploadedBy())) {
            return true;
        }
        if (uploadId == null || !UPLOAD_ID.matcher(uploadId).matches()) {
            return false;
        }
        byte[] value = backend.getUpload(UploadCodec.key(uploadId));
        if (value == null) {
            return false;
        }
        UploadRecord r = UploadCodec.decode(value);
        return p.id().equals(r.createdBy()) && s.id().toString().equals(r.segmentId());
    }

    /** 403 (audited): records the refusal and throws. */
    public void deny(Principal p, String action, String subject, String reason) {
        backend.audit(AuditEntry.denied(p.id(), action, subject, reason));
        throw GatewayError.FORBIDDEN.exception();
    }

    public static boolean holdsAny(Principal p, Set<Role> roles) {
        for (Role r : roles) {
            if (p.has(r)) {
                return true;
            }
        }
        return false;
    }

    private static String token(String authorization) {
        if (authorization == null || authorization.length() > MAX_TOKEN + PREFIX.length()
                || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return null;
        }
        String t = authorization.substring(PREFIX.length()).strip();
        return t.isEmpty() ? null : t;
    }
}
