package dev.orderflow.web.text;

import org.jspecify.annotations.Nullable;

/**
 * What no text field of any API may hold (SECURITY.md, "Text fields"): control characters (C0, DEL and C1, NUL, tabs
 * and line breaks included: every text field is one line), unpaired surrogates (not text at all: PostgreSQL and UTF-8
 * cannot store them), and the bidirectional embedding, override and isolate controls U+202A–U+202E and U+2066–U+2069,
 * which make text display in another order than it is stored ("Trojan Source", CVE-2021-42574) in the operators'
 * consoles and in notifications. The plain direction marks U+200E, U+200F and U+061C reorder nothing and pass.
 */
public final class PlainText {

    private PlainText() {}

    /** What in the value is refused, as a phrase ("a control character"), or null when it is plain text. */
    public static @Nullable String refused(String value) {
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                continue;
            }
            if (Character.isISOControl(c)) {
                return "a control character";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "an unpaired surrogate";
            }
            if (Character.isLowSurrogate(c)) {
                return "an unpaired surrogate";
            }
            if ((c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')) {
                return "a bidirectional override";
            }
        }
        return null;
    }
}
