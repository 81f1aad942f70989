package io.camvault.cli.clerk;

/**
 * The test's own statement of what may never be printed as it is: control characters (C0, DEL, C1), line and
 * paragraph separators, unpaired surrogates, and invisible format characters (bidi marks, overrides and
 * isolates, zero-width spaces, word joiners, BOM) except the zero-width joiner of emoji and the soft hyphen.
 */
final class SafeTextAccess {
    private SafeTextAccess() {
    }

    static boolean unsafe(int cp) {
        if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029 || (cp >= 0xd800 && cp <= 0xdfff)) {
            return true;
        }
        return Character.getType(cp) == Character.FORMAT && cp != 0x200d && cp != 0x00ad;
    }
}
