package dev.orderflow.web.limits;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The limits of a service's API ({@code orderflow.api.*}), each service setting its own. JSON documents are bounded for
 * every service by Jackson's read constraints (common-web's defaults).
 *
 * @param maxRequestBody the largest request body read (413 beyond, before it is parsed); no limit unless set
 * @param loadShedding the limits beyond which requests are answered 429 at once; off unless enabled
 */
@Validated
@ConfigurationProperties("orderflow.api")
public record ApiLimitsProperties(
        @Nullable DataSize maxRequestBody,
        @DefaultValue @Valid LoadShedding loadShedding) {

    /**
     * Load shedding at the API's door (ADR 0004): beyond {@code maxInFlight} requests being handled, or beyond
     * {@code perClientRate} writes (POST, PUT, PATCH, DELETE) per {@code ratePeriod} from one client (its token's
     * subject), a request to {@code paths} is answered 429 with {@code Retry-After} at once instead of queueing into
     * time-outs.
     *
     * @param maxClients how many clients' rate limiters are kept; the least valuable (Caffeine's size eviction) are
     *     forgotten beyond it
     * @param bulkhead the name of the resilience4j bulkhead of the requests in flight (in its metrics)
     * @param metric the counter of shed requests, tagged {@code reason}
     */
    public record LoadShedding(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("100") @Min(1) int maxInFlight,
            @DefaultValue("100") @Min(1) int perClientRate,
            @DefaultValue("1s") @NotNull Duration ratePeriod,
            @DefaultValue("10000") @Min(1) int maxClients,
            @DefaultValue("/api/**") @NotEmpty List<String> paths,
            @DefaultValue("api") String bulkhead,
            @DefaultValue("orderflow.api.shed") String metric) {}
}
