package dev.ccigen.runtime;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** HTTP 429: rate limited. Raised once the transport's retries are used up. */
public class TooManyRequestsException extends ApiException {

    private static final long serialVersionUID = 1L;

    /** Made by the transport from the response; the arguments are what {@link ApiException} reports. */
    public TooManyRequestsException(
            String method, URI uri, int statusCode, Map<String, List<String>> headers, String body) {
        super(method, uri, statusCode, headers, body, null);
    }
}
