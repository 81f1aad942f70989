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

    /** The CLI's language ({@link io.camvault.cli.Texts#locale}), so one terminal never mixes languages. */
    public static Locale locale() {
        return io.camvault.cli.Texts.locale();
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
