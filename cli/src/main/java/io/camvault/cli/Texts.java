package io.camvault.cli;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Text the command line prints for people, from the message bundle {@code io/camvault/cli/texts*.properties}:
 * English by default, Simplified Chinese when the locale asks for Chinese ({@code LANG=zh_CN.UTF-8}, or
 * {@code LC_ALL}/{@code LC_MESSAGES}; {@code -Dcamvault.lang=zh} overrides). Keys never change; to translate,
 * edit the bundles. {@code TextsTest} checks that both languages have every key. Codes, ids and
 * {@code --json} output stay language-neutral and never come from here.
 */
public final class Texts {
    private static final String BUNDLE = "io.camvault.cli.texts";
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private Texts() {
    }

    /** The text for {@code key} in the current language, with {@code args} filled in ({@link MessageFormat}). */
    public static String get(String key, Object... args) {
        return get(locale(), key, args);
    }

    static String get(Locale locale, String key, Object... args) {
        String pattern;
        try {
            pattern = bundle(locale).getString(key);
        } catch (MissingResourceException e) {
            pattern = bundle(Locale.ROOT).getString(key);
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }

    static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle(BUNDLE, locale, NO_FALLBACK);
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
}
