package io.camvault.vault.kv;

/**
 * SHELL — to be implemented: every key layout of the index, in one place.
 */
public final class Keys {
    private Keys() {
    }
}
