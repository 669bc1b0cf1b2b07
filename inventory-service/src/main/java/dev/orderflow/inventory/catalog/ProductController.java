package dev.orderflow.inventory.catalog;

import dev.orderflow.events.Skus;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The catalog API (SPEC §2). Clients set name, price and currency and add stock; the stock counters are inventory's
 * own, so request bodies with any other field (such as {@code available}) are refused rather than silently ignored.
 */
@RestController
@RequestMapping("/api/products")
class ProductController {

    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 100;

    private final Catalog catalog;

    ProductController(Catalog catalog) {
        this.catalog = catalog;
    }

    record ProductRequest(
            @NotBlank @Size(max = 200) String name,

            @NotNull
            @Positive
            @Digits(integer = 10, fraction = 2, message = "must have at most 2 decimals and 10 integer digits")
            BigDecimal price,

            @NotBlank String currency) {}

    record StockRequest(@NotNull @Min(1) @Max(1_000_000) Integer quantity) {}

    /** Money as a decimal string, as on the wire of every event. */
    record ProductView(
            String sku,
            String name,
            String price,
            String currency,
            long stocked,
            long available,
            long reserved,
            long sold) {

        static ProductView of(Product p) {
            return new ProductView(
                    p.sku(),
                    p.name(),
                    p.price().toPlainString(),
                    p.currency(),
                    p.stocked(),
                    p.available(),
                    p.reserved(),
                    p.sold());
        }
    }

    record PageMeta(int number, int size, long totalElements, long totalPages) {}

    record ProductPage(List<ProductView> content, PageMeta page) {}

    @GetMapping
    ProductPage list(
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "" + DEFAULT_PAGE_SIZE) int size) {
        int number = Math.max(0, page);
        int pageSize = Math.clamp(size, 1, MAX_PAGE_SIZE);
        Catalog.Slice slice = catalog.list(number, pageSize);
        List<ProductView> content =
                slice.products().stream().map(ProductView::of).toList();
        long totalPages = (slice.total() + pageSize - 1) / pageSize;
        return new ProductPage(content, new PageMeta(number, pageSize, slice.total(), totalPages));
    }

    @GetMapping("/{sku}")
    ProductView get(@PathVariable @Pattern(regexp = Skus.PATTERN) String sku) {
        return ProductView.of(catalog.get(sku));
    }

    @PutMapping("/{sku}")
    ResponseEntity<ProductView> put(
            @PathVariable @Pattern(regexp = Skus.PATTERN) String sku, @RequestBody @Valid ProductRequest request) {
        Catalog.Saved saved = catalog.put(sku, request.name(), request.price(), request.currency());
        ProductView view = ProductView.of(saved.product());
        return saved.created()
                ? ResponseEntity.created(URI.create("/api/products/" + sku)).body(view)
                : ResponseEntity.ok(view);
    }

    @PostMapping("/{sku}/stock")
    ProductView addStock(
            @PathVariable @Pattern(regexp = Skus.PATTERN) String sku, @RequestBody @Valid StockRequest request) {
        return ProductView.of(catalog.addStock(sku, request.quantity()));
    }
}
