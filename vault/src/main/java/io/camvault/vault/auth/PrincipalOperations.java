package io.camvault.vault.auth;

import io.camvault.vault.VaultException;
import io.camvault.vault.audit.AuditEntry;
import io.camvault.vault.ledger.Change;
import io.camvault.vault.ledger.Ledger;
import io.camvault.vault.model.Principal;
import io.camvault.vault.model.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Creating and revoking principals, each change written with its audit event in one synced batch.
 * The same operations serve the offline commands ({@code admin token … --data}) and the daemon's
 * {@code /api/v1/principals}, so both paths check and record alike. Events name the principal by id
 * in the subject ({@code principal:p_…}) and carry its name in the details, so a trail reads
 * "name (id)" without a lookup that a later rename or revocation could change.
 */
public final class PrincipalOperations {
    private final Ledger ledger;
    private final Principals principals;
    private final Clock clock;

    public PrincipalOperations(Ledger ledger, Principals principals, Clock clock) {
        this.ledger = ledger;
        this.principals = principals;
        this.clock = clock;
    }

    /**
     * Creates a principal and its token.
     *
     * @param actor    who asks (a principal id, or {@code local-admin} offline)
     * @param validFor how long the token works, or {@code null} for a token that does not expire
     * @param via      {@code offline} or {@code api}, recorded with the event
     */
    public IssuedToken create(String actor, String name, Set<Role> roles, String recorderSerial, Duration validFor,
            String via) {
        return create(actor, name, roles, recorderSerial, validFor, null, via);
    }

    /**
     * As {@link #create(String, String, Set, String, Duration, String)}, bound in the same write to the
     * client certificate with SHA-256 {@code clientCertSha256} (64 hex digits), when not null.
     */
    public IssuedToken create(String actor, String name, Set<Role> roles, String recorderSerial, Duration validFor,
            String clientCertSha256, String via) {
        String cert = clientCertSha256 == null ? null : clientCertSha256.strip().toLowerCase(java.util.Locale.ROOT);
        if (cert != null && !cert.matches("[0-9a-f]{64}")) {
            throw new VaultException(VaultException.Kind.INVALID,
                    "a client certificate binding is the certificate's SHA-256: 64 hex digits");
        }
        if (validFor != null && (validFor.isNegative() || validFor.isZero())) {
            throw new VaultException(VaultException.Kind.INVALID, "a token's lifetime must be positive");
        }
        return ledger.apply(batch -> {
            Instant now = clock.instant();
            IssuedToken created = principals.create(batch, name, roles, recorderSerial, now,
                    validFor == null ? null : now.plus(validFor));
            IssuedToken issued = cert == null ? created
                    : new IssuedToken(principals.bind(batch, created.principal(), cert), created.token());
            Principal p = issued.principal();
            Map<String, String> details = new LinkedHashMap<>();
            details.put("name", p.name());
            details.put("roles", String.join(",", new TreeSet<>(roles.stream().map(Role::wireName).toList())));
            if (p.recorderSerial() != null) {
                details.put("recorder", p.recorderSerial());
            }
            if (p.expiresAt() != null) {
                details.put("expires", p.expiresAt().toString());
            }
            if (p.clientCertSha256() != null) {
                details.put("client_cert_sha256", p.clientCertSha256());
            }
            details.put("via", via);
            return Change.of(issued, AuditEntry.success(actor, "principal.create", subject(p), details));
        });
    }

    /**
     * Revokes the token of the principal {@code idOrName} names (an id, else the name of an active
     * principal), at once: its next request is refused.
     *
     * @throws VaultException NOT_FOUND when nothing matches; CONFLICT when it is revoked already
     */
    public Principal revoke(String actor, String idOrName, String reason, String via) {
        return ledger.apply(batch -> {
            Instant now = clock.instant();
            Principal target = resolve(idOrName, now);
            Principal revoked = principals.revoke(batch, target.id(), actor, now);
            Map<String, String> details = new LinkedHashMap<>();
            details.put("name", revoked.name());
            if (reason != null && !reason.isBlank()) {
                details.put("reason", reason);
            }
            details.put("via", via);
            return Change.of(revoked, AuditEntry.success(actor, "principal.revoke", subject(revoked), details));
        });
    }

    /** Every principal, revoked and expired ones included, ordered by id. */
    public List<Principal> list() {
        return principals.list();
    }

    /** The principal with id {@code idOrName}, else the active one with that name. */
    public Principal resolve(String idOrName, Instant now) {
        if (idOrName == null || idOrName.isBlank()) {
            throw new VaultException(VaultException.Kind.INVALID, "name a principal by id or name");
        }
        return principals.get(idOrName.strip())
                .or(() -> principals.activeNamed(idOrName, now))
                .orElseThrow(() -> new VaultException(VaultException.Kind.NOT_FOUND,
                        "no active principal is named " + idOrName.strip() + " (and no principal has that id)"));
    }

    public static String subject(Principal p) {
        return "principal:" + p.id();
    }
}
