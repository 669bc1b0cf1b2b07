package dev.orderflow.sandbox.faults;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** An injected outage: 503 with {@code Retry-After}, as a partner under maintenance answers. */
public class PartnerUnavailableException extends ErrorResponseException {

    PartnerUnavailableException(String partner) {
        super(HttpStatus.SERVICE_UNAVAILABLE, problem(partner), null);
        getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
    }

    private static ProblemDetail problem(String partner) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.SERVICE_UNAVAILABLE, "The sandbox " + partner + " is unavailable (injected error).");
        problem.setTitle("Partner unavailable");
        return problem;
    }
}
