package io.camvault.vault.model;

import java.time.Instant;
import java.util.Set;

/**
 * Someone or something that may call the gateway. Only the SHA-256 of the token is kept.
 *
 * @param recorderSerial for a recorder principal: the only serial it may upload for
 */
public record Principal(
        String id,
        String name,
        Set<Role> roles,
        Sha256 tokenHash,
        String recorderSerial,
        Instant createdAt,
        boolean disabled) {

    public Principal {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return !disabled && roles.contains(role);
    }
}
