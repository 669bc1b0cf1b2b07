package dev.orderflow.sandbox.journal;

import java.lang.reflect.Type;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Notes the order a body names as soon as it is read, before it is validated: a charge refused for its amount is still
 * journalled under its order.
 */
@ControllerAdvice
class OrderIdFromBody extends RequestBodyAdviceAdapter {

    @Override
    public boolean supports(
            MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return OrderScopedRequest.class.isAssignableFrom(parameter.getParameterType());
    }

    @Override
    public Object afterBodyRead(
            Object body,
            HttpInputMessage inputMessage,
            MethodParameter parameter,
            Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null
                && request.getAttribute(PartnerCall.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST)
                        instanceof PartnerCall call
                && body instanceof OrderScopedRequest scoped) {
            call.orderId(scoped.orderId());
        }
        return body;
    }
}
