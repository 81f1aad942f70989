package io.camvault.vault.retention;

import io.camvault.vault.VaultException;
import io.camvault.vault.kv.KvBatch;
import io.camvault.vault.ledger.Change;
import io.camvault.vault.ledger.Ledger;
import io.camvault.vault.model.Sha256;
import io.camvault.vault.store.Protection;
import io.camvault.vault.store.RetentionControl;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Protect, then record; record, then relax. A custody change is staged under the ledger's lock
 * with a {@link StoreScope}; if it raises what the store must hold (a longer retention, a legal
 * hold), nothing is written: the lock is released, the store is asked for the protection, and the
 * change is staged again, now finding it in place. A legal hold the change makes unnecessary is
 * dropped only after the change is recorded. So store I/O never happens under the ledger's lock,
 * and at no instant does the store hold less than the index promises. Over a store without
 * retention control this is just {@link Ledger#apply}.
 */
public final class ProtectingLedger {
    private static final Logger LOG = LoggerFactory.getLogger(ProtectingLedger.class);
    /** Each round protects what the last one found; only concurrent changes to the same segments need another. */
    private static final int MAX_ROUNDS = 8;

    private final Ledger ledger;
    private final RetentionControl store;

    /** {@code store} null: the object store enforces nothing itself. */
    public ProtectingLedger(Ledger ledger, RetentionControl store) {
        this.ledger = ledger;
        this.store = store;
    }

    public Ledger ledger() {
        return ledger;
    }

    public <T> T apply(BiFunction<KvBatch, StoreScope, Change<T>> change) {
        Map<Sha256, Protection> applied = new HashMap<>();
        for (int round = 1; ; round++) {
            StoreScope scope = new StoreScope(store != null, applied);
            try {
                T result = ledger.apply(batch -> {
                    Change<T> c = change.apply(batch, scope);
                    if (!scope.needed().isEmpty()) {
                        throw new Unprotected();
                    }
                    return c;
                });
                scope.releases().forEach(this::releaseHold);
                return result;
            } catch (Unprotected u) {
                if (round == MAX_ROUNDS) {
                    throw new VaultException(VaultException.Kind.CONFLICT,
                            "the segments changed while the object store was protecting them; try again");
                }
                for (Map.Entry<Sha256, Protection> e : scope.needed().entrySet()) {
                    store.protect(e.getKey(), e.getValue());
                    applied.merge(e.getKey(), e.getValue(), Protection::union);
                    LOG.info("object.protected sha256={} retain_until={} legal_hold={}", e.getKey().hex(),
                            e.getValue().permanent() ? "permanent" : e.getValue().retainUntil(), e.getValue().legalHold());
                }
            }
        }
    }

    /** Best effort: a hold left on is more protection than promised, and the purge clears it before it removes. */
    private void releaseHold(Sha256 sha256) {
        try {
            store.releaseHold(sha256);
            LOG.info("object.hold_released sha256={}", sha256.hex());
        } catch (RuntimeException e) {
            LOG.warn("object.hold_release_failed sha256={} error=\"{}\"", sha256.hex(), e.toString());
        }
    }

    /** Thrown inside the ledger's lock to write nothing and protect first. */
    private static final class Unprotected extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unprotected() {
            super(null, null, false, false);
        }
    }
}
