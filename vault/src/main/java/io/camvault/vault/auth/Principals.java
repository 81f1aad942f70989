package io.camvault.vault.auth;

import io.camvault.vault.VaultException;
import io.camvault.vault.kv.ColumnFamily;
import io.camvault.vault.kv.KvBatch;
import io.camvault.vault.kv.KvStore;
import io.camvault.vault.kv.Records;
import io.camvault.vault.model.Principal;
import io.camvault.vault.model.Role;
import io.camvault.vault.model.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Principals and token hashes over a {@link KvStore}.
 *
 * <p>Layout: {@code PRINCIPALS} maps the UTF-8 principal id to the {@link Principal} record;
 * {@code PRINCIPALS_BY_TOKEN} maps the 32 raw bytes of the token's SHA-256 to the UTF-8 id.
 * The token text is returned once by {@link #create} and never written anywhere.
 *
 * <p>Writes are staged into the caller's batch (so creating a principal commits together with its
 * audit event); reads go straight to the store and so see only what has been written.
 */
public final class Principals {
    /** Ids are {@code p_} + 12 hex characters: 48 random bits, short enough to read out on a phone. */
    static final String ID_PREFIX = "p_";
    /** A principal id wherever it stands in a text (an actor, a detail), for showing "name (id)". */
    public static final java.util.regex.Pattern ID_IN_TEXT = java.util.regex.Pattern.compile("\\bp_[0-9a-f]{12}\\b");
    private static final int ID_RANDOM_BYTES = 6;
    private static final HexFormat HEX = HexFormat.of();

    private final KvStore kv;
    private final SecureRandom random;
    private final Clock clock;

    public Principals(KvStore kv) {
        this(kv, Clock.systemUTC());
    }

    /** {@code clock} decides whether a token has expired. */
    public Principals(KvStore kv, Clock clock) {
        this(kv, new SecureRandom(), clock);
    }

    Principals(KvStore kv, SecureRandom random) {
        this(kv, random, Clock.systemUTC());
    }

    Principals(KvStore kv, SecureRandom random, Clock clock) {
        this.kv = kv;
        this.random = random;
        this.clock = clock;
    }

    /** As {@link #create(KvBatch, String, Set, String, Instant, Instant)} with a token that does not expire. */
    public IssuedToken create(KvBatch batch, String name, Set<Role> roles, String recorderSerial, Instant now) {
        return create(batch, name, roles, recorderSerial, now, null);
    }

