package dev.orderflow.messaging.partner;

import dev.orderflow.events.EventJson;
import dev.orderflow.messaging.TransientFailure;
import io.micrometer.observation.ObservationRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.ByteArrayHttpMessageConverter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * How every service talks HTTP to a partner: one {@link RestClient} per partner with bounded timeouts and no retries of
 * its own (the caller's processor retries with backoff), and one classification of failures: unavailability
 * (connection failures, time-outs, 429 and every 5xx) is a {@link TransientFailure}, anything else (another 4xx, an
 * unreadable answer) a {@link PartnerException}. Retrying is safe because every partner call carries the key the
 * partner de-duplicates by.
 */
public final class PartnerHttp {

    private PartnerHttp() {}

    /** HTTP/1.1, bounded connect and read timeouts, JSON with the events' mapper (plain decimals) or raw bytes, observed. */
    public static RestClient restClient(
            URI baseUrl, Duration connectTimeout, Duration readTimeout, ObservationRegistry observations) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(readTimeout);
        return RestClient.builder()
                .baseUrl(baseUrl)
                .requestFactory(requests)
                .messageConverters(List.of(
                        // Bytes as they are: a signed body (webhooks) must go out exactly as it was signed.
                        new ByteArrayHttpMessageConverter(), new JacksonJsonHttpMessageConverter(EventJson.mapper())))
                .observationRegistry(observations)
                .build();
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
            if (status.is5xxServerError() || status.value() == 429) {
                throw new TransientFailure(partner + " unavailable: " + operation + " answered " + status.value(), e);
            }
            throw new PartnerException(partner + " refused the " + operation + ": " + status.value(), e);
        } catch (ResourceAccessException e) {
            throw new TransientFailure(
                    partner + " unreachable on " + operation + ": "
                            + e.getMostSpecificCause().getClass().getSimpleName(),
                    e);
        } catch (RestClientException e) {
            throw new PartnerException(partner + " sent an unreadable " + operation + " answer", e);
        }
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
