package dev.orderflow.web.security;

import java.util.function.Predicate;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The character checks of Spring Security's {@link StrictHttpFirewall} on header and parameter names and values,
 * answered at once when a value is printable ASCII, which every one of them allows, and by the firewall's own check
 * otherwise. Its checks are regular expressions over Unicode properties run on every {@code getHeader} of a request;
 * over a bearer token's 750 characters that cost several microseconds per request.
 */
final class PrintableAsciiFirst {

    private PrintableAsciiFirst() {}

    static StrictHttpFirewall firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(or(StrictHttpFirewall.ALLOWED_HEADER_NAMES));
        firewall.setAllowedHeaderValues(or(StrictHttpFirewall.ALLOWED_HEADER_VALUES));
        firewall.setAllowedParameterNames(or(StrictHttpFirewall.ALLOWED_PARAMETER_NAMES));
        firewall.setAllowedParameterValues(or(StrictHttpFirewall.ALLOWED_PARAMETER_VALUES));
        return firewall;
    }

    /** Printable ASCII, or else what the firewall's own check says. */
    static Predicate<String> or(Predicate<String> firewallCheck) {
        return value -> isPrintableAscii(value) || firewallCheck.test(value);
    }

    static boolean isPrintableAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
