package dev.orderflow.inventory.catalog;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.orderflow.inventory.support.InventoryIntegrationTest;
import dev.orderflow.testsupport.TestIdentityProvider;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * OWASP API5:2023 Broken Function Level Authorization, for the catalog: prices and stock are set with
 * {@code orders:admin} only; a customer's or a shop's token reads the catalog and nothing more. Clients never set
 * {@code available}, {@code reserved} or {@code sold} (API3), whatever their scopes.
 */
@InventoryIntegrationTest
class CatalogWritesNeedTheAdminScopeTests {

    private static final String PRODUCT = "{\"name\":\"Beans\",\"price\":\"12.90\",\"currency\":\"EUR\"}";

    private final MockMvc mvc;
    private final TestIdentityProvider identity = TestIdentityProvider.shared();

    CatalogWritesNeedTheAdminScopeTests(MockMvc mvc) {
        this.mvc = mvc;
    }

    @Test
    void catalogAndStockWritesRefuseNonAdminTokens() throws Exception {
        String sku = sku();
        for (String token : new String[] {
            identity.customerToken("c-api5"), scoped("orders:write", "orders:read"), scoped("ops:read")
        }) {
            mvc.perform(put("/api/products/{sku}", sku)
                            .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(PRODUCT))
                    .andExpect(status().isForbidden())
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
            mvc.perform(post("/api/products/{sku}/stock", sku)
                            .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"quantity\":5}"))
                    .andExpect(status().isForbidden());
        }
        mvc.perform(get("/api/products/{sku}", sku)).andExpect(status().isNotFound());
    }

    @Test
    void adminSetsTheCatalogAndOthersReadIt() throws Exception {
        String sku = sku();
        mvc.perform(put("/api/products/{sku}", sku)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + scoped("orders:admin"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(PRODUCT))
                .andExpect(status().is2xxSuccessful());

        mvc.perform(get("/api/products/{sku}", sku)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + identity.customerToken("c-api5")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.price").value("12.90"));
        mvc.perform(get("/api/products/{sku}", sku)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + scoped("orders:write")))
                .andExpect(status().isForbidden());
    }

    @Test
    void serverOwnedStockFieldsAreRefusedEvenForAnAdmin() throws Exception {
        mvc.perform(put("/api/products/{sku}", sku())
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + scoped("orders:admin"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(PRODUCT.replace("{", "{\"available\":1000000,")))
                .andExpect(status().isBadRequest());
    }

    private String scoped(String... scopes) {
        return identity.clientTokenWith(scopes);
    }

    private static String sku() {
        return "API5-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }
}
