package dev.orderflow.sandbox.carrier;

import java.util.UUID;

record CancelAnswer(UUID orderId, String status) {}
