package dev.orderflow.notification;

import static dev.orderflow.notification.NotificationTestKit.completed;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@NotificationIntegrationTest
class NotificationApiTests {

    private final NotificationTestKit kit;
    private final MockMvc mvc;

    NotificationApiTests(NotificationTestKit kit, MockMvc mvc) {
        this.kit = kit;
        this.mvc = mvc;
    }

    @Test
    void listsTheNotificationsOfAnOrderWithoutPersonalData() throws Exception {
        UUID orderId = UUID.randomUUID();
        kit.publish(completed(orderId));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> kit.notifications(orderId).stream().allMatch(n -> n.status() == NotificationStatus.SENT)
                        && kit.notifications(orderId).size() == 2);
        Notification email = kit.notification(orderId, EmailChannel.NAME);

        mvc.perform(get("/api/notifications").param("orderId", orderId.toString()))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$", hasSize(2)))
                .andExpect(jsonPath("$[*].channel", containsInAnyOrder("log", "email")))
                .andExpect(jsonPath("$[?(@.channel == 'email')].id")
                        .value(email.id().toString()))
                .andExpect(jsonPath("$[0].orderId").value(orderId.toString()))
                .andExpect(jsonPath("$[0].outcome").value("CONFIRMED"))
                .andExpect(jsonPath("$[0].status").value("SENT"))
                .andExpect(jsonPath("$[0].sentAt", notNullValue()))
                .andExpect(jsonPath("$[0].length()").value(6))
                .andExpect(content()
                        .string(org.hamcrest.Matchers.not(
                                org.hamcrest.Matchers.containsString(NotificationTestKit.CUSTOMER_EMAIL))));
    }

    @Test
    void listsNothingForAnOrderWithoutNotifications() throws Exception {
        mvc.perform(get("/api/notifications").param("orderId", UUID.randomUUID().toString()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(0)));
    }

    @Test
    void answersAMissingOrMalformedOrderIdWithProblemDetails() throws Exception {
        mvc.perform(get("/api/notifications").param("orderId", "not-a-uuid"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/notifications"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("orderId")));
    }
}
