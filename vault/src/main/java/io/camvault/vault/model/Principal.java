package io.camvault.vault.model;

import java.time.Instant;
import java.util.Set;

/**
 * Someone or something that may call the gateway. Only the SHA-256 of the token is kept.
 *
 * <p>The record is stored as JSON (see {@code Records}), so a later field (a client certificate the
 * principal is bound to, say) is added here without a migration: older records read it as absent.
 *
 * @param recorderSerial for a recorder principal: the only serial it may upload for
 * @param expiresAt      when the token stops working, or {@code null} for a token that does not expire
 * @param revokedAt      when an admin revoked the token, or {@code null}; a revoked token never works again
 * @param revokedBy      the principal id (or {@code local-admin}) that revoked it
 */
public record Principal(
        String id,
        String name,
        Set<Role> roles,
        Sha256 tokenHash,
        String recorderSerial,
        Instant createdAt,
        boolean disabled,
        Instant expiresAt,
        Instant revokedAt,
        String revokedBy,
        String clientCertSha256) {

    public Principal {
        roles = Set.copyOf(roles);
    }

    /** A principal bound to no client certificate. */
    public Principal(String id, String name, Set<Role> roles, Sha256 tokenHash, String recorderSerial,
            Instant createdAt, boolean disabled, Instant expiresAt, Instant revokedAt, String revokedBy) {
        this(id, name, roles, tokenHash, recorderSerial, createdAt, disabled, expiresAt, revokedAt, revokedBy, null);
    }

    /** A principal whose token neither expires nor has been revoked. */
    public Principal(String id, String name, Set<Role> roles, Sha256 tokenHash, String recorderSerial,
            Instant createdAt, boolean disabled) {
        this(id, name, roles, tokenHash, recorderSerial, createdAt, disabled, null, null, null);
    }

    /** Whether its token is accepted at {@code now}: not disabled, not revoked, not expired. */
    public boolean activeAt(Instant now) {
        return refusalAt(now) == null;
    }

    /**
     * Why its token is refused at {@code now} ({@code "revoked"}, {@code "expired"}, {@code "disabled"}),
     * or {@code null} when it is accepted.
     */
    public String refusalAt(Instant now) {
        if (revokedAt != null) {
            return "revoked";
        }
        if (expiresAt != null && !now.isBefore(expiresAt)) {
            return "expired";
        }
        if (disabled) {
            return "disabled";
        }
        return null;
    }

    /** Whether it holds {@code role}. Callers hold a principal only after it was authenticated at the time of the request. */
    public boolean has(Role role) {
        return !disabled && revokedAt == null && roles.contains(role);
    }

    /** How a person reads it in a trail: {@code name (id)}. */
    public String display() {
        return name + " (" + id + ")";
    }

    public Principal revoked(Instant at, String by) {
        return new Principal(id, name, roles, tokenHash, recorderSerial, createdAt, disabled, expiresAt, at, by,
                clientCertSha256);
    }

    public Principal withDisabled(boolean newDisabled) {
        return new Principal(id, name, roles, tokenHash, recorderSerial, createdAt, newDisabled, expiresAt, revokedAt,
                revokedBy, clientCertSha256);
    }

    /**
     * Bound to the client certificate with this SHA-256 (lower-case hex of its DER): its token is then
     * accepted only on a mutual-TLS connection that presented exactly that certificate.
     */
    public Principal boundTo(String certSha256) {
        return new Principal(id, name, roles, tokenHash, recorderSerial, createdAt, disabled, expiresAt, revokedAt,
                revokedBy, certSha256);
    }
}
