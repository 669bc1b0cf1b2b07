package dev.orderflow.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/** The firewall allows and refuses the same header and parameter names and values as Spring Security's own checks. */
class PrintableAsciiFirstTests {

    private static final Map<String, Predicate<String>> FIREWALL_CHECKS = Map.of(
            "header names", StrictHttpFirewall.ALLOWED_HEADER_NAMES,
            "header values", StrictHttpFirewall.ALLOWED_HEADER_VALUES,
            "parameter names", StrictHttpFirewall.ALLOWED_PARAMETER_NAMES,
            "parameter values", StrictHttpFirewall.ALLOWED_PARAMETER_VALUES);

    @Test
    void everyCharacterIsJudgedAsTheFirewallJudgesIt() {
        List<String> values =
                new ArrayList<>(List.of("", "Bearer abc.def-ghi_jkl~mno+pqr/stu=", "a\tb", "\u00e9t\u00e9"));
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            values.add("a" + (char) c + "b");
        }
        values.add("a" + Character.toString(0x1F600) + "b");
        values.add("a" + Character.toString(0x10FFFF) + "b");

        FIREWALL_CHECKS.forEach((what, check) -> {
            Predicate<String> quick = PrintableAsciiFirst.or(check);
            for (String value : values) {
                assertThat(quick.test(value))
                        .as("%s: %s", what, value.codePoints().boxed().toList())
                        .isEqualTo(check.test(value));
            }
        });
    }

    @Test
    void theFirewallAllowsAllOfPrintableAscii() {
        StringBuilder printable = new StringBuilder();
        for (char c = 0x20; c <= 0x7e; c++) {
            printable.append(c);
        }

        FIREWALL_CHECKS.forEach((what, check) ->
                assertThat(check.test(printable.toString())).as(what).isTrue());
    }
}
