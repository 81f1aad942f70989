package io.camvault.vault.redaction;

import java.util.Locale;

/** How a region is hidden. The JSON and CLI name is the lower-case constant name. */
public enum Method {
    /** A strong blur: nothing recognisable, the scene's colours stay. */
    BLUR,
    /** Coarse blocks (about a tenth of the box's smaller side). */
    PIXELATE,
    /** A solid black box. */
    BOX;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Method parse(String code) {
        for (Method m : values()) {
            if (m.code().equals(code)) {
                return m;
            }
        }
        throw new RedactionSpecException("unknown method '" + code + "' (blur, pixelate or box)");
    }
}
