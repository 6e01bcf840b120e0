package dev.ccigen.runtime;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** HTTP 404: the object, namespace or API does not exist. */
public class NotFoundException extends ApiException {

    private static final long serialVersionUID = 1L;

    /** Made by the transport from the response; the arguments are what {@link ApiException} reports. */
    public NotFoundException(String method, URI uri, int statusCode, Map<String, List<String>> headers, String body) {
        super(method, uri, statusCode, headers, body, null);
    }
}
