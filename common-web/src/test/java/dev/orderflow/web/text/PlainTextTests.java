package dev.orderflow.web.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What counts as plain text in every API (SECURITY.md, "Text fields"). */
class PlainTextTests {

    @ParameterizedTest
    @ValueSource(strings = {"A\u0000B", "\t", "line\nbreak", "\r", "\u001f", "\u007f", "\u0085", "\u009f"})
    void controlCharactersAreRefused(String value) {
        assertThat(PlainText.refused(value)).isEqualTo("a control character");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\ud800", "a\ud800b", "\udc00", "x\ude00\ud83d", "end\ud83d"})
    void unpairedSurrogatesAreRefused(String value) {
        assertThat(PlainText.refused(value)).isEqualTo("an unpaired surrogate");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\u202a",
                "\u202b",
                "\u202c",
                "\u202d",
                "evil\u202egnp.exe",
                "\u2066",
                "\u2067",
                "\u2068",
                "\u2069"
            })
    void bidirectionalOverridesAndIsolatesAreRefused(String value) {
        assertThat(PlainText.refused(value)).isEqualTo("a bidirectional override");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "Main St 1",
                "Zoë Ωμέγα 中文",
                "\u05e9\u05dc\u05d5\u05dd \u200f1\u200e",
                "\u0627\u061c",
                "\ud83d\ude00 emoji",
                "~!@#$%^&*()_+{}|:\"<>?`-=[]\\;',./"
            })
    void plainTextInAnyScriptPasses(String value) {
        assertThat(PlainText.refused(value)).isNull();
    }
}
