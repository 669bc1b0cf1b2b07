package dev.orderflow.messaging.incident;

import dev.orderflow.messaging.TransientFailure;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators' view of compensations that keep failing, and their way to retry one now, through partner work's lease (a
 * call in flight is left to its worker; 503 while the partner's circuit is open). Served by every service with partner
 * work.
 */
@RestController
@RequestMapping("/api/admin/incidents")
public class IncidentController {

    private static final int MAX_LIMIT = 500;

    private final CompensationIncidents incidents;
    private final CompensationRetry retry;

    public IncidentController(CompensationIncidents incidents, CompensationRetry retry) {
        this.incidents = incidents;
        this.retry = retry;
    }

    @GetMapping
    List<CompensationIncident> list(
            @RequestParam(required = false) @Nullable IncidentStatus status,
            @RequestParam(required = false) @Nullable UUID orderId,
            @RequestParam(defaultValue = "100") int limit) {
        return incidents.list(status, orderId, Math.clamp(limit, 1, MAX_LIMIT));
    }

    @GetMapping("/{id}")
    CompensationIncident get(@PathVariable UUID id) {
        return incidents.find(id).orElseThrow(() -> problem(HttpStatus.NOT_FOUND, "No incident " + id));
    }

    /**
     * Runs the compensation once more, now, and answers the incident as it stands afterwards: {@code RESOLVED} if it
     * worked, still {@code OPEN} with the new error if not.
     */
    @PostMapping("/{id}/retry")
    CompensationIncident retry(@PathVariable UUID id) {
        CompensationIncident incident = get(id);
        if (incident.status() == IncidentStatus.RESOLVED) {
            throw problem(HttpStatus.CONFLICT, "Incident " + id + " is already resolved");
        }
        try {
            retry.retryNow(incident.orderId(), incident.action());
        } catch (TransientFailure e) {
            ErrorResponseException busy =
                    problem(HttpStatus.SERVICE_UNAVAILABLE, "The partner takes no calls now; retry the incident later");
            busy.getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
            throw busy;
        }
        return get(id);
    }

    private static ErrorResponseException problem(HttpStatus status, String detail) {
        return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
    }
}
