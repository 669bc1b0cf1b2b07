package dev.orderflow.localstack;

import java.util.List;

/**
 * One process of the platform: its module, its API port and its management port (before any offset), and its database,
 * if it has one. The sandbox serves its operations endpoints on its one port.
 */
public record ServiceSpec(String name, int basePort, int managementBasePort, String database) {

    public static final ServiceSpec PARTNERS = new ServiceSpec("sandbox-partners", 8090, 8090, null);
    public static final ServiceSpec ORDER = new ServiceSpec("order-service", 8081, 9081, "orders");
    public static final ServiceSpec INVENTORY = new ServiceSpec("inventory-service", 8082, 9082, "inventory");
    public static final ServiceSpec PAYMENT = new ServiceSpec("payment-service", 8083, 9083, "payments");
    public static final ServiceSpec SHIPPING = new ServiceSpec("shipping-service", 8084, 9084, "shipping");
    public static final ServiceSpec NOTIFICATION = new ServiceSpec("notification-service", 8085, 9085, "notifications");

    /** Every process, partners first so the services find them. */
    public static final List<ServiceSpec> ALL = List.of(PARTNERS, ORDER, INVENTORY, PAYMENT, SHIPPING, NOTIFICATION);
}
