package dev.orderflow.web.text;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The query parameters and path variables of every API request held to {@link PlainText}, as the JSON bodies are: a
 * 400 with problem details before the handler runs, naming the parameter and never its value.
 */
final class PlainTextParameters implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Map<String, String[]> parameters;
        try {
            parameters = request.getParameterMap();
        } catch (RequestRejectedException e) {
            // Spring Security's firewall refuses control characters in parameter names when they are read.
            throw invalid("A parameter name contains a control character");
        }
        for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
            check("parameter", parameter.getKey(), parameter.getKey());
            for (String value : parameter.getValue()) {
                check("parameter", parameter.getKey(), value);
            }
        }
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables) {
            variables.forEach((name, value) -> check("path variable", String.valueOf(name), String.valueOf(value)));
        }
        return true;
    }

    private static void check(String kind, String name, @Nullable String value) {
        String refused = value == null ? null : PlainText.refused(value);
        if (refused != null) {
            String shown = PlainText.refused(name) == null ? "'" + name + "'" : "name";
            throw invalid("The " + kind + " " + shown + " contains " + refused);
        }
    }

    private static ErrorResponseException invalid(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Invalid request");
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }
}
