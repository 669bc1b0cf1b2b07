package dev.orderflow.web.support;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The classes on the call stack of a request as its handler sees it: every filter it went through is still there. */
@RestController
class CallStackController {

    @GetMapping("/api/test/call-stack")
    List<String> callStack() {
        return StackWalker.getInstance()
                .walk(frames -> frames.map(StackWalker.StackFrame::getClassName)
                        .distinct()
                        .toList());
    }
}
