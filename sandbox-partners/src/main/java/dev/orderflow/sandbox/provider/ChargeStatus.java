package dev.orderflow.sandbox.provider;

enum ChargeStatus {
    AUTHORIZED,
    DECLINED,
    REFUNDED
}
