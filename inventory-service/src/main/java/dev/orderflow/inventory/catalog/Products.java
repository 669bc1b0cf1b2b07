package dev.orderflow.inventory.catalog;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The product table. Stock changes go through {@link #lockAll} and {@link #saveStock} in one transaction. */
@Repository
public class Products {

    private static final String COLUMNS = "sku, name, price, currency, stocked, available, reserved, sold";

    private final JdbcClient jdbc;

    Products(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Product> find(String sku) {
        return jdbc.sql("select " + COLUMNS + " from product where sku = :sku")
                .param("sku", sku)
                .query(Product.class)
                .optional();
    }

    /**
     * Locks the known products among {@code skus} until the transaction ends, always in SKU order, so two
     * transactions locking overlapping sets never deadlock. Unknown SKUs are simply absent from the result.
     */
    public Map<String, Product> lockAll(Collection<String> skus) {
        Map<String, Product> locked = new LinkedHashMap<>();
        if (skus.isEmpty()) {
            return locked;
        }
        jdbc.sql("select " + COLUMNS + " from product where sku in (:skus) order by sku for update")
                .param("skus", List.copyOf(skus))
                .query(Product.class)
                .list()
                .forEach(product -> locked.put(product.sku(), product));
        return locked;
    }

    /** Writes a locked product's stock counters back. */
    public void saveStock(Product product) {
        jdbc.sql("""
                        update product
                           set stocked = :stocked, available = :available, reserved = :reserved, sold = :sold,
                               updated_at = now()
                         where sku = :sku
                        """)
                .param("stocked", product.stocked())
                .param("available", product.available())
                .param("reserved", product.reserved())
                .param("sold", product.sold())
                .param("sku", product.sku())
                .update();
    }

    /**
     * Creates the entry with no stock, or changes its name, price and currency and keeps its stock.
     *
     * @return {@code true} if the product is new
     */
    boolean upsert(String sku, String name, BigDecimal price, String currency) {
        // xmax is 0 only on a freshly inserted row version: one statement, no race between "exists?" and "insert".
        return jdbc.sql("""
                        insert into product (sku, name, price, currency) values (:sku, :name, :price, :currency)
                        on conflict (sku) do update
                           set name = excluded.name, price = excluded.price, currency = excluded.currency,
                               updated_at = now()
                        returning (xmax = 0) as created
                        """)
                .param("sku", sku)
                .param("name", name)
                .param("price", price)
                .param("currency", currency)
                .query(Boolean.class)
                .single();
    }

    List<Product> page(int number, int size) {
        return jdbc.sql("select " + COLUMNS + " from product order by sku limit :limit offset :offset")
                .param("limit", size)
                .param("offset", (long) number * size)
                .query(Product.class)
                .list();
    }

    long count() {
        return jdbc.sql("select count(*) from product").query(Long.class).single();
    }
}
