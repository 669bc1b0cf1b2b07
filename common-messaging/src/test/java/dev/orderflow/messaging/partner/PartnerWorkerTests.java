package dev.orderflow.messaging.partner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PartnerWorkerTests {

    @Test
    void storedErrorsNeverCarryEmailAddressesAndAreBounded() {
        String error =
                PartnerWorker.describe("550 5.1.1 <ana@example.com>: Recipient address rejected: ana@example.com");

        assertThat(error).doesNotContain("ana@example.com").contains("Recipient address rejected");
        assertThat(PartnerWorker.describe("x".repeat(2000))).hasSize(500);
        assertThat(PartnerWorker.describe(null)).isEqualTo("unknown error");
    }
}
