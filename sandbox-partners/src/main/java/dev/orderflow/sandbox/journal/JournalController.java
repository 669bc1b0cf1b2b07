package dev.orderflow.sandbox.journal;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A sandbox operations endpoint, open like the fault settings: what reached the partners, oldest first. */
@RestController
class JournalController {

    private final Journal journal;

    JournalController(Journal journal) {
        this.journal = journal;
    }

    @GetMapping("/sandbox/journal")
    List<JournalEntry> entries(@RequestParam(required = false) @Nullable UUID orderId) {
        return journal.entries(orderId);
    }
}
