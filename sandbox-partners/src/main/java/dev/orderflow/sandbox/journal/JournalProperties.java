package dev.orderflow.sandbox.journal;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param capacity how many entries the journal keeps; the oldest go first, so a long-running sandbox stays bounded
 */
@Validated
@ConfigurationProperties("orderflow.sandbox.journal")
record JournalProperties(@DefaultValue("100000") @Positive int capacity) {}
