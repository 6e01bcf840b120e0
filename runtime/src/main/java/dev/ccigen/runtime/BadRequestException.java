package dev.ccigen.runtime;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** HTTP 400: the request is malformed; fix it rather than retry. */
public class BadRequestException extends ApiException {

    private static final long serialVersionUID = 1L;

    /** Made by the transport from the response; the arguments are what {@link ApiException} reports. */
    public BadRequestException(String method, URI uri, int statusCode, Map<String, List<String>> headers, String body) {
        super(method, uri, statusCode, headers, body, null);
    }
}
