package io.camvault.vault.audit;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators for audit entries: ASCII, punctuation, accented and CJK text, so UTF-8 widths vary. */
final class AuditArbitraries {
    private AuditArbitraries() {
    }

    static Arbitrary<String> text(int min, int max) {
        return Arbitraries.strings()
                .withCharRange('a', 'z').withCharRange('0', '9').withChars(":._-/ \"\\{}")
                .withCharRange('\u00e0', '\u00ff').withCharRange('\u4e00', '\u4e2f')
                .ofMinLength(min).ofMaxLength(max);
    }

    static Arbitrary<AuditEntry> entries() {
        Arbitrary<String> actors = Arbitraries.oneOf(text(1, 12), Arbitraries.of("p_0a1b2c3d4e5f", "system"));
        Arbitrary<String> actions = Arbitraries.of("segment.commit", "segment.view", "export.approve", "case.link")
                .injectDuplicates(0.1);
        Arbitrary<String> subjects = Arbitraries.oneOf(Arbitraries.of("", "segment:1", "segment:10", "case:7"), text(0, 20));
        return Combinators.combine(actors, actions, subjects, Arbitraries.of(Outcome.class),
                        Arbitraries.maps(text(1, 8), text(0, 16)).ofMaxSize(3))
                .as(AuditEntry::new);
    }

    static Arbitrary<List<AuditEntry>> chains(int min, int max) {
        return entries().list().ofMinSize(min).ofMaxSize(max);
    }
}
