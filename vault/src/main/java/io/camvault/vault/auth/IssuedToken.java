package io.camvault.vault.auth;

import io.camvault.vault.model.Principal;

/** A newly created principal and its token, which is never stored and shown only this once. */
public record IssuedToken(Principal principal, String token) {
}
