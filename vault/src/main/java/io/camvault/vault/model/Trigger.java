package io.camvault.vault.model;

import java.util.Locale;

/** Why the recorder made the file. Marked files are kept as evidence (see retention). */
public enum Trigger {
    SCHEDULED, MANUAL, MARKED, EVENT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Trigger parse(String text) {
        for (Trigger t : values()) {
            if (t.wireName().equals(text)) {
                return t;
            }
        }
        throw new IllegalArgumentException("trigger must be one of scheduled, manual, marked, event");
    }
}
