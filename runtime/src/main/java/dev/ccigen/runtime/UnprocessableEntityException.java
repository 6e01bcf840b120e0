package dev.ccigen.runtime;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** HTTP 422: the object is invalid; {@link #status()} details the causes field by field. */
public class UnprocessableEntityException extends ApiException {

    private static final long serialVersionUID = 1L;

    /** Made by the transport from the response; the arguments are what {@link ApiException} reports. */
    public UnprocessableEntityException(
            String method, URI uri, int statusCode, Map<String, List<String>> headers, String body) {
        super(method, uri, statusCode, headers, body, null);
    }
}
