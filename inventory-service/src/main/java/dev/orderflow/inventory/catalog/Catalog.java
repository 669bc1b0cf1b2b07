package dev.orderflow.inventory.catalog;

import java.math.BigDecimal;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Catalog writes and reads for operators: entries, prices and incoming stock. */
@Service
class Catalog {

    private final Products products;
    private final CatalogProperties properties;

    Catalog(Products products, CatalogProperties properties) {
        this.products = products;
        this.properties = properties;
    }

    /** The result of a create-or-update: the entry as stored, and whether it is new. */
    record Saved(Product product, boolean created) {}

    /** One page of the catalog in SKU order, and the size of the whole catalog. */
    record Slice(List<Product> products, long total) {}

    Product get(String sku) {
        return products.find(sku).orElseThrow(() -> new UnknownProductException(sku));
    }

    Slice list(int number, int size) {
        return new Slice(products.page(number, size), products.count());
    }

    @Transactional
    Saved put(String sku, String name, BigDecimal price, String currency) {
        if (!properties.currency().equals(currency)) {
            throw new InvalidProductException(
                    "currency must be " + properties.currency() + ", the one currency of this deployment");
        }
        boolean created = products.upsert(sku, name, price.setScale(2), currency);
        return new Saved(get(sku), created);
    }

    @Transactional
    Product addStock(String sku, int quantity) {
        Product product = products.lockAll(List.of(sku)).get(sku);
        if (product == null) {
            throw new UnknownProductException(sku);
        }
        Product restocked = product.addStock(quantity);
        products.saveStock(restocked);
        return restocked;
    }
}
