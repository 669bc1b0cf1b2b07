package dev.orderflow.web.problem;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.orderflow.web.support.WebIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The one problem-details behaviour every service shares: what is wrong, by field or parameter, never the values sent
 * or the internals; {@code instance} and {@code traceId} on each.
 */
@WebIntegrationTest
class ApiProblemsTests {

    private final MockMvc mvc;

    ApiProblemsTests(MockMvc mvc) {
        this.mvc = mvc;
    }

    @Test
    void invalidFieldsAreListedByPathSortedAndJoinedInTheDetail() throws Exception {
        problem(postLine("{\"sku\":\"\",\"quantity\":0}"), 400, "Invalid request")
                .andExpect(jsonPath("$.errors[0].field").value("quantity"))
                .andExpect(jsonPath("$.errors[0].message").value("must be greater than or equal to 1"))
                .andExpect(jsonPath("$.errors[1].field").value("sku"))
                .andExpect(jsonPath("$.detail")
                        .value("quantity must be greater than or equal to 1; sku must not be blank"));
    }

    @Test
    void aRuleOfTheWholeBodyIsReportedAsTheBody() throws Exception {
        problem(postLine("{\"sku\":\"A\",\"quantity\":1,\"other\":\"A\"}"), 400, "Invalid request")
                .andExpect(jsonPath("$.errors[0].field").value("body"))
                .andExpect(jsonPath("$.errors[0].message").value("other must differ from sku"));
    }

    @Test
    void invalidParametersAreNamedAndInvalidBodyFieldsKeepTheirPathUnderMethodValidation() throws Exception {
        problem(mvc.perform(get("/api/test/pages").param("size", "0")), 400, "Invalid request")
                .andExpect(jsonPath("$.errors[0].field").value("size"));
        problem(
                        mvc.perform(put("/api/test/skus/{sku}", "lower")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"sku\":\"A\",\"quantity\":0}")),
                        400,
                        "Invalid request")
                .andExpect(jsonPath("$.errors[0].field").value("quantity"))
                .andExpect(jsonPath("$.errors[1].field").value("sku"));
    }

    @Test
    void unreadableBodiesSayWhatIsWrongWithoutEchoingThem() throws Exception {
        problem(postLine("{\"sku\":"), 400, "Unreadable request body")
                .andExpect(jsonPath("$.detail").value(startsWith("Malformed JSON")));
        problem(postLine(""), 400, "Unreadable request body")
                .andExpect(jsonPath("$.detail").value("The request body is missing"));
        problem(postLine("[1]"), 400, "Unreadable request body")
                .andExpect(jsonPath("$.detail").value("The body must be a JSON object"));
        problem(postLine("{\"sku\":\"A\",\"quantity\":\"SECRET\"}"), 400, "Unreadable request body")
                .andExpect(jsonPath("$.detail").value("quantity has the wrong type"));
        problem(postLine("{\"sku\":\"A\",\"quantity\":1,\"price\":\"SECRET\"}"), 400, "Unreadable request body")
                .andExpect(jsonPath("$.detail").value(startsWith("Unknown property 'price'")))
                .andExpect(jsonPath("$.detail").value(not(containsString("SECRET"))));
    }

    @Test
    void malformedParametersSayWhatIsExpected() throws Exception {
        problem(mvc.perform(get("/api/test/items/{id}", "42")), 400, "Invalid parameter")
                .andExpect(jsonPath("$.detail").value("id must be a UUID"));
        problem(mvc.perform(get("/api/test/colors").param("color", "BLUE")), 400, "Invalid parameter")
                .andExpect(jsonPath("$.detail").value("color must be one of RED, GREEN"));
    }

    @Test
    void aServicesOwnErrorResponseKeepsItsStatusTitleAndHeaders() throws Exception {
        problem(mvc.perform(get("/api/test/busy")), 429, "Too many requests")
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "2"))
                .andExpect(jsonPath("$.detail").value("Busy; retry shortly"));
    }

    @Test
    void anUnavailableDatabaseIs503WithRetryAfter() throws Exception {
        problem(mvc.perform(get("/api/test/database")), 503, "Service unavailable")
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "5"))
                .andExpect(jsonPath("$.detail").value(not(containsString("db.internal"))));
    }

    @Test
    void anUnexpectedFailureIs500WithoutInternals() throws Exception {
        problem(mvc.perform(get("/api/test/bug")), 500, "Internal error")
                .andExpect(content().string(not(containsString("secret internals"))))
                .andExpect(content().string(not(containsString("IllegalStateException"))));
    }

    @Test
    void springMvcsOwnErrorsAreProblemsToo() throws Exception {
        // The test application's rules let POST through to this GET-only endpoint, so Spring MVC answers.
        problem(mvc.perform(post("/api/test/pages")), 405, "Method Not Allowed");
        problem(
                mvc.perform(post("/api/test/lines")
                        .contentType(MediaType.TEXT_PLAIN)
                        .content("x")),
                415,
                "Unsupported Media Type");
    }

    private ResultActions postLine(String body) throws Exception {
        return mvc.perform(
                post("/api/test/lines").contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private static ResultActions problem(ResultActions result, int status, String title) throws Exception {
        return result.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.title").value(title))
                .andExpect(jsonPath("$.instance").value(startsWith("/api/test/")))
                .andExpect(jsonPath("$.traceId").value(matchesPattern("[0-9a-f]{32}")));
    }
}
