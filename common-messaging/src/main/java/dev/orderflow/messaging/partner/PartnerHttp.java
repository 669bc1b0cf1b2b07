package dev.orderflow.messaging.partner;

import dev.orderflow.events.EventJson;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.converter.ByteArrayHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * The one classification of partner HTTP failures. Unavailability (connection failures, time-outs, 429 and every 5xx) is
 * a {@link PartnerUnavailable}, dispatched or not; any other failure (another 4xx, an unreadable answer) a
 * {@link PartnerException}. Retrying is safe because every partner call carries the key the partner de-duplicates by.
 *
 * <p>What counts as not dispatched is part of the partner contract (docs/saga.md): a refused or timed-out connection, a
 * 429, or a 503, which partners answer before doing anything. Any other 5xx and a read time-out leave the outcome in
 * doubt.
 */
public final class PartnerHttp {

    private PartnerHttp() {}

    /** JSON with the events' mapping (money as plain decimal strings), and raw bytes sent as they are. */
    public static List<HttpMessageConverter<?>> messageConverters() {
        return List.of(new ByteArrayHttpMessageConverter(), new JacksonJsonHttpMessageConverter(EventJson.mapper()));
    }

    /**
     * Makes one call and classifies its failure.
     *
     * @param partner the partner's name in messages, e.g. {@code provider}
     * @param operation what was asked, e.g. {@code charge}
     */
    public static <T> @Nullable T call(String partner, String operation, Supplier<@Nullable T> call) {
        try {
            return call.get();
        } catch (RestClientResponseException e) {
            HttpStatusCode status = e.getStatusCode();
            String answered = partner + " unavailable: " + operation + " answered " + status.value();
            if (status.value() == 429 || status.value() == 503) {
                throw PartnerUnavailable.notDispatched(answered, e);
            }
            if (status.is5xxServerError()) {
                throw PartnerUnavailable.maybeDispatched(answered, e);
            }
            throw PartnerException.refused(partner + " refused the " + operation + ": " + status.value(), e);
        } catch (ResourceAccessException e) {
            Throwable cause = e.getMostSpecificCause();
            String message = partner + " unreachable on " + operation + ": "
                    + cause.getClass().getSimpleName();
            throw neverConnected(e)
                    ? PartnerUnavailable.notDispatched(message, e)
                    : PartnerUnavailable.maybeDispatched(message, e);
        } catch (RestClientException e) {
            throw PartnerException.unreadable(partner + " sent an unreadable " + operation + " answer", e);
        }
    }

    /** Whether the failure happened before a connection existed, so no byte of the request reached the partner. */
    static boolean neverConnected(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException
                    || cause instanceof HttpConnectTimeoutException
                    || cause instanceof UnknownHostException
                    || cause instanceof NoRouteToHostException
                    || cause instanceof UnresolvedAddressException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /** A partner's text that travels on in events: control characters removed, bounded; null when blank. */
    public static @Nullable String text(@Nullable String value, int maxLength) {
        String cleaned =
                value == null ? "" : value.replaceAll("\\p{Cntrl}", " ").strip();
        if (cleaned.isEmpty()) {
            return null;
        }
        return cleaned.length() > maxLength ? cleaned.substring(0, maxLength) : cleaned;
    }
}
