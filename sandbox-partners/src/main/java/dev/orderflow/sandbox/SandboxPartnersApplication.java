package dev.orderflow.sandbox;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The sandbox partners: a payment provider ({@code /provider}) and a carrier ({@code /carrier}) that behave like real
 * ones where the saga cares (idempotency keys, declines, failures, refunds, cancellations), in memory, over real HTTP;
 * and an identity provider ({@code /oauth2/token}, {@code /oauth2/jwks}, {@code /sandbox/customer-tokens}) that issues
 * the platform's JWT access tokens.
 */
@SpringBootApplication
public class SandboxPartnersApplication {

    public static void main(String[] args) {
        SpringApplication.run(SandboxPartnersApplication.class, args);
    }
}
