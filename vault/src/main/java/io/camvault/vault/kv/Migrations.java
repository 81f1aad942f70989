package io.camvault.vault.kv;

import java.util.List;

/**
 * Every index migration this release knows, oldest first: one per layout version after
 * {@link IndexLayout#FIRST}, each rewriting the layout before it (see {@link IndexLayout}). Layout
 * {@value Keys#LAYOUT_VERSION} is the first, so there are none yet.
 */
final class Migrations {
    static final List<IndexLayout.Migration> ALL = List.of();

    private Migrations() {
    }
}
