package io.camvault.vault.auth;

import io.camvault.vault.kv.KvBatch;
import io.camvault.vault.kv.KvStore;
import io.camvault.vault.model.Principal;
import io.camvault.vault.model.Role;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** SHELL — to be implemented. Principals and token hashes over a {@link KvStore}. */
public final class Principals {

    public Principals(KvStore kv) {
    }

    /** Creates a principal with a fresh token, staging both records into {@code batch}. */
    public IssuedToken create(KvBatch batch, String name, Set<Role> roles, String recorderSerial, Instant now) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The enabled principal holding {@code token}, if any. Constant-time with respect to the token. */
    public Optional<Principal> authenticate(String token) {
        throw new UnsupportedOperationException("not yet");
    }

    public Optional<Principal> get(String id) {
        throw new UnsupportedOperationException("not yet");
    }

    public List<Principal> list() {
        throw new UnsupportedOperationException("not yet");
    }
}
