package dev.orderflow.web.limits;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Refuses request bodies over {@code orderflow.api.max-request-body} with 413 before they are parsed: at once when
 * Content-Length says so, else after reading at most one byte more than the limit.
 */
@ControllerAdvice
final class RequestBodyLimit extends RequestBodyAdviceAdapter {

    private final long maxBytes;

    RequestBodyLimit(DataSize maxRequestBody) {
        this.maxBytes = maxRequestBody.toBytes();
    }

    /** The body is over the limit: 413. */
    static final class TooLargeException extends ErrorResponseException {
        TooLargeException(long maxBytes) {
            super(HttpStatus.CONTENT_TOO_LARGE);
            setTitle("Request body too large");
            setDetail("The request body is larger than " + maxBytes + " bytes");
        }
    }

    @Override
    public boolean supports(
            MethodParameter methodParameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public HttpInputMessage beforeBodyRead(
            HttpInputMessage inputMessage,
            MethodParameter parameter,
            Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType)
            throws IOException {
        if (inputMessage.getHeaders().getContentLength() > maxBytes) {
            throw new TooLargeException(maxBytes);
        }
        byte[] body = inputMessage.getBody().readNBytes(Math.toIntExact(maxBytes + 1));
        if (body.length > maxBytes) {
            throw new TooLargeException(maxBytes);
        }
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpHeaders getHeaders() {
                return inputMessage.getHeaders();
            }
        };
    }
}
