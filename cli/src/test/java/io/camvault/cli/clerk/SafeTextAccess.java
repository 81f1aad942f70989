package io.camvault.cli.clerk;

/** The test's own statement of what may never be printed: C0/C1 controls, DEL, separators, bidi and zero-width marks. */
final class SafeTextAccess {
    private SafeTextAccess() {
    }

    static boolean unsafe(int cp) {
        return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029 || (cp >= 0x202a && cp <= 0x202e)
                || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200b || cp == 0x200e || cp == 0x200f || cp == 0xfeff
                || (cp >= 0xd800 && cp <= 0xdfff);
    }
}
