package io.camvault.vault.model;

/** An officer as a dock reads it from the recorder: badge number (6 chars), name, unit. */
public record Officer(String badge, String name, String unitCode, String unitName) {
}
