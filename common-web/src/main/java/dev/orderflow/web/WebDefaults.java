package dev.orderflow.web;

/**
 * common-web's defaults ({@code orderflow-web-defaults.properties}): token issuer, audience and algorithms, JSON read
 * limits, error answers without internals, graceful shutdown of the web server.
 */
public final class WebDefaults extends OrderflowDefaults {

    public WebDefaults() {
        super("orderflow-web-defaults.properties");
    }
}
