package dev.orderflow.order.web;

import static dev.orderflow.order.support.OrderTestKit.customer;
import static dev.orderflow.order.support.OrderTestKit.lines;
import static dev.orderflow.order.support.OrderTestKit.orderBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.orderflow.order.support.OrderServiceIntegrationTest;
import dev.orderflow.order.support.OrderTestKit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Every rule a new order must pass: a 400 (or 413, 415) problem that says what is wrong, and nothing written, neither an
 * order nor an event.
 */
@OrderServiceIntegrationTest
class OrderValidationTests {

    private final MockMvc mvc;
    private final OrderTestKit kit;
    private final String customer = customer("invalid");

    OrderValidationTests(MockMvc mvc, OrderTestKit kit) {
        this.mvc = mvc;
        this.kit = kit;
    }

    @AfterEach
    void nothingWasWritten() {
        assertThat(kit.ordersOf(customer)).isZero();
        assertThat(kit.jdbc()
                        .sql("select count(*) from outbox_event where payload like :pattern")
                        .param("pattern", "%" + customer + "%")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // Issue 18: PostgreSQL refuses NUL in text; the order API answered 500.
                "A\\u0000B | a control character",
                "A\\u0007B | a control character",
                "A\\nB | a control character",
                "A\\u0085B | a control character",
                "A\\ud800B | an unpaired surrogate",
                "A\\udc00 | an unpaired surrogate",
                "evil\\u202egnp.exe | a bidirectional override",
                "A\\u2066B | a bidirectional override"
            })
    void textThatIsNotPlainIsRefusedInAnyField(String escaped, String refused) throws Exception {
        place(orderBody(customer, lines("SKU-1", 1)).replace("\"name\":\"Ana\"", "\"name\":\"" + escaped + "\""))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail")
                        .value("shippingAddress.name contains " + refused + ", which no text field takes"));
        place(orderBody(customer, lines("SKU-1", 1)).replace("ana@example.com", escaped + "@example.com"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("customerEmail contains " + refused)));
    }

    @Test
    void textInAnyScriptAndWithDirectionMarksIsAccepted() throws Exception {
        String name = "Zoë Ωμέγα 中文 \\u05e9\\u05dc\\u05d5\\u05dd\\u200f \\ud83d\\ude00";
        String body = orderBody(customer, lines("SKU-1", 1)).replace("\"name\":\"Ana\"", "\"name\":\"" + name + "\"");
        String other = customer("plain");

        kit.placeOrder(body.replace(customer, other));

        assertThat(kit.ordersOf(other)).isOne();
    }

    @Test
    void malformedJsonIsRefused() throws Exception {
        place("{\"customerId\": \"c-1\", \"items\": [")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Unreadable request body"))
                .andExpect(jsonPath("$.detail").value(containsString("Malformed JSON")));
    }

    @Test
    void missingBodyIsRefused() throws Exception {
        place("")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("The request body is missing"));
    }

    @Test
    void bodyThatIsNotAnObjectIsRefused() throws Exception {
        place("[1, 2]")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("The body must be a JSON object"));
    }

    @Test
    void quantityMustBeBetween1And1000() throws Exception {
        for (int quantity : new int[] {0, -1, 1001}) {
            place(orderBody(customer, lines("SKU-1", quantity)))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("items[0].quantity"))
                    .andExpect(jsonPath("$.errors[0].message").value("must be between 1 and 1000"))
                    .andExpect(jsonPath("$.detail").value("items[0].quantity must be between 1 and 1000"));
        }
        place(orderBody(customer("valid"), lines("SKU-1", 1000))).andExpect(status().isAccepted());
    }

    @Test
    void quantityOfTheWrongTypeIsRefused() throws Exception {
        place(orderBody(customer, lines("SKU-1", 1)).replace("\"quantity\":1", "\"quantity\":\"two\""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("items[0].quantity has the wrong type"));
    }

    @Test
    void atMost100LinesAreAccepted() throws Exception {
        Map<String, Integer> tooMany = new LinkedHashMap<>();
        IntStream.rangeClosed(1, 101).forEach(i -> tooMany.put("SKU-" + i, 1));

        place(orderBody(customer, tooMany))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("items"))
                .andExpect(jsonPath("$.errors[0].message").value("must have at most 100 lines"));
    }

    @Test
    void orderNeedsAtLeastOneLine() throws Exception {
        place(orderBody(customer, Map.of()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("items"))
                .andExpect(jsonPath("$.errors[0].message").value("must have at least one line"));
    }

    @Test
    void theSameSkuOnTwoLinesIsRefused() throws Exception {
        String body = orderBody(customer, lines("SKU-1", 1, "SKU-2", 1)).replace("SKU-2", "SKU-1");

        place(body)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("items"))
                .andExpect(jsonPath("$.errors[0].message").value("must not list the same SKU on two lines"));
    }

    @Test
    void skuMustMatchThePattern() throws Exception {
        for (String sku : new String[] {"sku-1", "SKU 1", "", "A".repeat(65), "SKU_1"}) {
            place(orderBody(customer, lines(sku, 1)))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("items[0].sku"))
                    .andExpect(jsonPath("$.errors[0].message").value("must match [A-Z0-9-]{1,64}"));
        }
    }

    @Test
    void countryMustBeTwoCapitalLetters() throws Exception {
        for (String country : new String[] {"de", "DEU", "D", ""}) {
            place(orderBody(customer, lines("SKU-1", 1)).replace("\"DE\"", "\"" + country + "\""))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("shippingAddress.country"));
        }
    }

    @Test
    void emailMustBePresentAndWellFormed() throws Exception {
        String body = orderBody(customer, lines("SKU-1", 1));
        place(body.replace("\"customerEmail\":\"ana@example.com\",", ""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("customerEmail"))
                .andExpect(jsonPath("$.errors[0].message").value("must not be blank"));
        for (String email : new String[] {"ana", "ana@", "@example.com", "ana@example", "ana example@x.com"}) {
            place(body.replace("ana@example.com", email))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[*].field").value("customerEmail"))
                    .andExpect(jsonPath("$.detail").value(not(containsString(email))));
        }
    }

    @Test
    void missingFieldsAreAllReported() throws Exception {
        place("{\"items\":[{\"sku\":\"SKU-1\"}]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field")
                        .value(org.hamcrest.Matchers.contains(
                                "customerEmail", "items[0].quantity", "shippingAddress")));
    }

    @Test
    void pricesStatusAndOtherUnknownFieldsCannotBeSet() throws Exception {
        String body = orderBody(customer, lines("SKU-1", 1));
        place(body.replaceFirst("\\{", "{\"total\":0.01,"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("Unknown property 'total'")));
        place(body.replaceFirst("\\{", "{\"status\":\"COMPLETED\","))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("Unknown property 'status'")));
        place(body.replace("\"quantity\":1", "\"quantity\":1,\"unitPrice\":0.01"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("Unknown property 'items[0].unitPrice'")));
    }

    @Test
    void duplicateJsonPropertiesAreRefused() throws Exception {
        String body = orderBody(customer, lines("SKU-1", 1));
        place(body.replaceFirst("\\{", "{\"customerId\":\"someone-else\","))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("Malformed JSON")));
    }

    @Test
    void bodyOver64KilobytesIsA413Problem() throws Exception {
        String padding = " ".repeat(64 * 1024);
        String body = orderBody(customer, lines("SKU-1", 1)) + padding;

        place(body)
                .andExpect(status().isContentTooLarge())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("The request body is larger than 65536 bytes"));
    }

    @Test
    void bodyThatIsNotJsonIsA415Problem() throws Exception {
        mvc.perform(post("/api/orders").contentType(MediaType.TEXT_PLAIN).content("hello"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void problemsCarryTheTraceIdAndNoStackTrace() throws Exception {
        String response = place("{")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.traceId").value(org.hamcrest.Matchers.matchesPattern("[0-9a-f]{32}")))
                .andExpect(jsonPath("$.instance").value("/api/orders"))
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(response).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private ResultActions place(String body) throws Exception {
        return mvc.perform(
                post("/api/orders").contentType(MediaType.APPLICATION_JSON).content(body));
    }
}
