package io.camvault.vault.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camvault.vault.VaultException;
import io.camvault.vault.kv.ColumnFamily;
import io.camvault.vault.kv.KvBatch;
import io.camvault.vault.kv.KvStore;
import io.camvault.vault.model.Principal;
import io.camvault.vault.model.Role;
import io.camvault.vault.testsupport.StoreKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PrincipalsTest {
    private static final Instant NOW = Instant.parse("2024-05-01T08:00:00Z");

    private static <T> T inBatch(KvStore kv, Function<KvBatch, T> change) {
        try (KvBatch batch = kv.newBatch()) {
            T result = change.apply(batch);
            kv.write(batch);
            return result;
        }
    }

    private static IssuedToken create(KvStore kv, Principals principals, String name, Role role) {
        return inBatch(kv, b -> principals.create(b, name, Set.of(role), role == Role.RECORDER ? "R-0042" : null, NOW));
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void theTokenIsShownOnceAndOnlyItsHashIsStored(StoreKind kind) {
        try (StoreKind.TestStore store = kind.open()) {
            KvStore kv = store.kv();
            Principals principals = new Principals(kv);
            IssuedToken issued = create(kv, principals, "dock 3", Role.DOCK);

            assertThat(issued.token()).startsWith("cv_").hasSize(46).matches("cv_[A-Za-z0-9_-]{43}");
            assertThat(Base64.getUrlDecoder().decode(issued.token().substring(3))).hasSize(32);
            assertThat(issued.principal().tokenHash()).isEqualTo(Tokens.hash(issued.token()));
            assertThat(issued.principal().id()).matches("p_[0-9a-f]{12}");

            byte[] text = issued.token().getBytes(StandardCharsets.UTF_8);
            byte[] secret = issued.token().substring(3).getBytes(StandardCharsets.UTF_8);
            byte[] raw = Base64.getUrlDecoder().decode(issued.token().substring(3));
            KvStore reopened = store.reopen();
            int values = 0;
            for (ColumnFamily cf : ColumnFamily.values()) {
                List<byte[]> bytes = new ArrayList<>();
                reopened.scan(cf, null, null, (k, v) -> bytes.add(k) && bytes.add(v));
                for (byte[] b : bytes) {
                    assertThat(indexOf(b, text)).as("token text in %s", cf).isEqualTo(-1);
                    assertThat(indexOf(b, secret)).as("token secret in %s", cf).isEqualTo(-1);
                    assertThat(indexOf(b, raw)).as("raw token bytes in %s", cf).isEqualTo(-1);
                }
                values += bytes.size();
            }
            assertThat(values).as("the scan saw the records").isEqualTo(4);
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void theTokenAuthenticatesItsPrincipalOnceWritten(StoreKind kind) {
        try (StoreKind.TestStore store = kind.open()) {
            KvStore kv = store.kv();
            Principals principals = new Principals(kv);
            IssuedToken clerk = create(kv, principals, "clerk li", Role.CLERK);
            IssuedToken recorder = create(kv, principals, "recorder 42", Role.RECORDER);

            Principals afterRestart = new Principals(store.reopen());
            assertThat(afterRestart.authenticate(clerk.token())).contains(clerk.principal());
            assertThat(afterRestart.authenticate(recorder.token())).contains(recorder.principal());
            assertThat(recorder.principal().recorderSerial()).isEqualTo("R-0042");
            assertThat(clerk.token()).isNotEqualTo(recorder.token());

            try (KvBatch unwritten = store.kv().newBatch()) {
                IssuedToken pending = afterRestart.create(unwritten, "x", Set.of(Role.AUDITOR), null, NOW);
                assertThat(afterRestart.authenticate(pending.token())).isEmpty();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void wrongAndMalformedTokensAreRefusedWithoutExceptions(StoreKind kind) {
        try (StoreKind.TestStore store = kind.open()) {
            KvStore kv = store.kv();
            Principals principals = new Principals(kv);
            String token = create(kv, principals, "clerk", Role.CLERK).token();
            String other = Tokens.generate(new java.security.SecureRandom());
            char last = token.charAt(token.length() - 1);
            List<String> bad = new ArrayList<>(List.of(
                    other,
                    token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A'),
                    token.substring(0, token.length() - 1) + "!",
                    token + "A",
                    token.substring(0, token.length() - 1),
                    "CV_" + token.substring(3),
                    "Bearer " + token,
                    " " + token.substring(1),
                    token.substring(3),
                    "", "cv_", "cv_\u00e9\u00e9\u00e9", "x".repeat(1 << 20)));
            bad.add(null);
            for (String t : bad) {
                assertThat(principals.authenticate(t)).as("token %s", t == null ? null : t.substring(0, Math.min(60, t.length())))
                        .isEmpty();
            }
            assertThat(principals.authenticate(token)).isPresent();
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aDisabledPrincipalCannotAuthenticate(StoreKind kind) {
        try (StoreKind.TestStore store = kind.open()) {
            KvStore kv = store.kv();
            Principals principals = new Principals(kv);
            IssuedToken issued = create(kv, principals, "supervisor wang", Role.SUPERVISOR);
            String id = issued.principal().id();

            Principal disabled = inBatch(kv, b -> principals.setDisabled(b, id, true));
            assertThat(disabled.disabled()).isTrue();
            assertThat(disabled.has(Role.SUPERVISOR)).isFalse();
            assertThat(principals.authenticate(issued.token())).isEmpty();
            assertThat(principals.get(id)).contains(disabled);

            inBatch(kv, b -> principals.setDisabled(b, id, false));
            assertThat(principals.authenticate(issued.token())).map(Principal::id).contains(id);
            assertThatThrownBy(() -> inBatch(kv, b -> principals.setDisabled(b, "p_nobody", true)))
                    .isInstanceOf(VaultException.class)
                    .extracting(e -> ((VaultException) e).kind()).isEqualTo(VaultException.Kind.NOT_FOUND);
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void getAndListSeeEveryPrincipal(StoreKind kind) {
        try (StoreKind.TestStore store = kind.open()) {
            KvStore kv = store.kv();
            Principals principals = new Principals(kv);
            List<Principal> created = new ArrayList<>();
            for (Role role : Role.values()) {
                created.add(create(kv, principals, role.wireName() + " one", role).principal());
            }
            assertThat(principals.list()).containsExactlyInAnyOrderElementsOf(created);
            assertThat(principals.list()).extracting(Principal::id).isSorted();
            assertThat(principals.get(created.get(0).id())).contains(created.get(0));
            assertThat(principals.get("p_000000000000")).isEmpty();
            assertThat(principals.get(null)).isEmpty();
        }
    }

    @Test
    void creationValidatesItsInput() {
        try (StoreKind.TestStore store = StoreKind.MEMORY.open()) {
            Principals principals = new Principals(store.kv());
            try (KvBatch b = store.kv().newBatch()) {
                assertThatThrownBy(() -> principals.create(b, " ", Set.of(Role.CLERK), null, NOW)).isInstanceOf(VaultException.class);
                assertThatThrownBy(() -> principals.create(b, "n", Set.of(), null, NOW)).isInstanceOf(VaultException.class);
                assertThatThrownBy(() -> principals.create(b, "n", Set.of(Role.RECORDER), null, NOW))
                        .hasMessageContaining("serial");
                assertThatThrownBy(() -> principals.create(b, "n", Set.of(Role.CLERK), null, null)).isInstanceOf(VaultException.class);
                assertThat(b.size()).isZero();
            }
        }
    }

    @Test
    void tokenShapeIsCheckedBeforeAnyLookup() {
        String token = Tokens.generate(new java.security.SecureRandom());
        assertThat(Tokens.wellFormed(token)).isTrue();
        assertThat(Tokens.wellFormed(token.replace(token.charAt(10), '='))).isFalse();
        assertThat(Tokens.wellFormed(null)).isFalse();
        assertThat(Tokens.hash(token)).isEqualTo(Tokens.hash(new String(token.toCharArray())));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void anExpiringTokenWorksUntilItsExpiryAndNotFromThatInstantOn(StoreKind kind) {
        try (StoreKind.TestStore store = kind.open()) {
            KvStore kv = store.kv();
            Principals principals = new Principals(kv);
            Instant expires = NOW.plusSeconds(8 * 3600);
            IssuedToken issued = inBatch(kv, b -> principals.create(b, "reviewer", Set.of(Role.SUPERVISOR), null, NOW,
                    expires));
            assertThat(principals.authenticate(issued.token(), expires.minusMillis(1))).isPresent();
            assertThat(principals.authenticate(issued.token(), expires)).isEmpty();
            assertThat(principals.holder(issued.token())).get().extracting(p -> p.refusalAt(expires)).isEqualTo("expired");
            assertThatThrownBy(() -> inBatch(kv, b -> principals.create(b, "late", Set.of(Role.CLERK), null, NOW, NOW)))
                    .isInstanceOf(VaultException.class).hasMessageContaining("expire after");
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aRevokedTokenIsRefusedButItsHolderStaysKnownAndItsNameFree(StoreKind kind) {
        try (StoreKind.TestStore store = kind.open()) {
            KvStore kv = store.kv();
            Principals principals = new Principals(kv);
            IssuedToken issued = create(kv, principals, "desk-1", Role.CLERK);
            assertThatThrownBy(() -> create(kv, principals, " DESK-1", Role.ADMIN))
                    .isInstanceOf(VaultException.class)
                    .satisfies(e -> assertThat(((VaultException) e).kind()).isEqualTo(VaultException.Kind.CONFLICT));
            Principal revoked = inBatch(kv, b -> principals.revoke(b, issued.principal().id(), "p_admin", NOW.plusSeconds(1)));
            assertThat(revoked.revokedBy()).isEqualTo("p_admin");
            assertThat(principals.authenticate(issued.token(), NOW.plusSeconds(2))).isEmpty();
            assertThat(principals.holder(issued.token())).get().extracting(Principal::id).isEqualTo(issued.principal().id());
            assertThat(revoked.has(Role.CLERK)).isFalse();
            assertThatThrownBy(() -> inBatch(kv, b -> principals.revoke(b, issued.principal().id(), "p_admin", NOW)))
                    .isInstanceOf(VaultException.class).hasMessageContaining("revoked already");
            IssuedToken again = create(kv, principals, "desk-1", Role.CLERK);
            assertThat(principals.activeNamed("desk-1", NOW)).get().extracting(Principal::id)
                    .isEqualTo(again.principal().id());
        }
    }
}
