package dev.orderflow.messaging.deadletter;

import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dead-letter admin API every service exposes: list, inspect (personal data masked), replay one or all, discard one.
 * Its errors are {@link ErrorResponseException}s, answered as problem details like every other error of the service
 * (common-web).
 */
@RestController
@RequestMapping("/api/admin/dead-letters")
public class DeadLetterController {

    private static final int MAX_PAGE_SIZE = 100;
    private static final int MAX_REPLAY_ALL = 1000;

    private final DeadLetters deadLetters;

    public DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    record Summary(
            long id,
            String consumerGroup,
            String originalTopic,
            String eventType,
            String eventId,
            String key,
            String reason,
            String detail,
            Instant deadLetteredAt,
            Instant recordTimestamp,
            Instant replayedAt,
            Instant discardedAt,
            boolean pending,
            int replayAttempts) {

        static Summary of(DeadLetter d) {
            return new Summary(
                    d.id(),
                    d.consumerGroup(),
                    d.originalTopic(),
                    d.eventType(),
                    d.eventId(),
                    d.key(),
                    d.reason(),
                    PersonalDataMasker.maskText(d.detail()),
                    d.deadLetteredAt(),
                    d.recordTimestamp(),
                    d.replayedAt(),
                    d.discardedAt(),
                    d.isPending(),
                    d.replayAttempts());
        }
    }

    record Detail(Summary summary, Map<String, String> headers, Object payload, String lastReplayError) {}

    record PageMeta(int number, int size, long totalElements, long totalPages) {}

    record Page(List<Summary> content, PageMeta page) {}

    @GetMapping
    Page list(
            @RequestParam(required = false) String group,
            @RequestParam(defaultValue = "false") boolean pendingOnly,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        int pageSize = Math.clamp(size, 1, MAX_PAGE_SIZE);
        int number = Math.max(0, page);
        long total = deadLetters.count(group, pendingOnly);
        List<Summary> content = deadLetters.list(group, pendingOnly, number, pageSize).stream()
                .map(Summary::of)
                .toList();
        return new Page(content, new PageMeta(number, pageSize, total, (total + pageSize - 1) / pageSize));
    }

    @GetMapping("/{id}")
    Detail inspect(@PathVariable long id) {
        DeadLetter letter = answering(() -> deadLetters.get(id));
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        letter.headers().forEach((name, value) -> headers.put(name, PersonalDataMasker.maskText(value)));
        return new Detail(
                Summary.of(letter),
                headers,
                PersonalDataMasker.maskPayload(letter.payload()),
                PersonalDataMasker.maskText(letter.lastReplayError()));
    }

    @PostMapping("/{id}/replay")
    DeadLetters.ReplayResult replay(@PathVariable long id) {
        return answering(() -> deadLetters.replay(id));
    }

    @PostMapping("/replay")
    List<DeadLetters.ReplayResult> replayAll(
            @RequestParam(required = false) String group, @RequestParam(defaultValue = "100") int limit) {
        return answering(() -> deadLetters.replayPending(group, Math.clamp(limit, 1, MAX_REPLAY_ALL)));
    }

    /** An operator decided it needs no replay; 409 if it was replayed. The operator's name goes to the log. */
    @PostMapping("/{id}/discard")
    Summary discard(@PathVariable long id, @Nullable Principal operator) {
        String name = operator == null ? "an unnamed caller" : operator.getName();
        return answering(() -> Summary.of(deadLetters.discard(id, name)));
    }

    /**
     * An unknown dead letter is 404; one whose consumer group does not run in this service, or a replayed one to discard,
     * 409.
     */
    private static <T> T answering(Supplier<T> action) {
        try {
            return action.get();
        } catch (NoSuchElementException e) {
            throw problem(HttpStatus.NOT_FOUND, e.getMessage());
        } catch (IllegalStateException e) {
            throw problem(HttpStatus.CONFLICT, e.getMessage());
        }
    }

    private static ErrorResponseException problem(HttpStatus status, String detail) {
        return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
    }
}
