package io.camvault.vault.model;

/** A body-worn recorder as a dock reads it: product serial (7 chars), model, owning unit. */
public record Recorder(String serial, String model, String unitCode) {
}
