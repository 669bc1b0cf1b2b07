package dev.orderflow.inventory.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.orderflow.inventory.support.InventoryIntegrationTest;
import dev.orderflow.inventory.support.InventoryTestKit;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@InventoryIntegrationTest
class ProductApiTests {

    private static final String PROBLEM = MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    private final MockMvc mvc;
    private final InventoryTestKit kit;

    ProductApiTests(MockMvc mvc, InventoryTestKit kit) {
        this.mvc = mvc;
        this.kit = kit;
    }

    @Test
    void createsAProductWithoutStockThenUpdatesItsNameAndPriceKeepingItsStock() throws Exception {
        String sku = InventoryTestKit.newSku("MUG");
        putProduct(sku, """
                        {"name":"Mug","price":12.5,"currency":"EUR"}""")
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/products/" + sku))
                .andExpect(jsonPath("$.sku").value(sku))
                .andExpect(jsonPath("$.price").value("12.50"))
                .andExpect(jsonPath("$.stocked").value(0))
                .andExpect(jsonPath("$.available").value(0));
        addStock(sku, "{\"quantity\":7}").andExpect(status().isOk());

        putProduct(sku, """
                        {"name":"Big mug","price":"14.00","currency":"EUR"}""").andExpect(status().isOk());

        mvc.perform(get("/api/products/{sku}", sku))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.sku").value(sku))
                .andExpect(jsonPath("$.name").value("Big mug"))
                .andExpect(jsonPath("$.price").value("14.00"))
                .andExpect(jsonPath("$.currency").value("EUR"))
                .andExpect(jsonPath("$.stocked").value(7))
                .andExpect(jsonPath("$.available").value(7))
                .andExpect(jsonPath("$.reserved").value(0))
                .andExpect(jsonPath("$.sold").value(0));
    }

    @Test
    void addingStockGrowsStockedAndAvailable() throws Exception {
        String sku = InventoryTestKit.newSku("TEA");
        kit.product(sku, "3.99", 5);

        addStock(sku, "{\"quantity\":1000000}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.stocked").value(1_000_005))
                .andExpect(jsonPath("$.available").value(1_000_005))
                .andExpect(jsonPath("$.reserved").value(0));
    }

    @Test
    void refusesASkuOutsideTheSkuPattern() throws Exception {
        problem(putProduct("mug_1", "{\"name\":\"Mug\",\"price\":1,\"currency\":\"EUR\"}"), 400)
                .andExpect(jsonPath("$.errors[0].field").value("sku"));
        problem(mvc.perform(get("/api/products/{sku}", "lower-case")), 400);
        problem(addStock("A".repeat(65), "{\"quantity\":1}"), 400);
    }

    @Test
    void refusesAPriceInAnotherCurrencyThanTheDeployments() throws Exception {
        String sku = InventoryTestKit.newSku("MUG");
        problem(putProduct(sku, "{\"name\":\"Mug\",\"price\":12.50,\"currency\":\"USD\"}"), 400)
                .andExpect(jsonPath("$.detail", containsString("EUR")));
        problem(mvc.perform(get("/api/products/{sku}", sku)), 404);
    }

    @Test
    void refusesPricesThatAreNotPositiveOrHaveMoreThanTwoDecimals() throws Exception {
        String sku = InventoryTestKit.newSku("MUG");
        for (String price : new String[] {"0", "-1.00", "1.005", "null"}) {
            problem(putProduct(sku, "{\"name\":\"Mug\",\"price\":" + price + ",\"currency\":\"EUR\"}"), 400)
                    .andExpect(jsonPath("$.errors[*].field", hasItem("price")));
        }
        problem(mvc.perform(get("/api/products/{sku}", sku)), 404);
    }

    @Test
    void refusesStockCountersInTheCatalogBody() throws Exception {
        String sku = InventoryTestKit.newSku("MUG");
        problem(putProduct(sku, "{\"name\":\"Mug\",\"price\":1.00,\"currency\":\"EUR\",\"available\":99}"), 400)
                .andExpect(jsonPath("$.detail", containsString("'available'")));
        problem(mvc.perform(get("/api/products/{sku}", sku)), 404);
    }

    @Test
    void refusesStockQuantitiesOutsideOneToOneMillionAndMalformedBodies() throws Exception {
        String sku = InventoryTestKit.newSku("TEA");
        kit.product(sku, "3.99", 5);
        for (String quantity : new String[] {"-1", "0", "1000001", "null"}) {
            problem(addStock(sku, "{\"quantity\":" + quantity + "}"), 400)
                    .andExpect(jsonPath("$.errors[0].field").value("quantity"));
        }
        problem(addStock(sku, "{\"quantity\":"), 400);
        problem(addStock(sku, "{\"quantity\":\"many\"}"), 400)
                .andExpect(jsonPath("$.detail", containsString("quantity")));
        mvc.perform(get("/api/products/{sku}", sku))
                .andExpect(jsonPath("$.stocked").value(5));
    }

    @Test
    void answersUnknownProductsWithNotFound() throws Exception {
        String sku = InventoryTestKit.newSku("NOPE");
        problem(mvc.perform(get("/api/products/{sku}", sku)), 404).andExpect(jsonPath("$.detail", containsString(sku)));
        problem(addStock(sku, "{\"quantity\":1}"), 404);
    }

    @Test
    void listsTheCatalogInSpringDataPagesWithSizesClampedToOneHundred() throws Exception {
        for (int i = 0; i < 5; i++) {
            kit.product(InventoryTestKit.newSku("PAGE"), "1.00", 1);
        }

        mvc.perform(get("/api/products"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content").isArray())
                .andExpect(jsonPath("$.content[0].sku").isString())
                .andExpect(jsonPath("$.content[0].available").isNumber())
                .andExpect(jsonPath("$.page.number").value(0))
                .andExpect(jsonPath("$.page.size").value(20))
                .andExpect(jsonPath("$.page.totalElements").isNumber())
                .andExpect(jsonPath("$.page.totalPages").isNumber());
        mvc.perform(get("/api/products").param("size", "500"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.page.size").value(100));
        mvc.perform(get("/api/products").param("page", "1").param("size", "2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.page.number").value(1))
                .andExpect(jsonPath("$.content.length()").value(2));
        String body = mvc.perform(get("/api/products").param("size", "3"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        int total = JsonPath.read(body, "$.page.totalElements");
        assertThat(total).isGreaterThanOrEqualTo(5);
        assertThat((int) JsonPath.read(body, "$.page.totalPages")).isEqualTo((total + 2) / 3);
        problem(mvc.perform(get("/api/products").param("size", "ten")), 400);
    }

    private ResultActions putProduct(String sku, String body) throws Exception {
        return mvc.perform(put("/api/products/{sku}", sku)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    private ResultActions addStock(String sku, String body) throws Exception {
        return mvc.perform(post("/api/products/{sku}/stock", sku)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    private static ResultActions problem(ResultActions result, int status) throws Exception {
        return result.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.detail").isString());
    }
}
