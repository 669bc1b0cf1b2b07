package dev.orderflow.inventory.catalog;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No catalog entry has this SKU. */
class UnknownProductException extends ErrorResponseException {

    UnknownProductException(String sku) {
        super(
                HttpStatus.NOT_FOUND,
                ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "no product with SKU " + sku),
                null);
    }
}
