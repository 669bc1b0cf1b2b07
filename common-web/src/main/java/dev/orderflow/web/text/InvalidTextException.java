package dev.orderflow.web.text;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.MismatchedInputException;

/** A JSON string that is not plain text ({@link PlainText}); the problem names its path and what it holds, never it. */
public final class InvalidTextException extends MismatchedInputException {

    private final String refused;

    InvalidTextException(JsonParser parser, String refused) {
        super(parser, "The string contains " + refused, String.class);
        this.refused = refused;
    }

    /** What the string holds that is refused, as a phrase ("a control character"). */
    public String refused() {
        return refused;
    }
}
