package io.camvault.vault.model;

import java.util.Locale;

/** What a principal may do; checked by the gateway on every request. */
public enum Role {
    DOCK, RECORDER, CLERK, SUPERVISOR, AUDITOR, ADMIN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String text) {
        for (Role r : values()) {
            if (r.wireName().equalsIgnoreCase(text)) {
                return r;
            }
        }
        throw new IllegalArgumentException("role must be one of dock, recorder, clerk, supervisor, auditor, admin");
    }
}