    /**
     * Creates a principal with a fresh token, staging both records into {@code batch}.
     *
     * @param recorderSerial required for a principal with the {@code recorder} role: it is the only
     *                       serial that principal may upload for; {@code null} otherwise
     * @param expiresAt      when the token stops working; {@code null} for one that does not expire
     * @throws VaultException INVALID for a missing name, role or serial or an expiry not after
     *                        {@code now}; CONFLICT when an active principal already has the name
     *                        (compared ignoring case and surrounding blanks). Two creations staged into
     *                        one batch are not checked against each other: callers stage one at a time
     *                        under the ledger's lock.
     */
    public IssuedToken create(KvBatch batch, String name, Set<Role> roles, String recorderSerial, Instant now,
            Instant expiresAt) {
        if (name == null || name.isBlank()) {
            throw new VaultException(VaultException.Kind.INVALID, "a principal needs a name");
        }
        if (roles == null || roles.isEmpty()) {
            throw new VaultException(VaultException.Kind.INVALID, "a principal needs at least one role");
        }
        if (roles.contains(Role.RECORDER) && (recorderSerial == null || recorderSerial.isBlank())) {
            throw new VaultException(VaultException.Kind.INVALID, "a recorder principal needs the recorder's serial");
        }
        if (now == null) {
            throw new VaultException(VaultException.Kind.INVALID, "a principal needs a creation time");
        }
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw new VaultException(VaultException.Kind.INVALID, "a token must expire after it is created");
        }
        String trimmed = name.strip();
        Optional<Principal> clash = activeNamed(trimmed, now);
        if (clash.isPresent()) {
            throw new VaultException(VaultException.Kind.CONFLICT, "the name " + trimmed + " is taken by the active principal "
                    + clash.get().display() + "; revoke it first or choose another name");
        }
        String id = freshId();
        String token = Tokens.generate(random);
        Sha256 tokenHash = Tokens.hash(token);
        Principal principal = new Principal(id, trimmed, roles, tokenHash, recorderSerial, now, false, expiresAt,
                null, null);
        batch.put(ColumnFamily.PRINCIPALS, utf8(id), Records.encode(principal));
        batch.put(ColumnFamily.PRINCIPALS_BY_TOKEN, tokenHash.bytes(), utf8(id));
        return new IssuedToken(principal, token);
    }

    /**
     * The principal whose token is accepted at {@code now} and whose name is {@code name} (ignoring
     * case and surrounding blanks). Names are unique among these, so there is at most one.
     */
    public Optional<Principal> activeNamed(String name, Instant now) {
        String wanted = name.strip();
        for (Principal p : list()) {
            if (p.activeAt(now) && p.name().strip().equalsIgnoreCase(wanted)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * Revokes {@code id}'s token, staging the change into {@code batch}. Its hash stays indexed, so a
     * later use of the token is recognised (and audited naming the principal) but refused.
     *
     * @throws VaultException NOT_FOUND for an unknown id; CONFLICT when it is revoked already
     */
    public Principal revoke(KvBatch batch, String id, String actor, Instant now) {
        Principal p = get(id).orElseThrow(() -> new VaultException(VaultException.Kind.NOT_FOUND, "no principal " + id));
        if (p.revokedAt() != null) {
            throw new VaultException(VaultException.Kind.CONFLICT, "principal " + p.display() + " was revoked already");
        }
        Principal changed = p.revoked(now, actor);
        batch.put(ColumnFamily.PRINCIPALS, utf8(id), Records.encode(changed));
        return changed;
    }

    /** Stages {@code p} bound to the client certificate {@code certSha256} into {@code batch}. */
    public Principal bind(KvBatch batch, Principal p, String certSha256) {
        Principal bound = p.boundTo(certSha256);
        batch.put(ColumnFamily.PRINCIPALS, utf8(p.id()), Records.encode(bound));
        return bound;
    }

    /** Ids checked against the store; a clash within one unwritten batch (2^-48) is not guarded. */
    private String freshId() {
        byte[] bytes = new byte[ID_RANDOM_BYTES];
        while (true) {
            random.nextBytes(bytes);
            String id = ID_PREFIX + HEX.formatHex(bytes);
            if (kv.get(ColumnFamily.PRINCIPALS, utf8(id)) == null) {
                return id;
            }
        }
    }

    /**
     * Enables or disables a principal, staging the change into {@code batch}. Its token hash stays
     * indexed so that a disabled token is recognised (and can be audited as such) but refused.
     */
    public Principal setDisabled(KvBatch batch, String id, boolean disabled) {
        Principal p = get(id).orElseThrow(() -> new VaultException(VaultException.Kind.NOT_FOUND, "no principal " + id));
        Principal changed = p.withDisabled(disabled);
        batch.put(ColumnFamily.PRINCIPALS, utf8(id), Records.encode(changed));
        return changed;
    }

    /**
     * The principal holding {@code token} if that token is accepted at {@code now}: not disabled,
     * revoked or expired. Constant-time with respect to the token: the store is searched by the
     * token's hash, so lookup timing can only reveal bits of a hash nobody can invert, never how much
     * of a real token a guess got right. Anything that is not shaped like one of our tokens is refused
     * without an exception.
     */
    public Optional<Principal> authenticate(String token) {
        return authenticate(token, clock.instant());
    }

    /** As {@link #authenticate(String)}, deciding expiry at {@code now}. */
    public Optional<Principal> authenticate(String token, Instant now) {
        return holder(token).filter(p -> p.activeAt(now));
    }

    /**
     * The principal {@code token} was issued to, whether or not it is still accepted; for naming the
     * principal when its revoked or expired token is refused. Never grants anything by itself.
     */
    public Optional<Principal> holder(String token) {
        if (!Tokens.wellFormed(token)) {
            return Optional.empty();
        }
        Sha256 hash = Tokens.hash(token);
        byte[] id = kv.get(ColumnFamily.PRINCIPALS_BY_TOKEN, hash.bytes());
        if (id == null) {
            return Optional.empty();
        }
        return get(new String(id, StandardCharsets.UTF_8))
                // The index and the record must agree; a stale index entry must not grant access.
                .filter(p -> p.tokenHash() != null && MessageDigest.isEqual(p.tokenHash().bytes(), hash.bytes()));
    }

    public Optional<Principal> get(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        byte[] value = kv.get(ColumnFamily.PRINCIPALS, utf8(id));
        return value == null ? Optional.empty() : Optional.of(Records.decode(value, Principal.class));
    }

    /** The name of the principal with id {@code id}, for showing "name (id)" where people read trails. */
    public Optional<String> name(String id) {
        return get(id).map(Principal::name);
    }

    /** Every principal, disabled ones included, ordered by id. */
    public List<Principal> list() {
        List<Principal> out = new ArrayList<>();
        kv.scan(ColumnFamily.PRINCIPALS, null, null, (k, v) -> out.add(Records.decode(v, Principal.class)));
        return out;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
