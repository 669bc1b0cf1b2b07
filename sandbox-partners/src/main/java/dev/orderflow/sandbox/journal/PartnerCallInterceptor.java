package dev.orderflow.sandbox.journal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Opens a {@link PartnerCall} before a {@link Journalled} endpoint reads and validates its request, and journals the
 * call after the answer if nothing decided it: so requests refused by validation or by injected faults are journalled
 * too.
 */
class PartnerCallInterceptor implements HandlerInterceptor {

    private final Journal journal;

    PartnerCallInterceptor(Journal journal) {
        this.journal = journal;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method
                && method.getMethodAnnotation(Journalled.class) instanceof Journalled journalled) {
            PartnerCall call = new PartnerCall(
                    journal,
                    journalled.partner(),
                    journalled.operation(),
                    request.getHeader(PartnerCall.IDEMPOTENCY_KEY));
            if (method.getBean() instanceof OrderInPath api
                    && request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE)
                            instanceof Map<?, ?> vars) {
                @SuppressWarnings("unchecked")
                Map<String, String> pathVariables = (Map<String, String>) vars;
                call.orderId(api.orderOf(pathVariables));
            }
            request.setAttribute(PartnerCall.ATTRIBUTE, call);
        }
        return true;
    }

    @Override
    public void afterCompletion(
            HttpServletRequest request, HttpServletResponse response, Object handler, @Nullable Exception ex) {
        if (request.getAttribute(PartnerCall.ATTRIBUTE) instanceof PartnerCall call) {
            call.answered(response.getStatus());
        }
    }
}
