package dev.orderflow.inventory.catalog;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A catalog change breaks a catalog rule that field validation cannot see, such as the deployment's currency. */
class InvalidProductException extends ErrorResponseException {

    InvalidProductException(String detail) {
        super(HttpStatus.BAD_REQUEST, ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail), null);
    }
}
