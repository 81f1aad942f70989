package io.camvault.vault.model;

public enum CaseStatus {
    OPEN, CLOSED
}
