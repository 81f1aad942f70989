package io.camvault.cli.tls;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Sentences about TLS for the person at the terminal, from {@code io/camvault/cli/tls/messages*.properties}:
 * Simplified Chinese when the environment asks for Chinese ({@code LANG=zh_CN.UTF-8}, or {@code LC_ALL} /
 * {@code LC_MESSAGES}; {@code -Dcamvault.lang=zh} overrides), English otherwise: the same rule as the
 * CLI's other texts, so one terminal never mixes languages.
 */
public final class TlsMessages {
    private static final String BUNDLE = "io.camvault.cli.tls.messages";

    private TlsMessages() {
    }

    public static String text(String key, Object... args) {
        return text(locale(), key, args);
    }

    /** Chinese when the environment prefers it, else English. */
    public static Locale locale() {
        String chosen = first(System.getProperty("camvault.lang"), System.getenv("LC_ALL"),
                System.getenv("LC_MESSAGES"), System.getenv("LANG"));
        return chosen != null && chosen.toLowerCase(Locale.ROOT).startsWith("zh") ? Locale.SIMPLIFIED_CHINESE
                : Locale.ROOT;
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    public static String text(Locale locale, String key, Object... args) {
        ResourceBundle b = ResourceBundle.getBundle(BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES));
        String pattern;
        try {
            pattern = b.getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }
}
