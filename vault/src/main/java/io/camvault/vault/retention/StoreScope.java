package io.camvault.vault.retention;

import io.camvault.vault.model.Segment;
import io.camvault.vault.model.Sha256;
import io.camvault.vault.store.Protection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What one custody change asks of a store that enforces retention, collected while the change is
 * staged: protections it must hold before the change may be recorded, and legal holds it may drop
 * once the change is recorded. See {@link ProtectingLedger}.
 */
public final class StoreScope {
    private final boolean enforcing;
    private final Map<Sha256, Protection> applied;
    private final Map<Sha256, Protection> needed = new HashMap<>();
    private final Set<Sha256> releases = new LinkedHashSet<>();

    StoreScope(boolean enforcing, Map<Sha256, Protection> applied) {
        this.enforcing = enforcing;
        this.applied = applied;
    }

    /** A scope for a store that enforces nothing: every requirement is met. */
    public static StoreScope none() {
        return new StoreScope(false, Map.of());
    }

    /**
     * The segment goes from {@code before} (what the index records now, which the store already
     * holds) to {@code after}: more protection must be in the store first; less may follow.
     */
    void require(Segment stored, Protection before, Protection after) {
        if (!enforcing) {
            return;
        }
        Sha256 sha = stored.sha256();
        if (!before.covers(after) && !applied.getOrDefault(sha, Protection.NONE).covers(after)) {
            needed.merge(sha, after, Protection::union);
        }
        if (before.legalHold() && !after.legalHold()) {
            releases.add(sha);
        } else if (after.legalHold()) {
            releases.remove(sha);
        }
    }

    Map<Sha256, Protection> needed() {
        return needed;
    }

    Set<Sha256> releases() {
        return releases;
    }
}
