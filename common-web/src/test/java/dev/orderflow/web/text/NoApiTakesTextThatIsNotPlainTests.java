package dev.orderflow.web.text;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.orderflow.web.support.WebIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Every API of every service refuses text that is not plain ({@link PlainText}) with a 400 problem, in JSON bodies,
 * query parameters and path variables alike, without echoing the value.
 */
@WebIntegrationTest
class NoApiTakesTextThatIsNotPlainTests {

    private final MockMvc mvc;

    NoApiTakesTextThatIsNotPlainTests(MockMvc mvc) {
        this.mvc = mvc;
    }

    @Test
    void aJsonStringWithNulIsRefused() throws Exception {
        mvc.perform(post("/api/test/lines")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"sku\":\"A\\u0000B\",\"quantity\":1}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Unreadable request body"))
                .andExpect(jsonPath("$.detail").value("sku contains a control character, which no text field takes"));
    }

    @Test
    void aJsonStringWithAnUnpairedSurrogateIsRefused() throws Exception {
        mvc.perform(post("/api/test/lines")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"sku\":\"A\",\"quantity\":1,\"other\":\"\\udbff\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(
                        jsonPath("$.detail").value("other contains an unpaired surrogate, which no text field takes"));
    }

    @Test
    void aPlainJsonStringPasses() throws Exception {
        mvc.perform(post("/api/test/lines")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"sku\":\"A\",\"quantity\":1,\"other\":\"Zoë \\ud83d\\ude00\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.other").value("Zoë \ud83d\ude00"));
    }

    @Test
    void aQueryParameterWithAControlCharacterIsRefused() throws Exception {
        mvc.perform(get("/api/test/echo/word").param("text", "a\u0000b"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("The parameter 'text' contains a control character"));
    }

    @Test
    void aPathVariableWithABidiOverrideIsRefused() throws Exception {
        mvc.perform(get("/api/test/echo/{word}", "evil\u202egnp"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("The path variable 'word' contains a bidirectional override"));
    }

    @Test
    void plainParametersPass() throws Exception {
        mvc.perform(get("/api/test/echo/{word}", "Zoë").param("text", " Ωμέγα"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.echo").value("Zoë Ωμέγα"));
    }
}
