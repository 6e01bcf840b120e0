package dev.ccigen.runtime;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** HTTP 401 from the API: the token is missing, invalid or expired (IAM refusing the credentials is an {@link IamAuthenticationException}). */
public class UnauthorizedException extends ApiException {

    private static final long serialVersionUID = 1L;

    /** Made by the transport from the response; the arguments are what {@link ApiException} reports. */
    public UnauthorizedException(
            String method, URI uri, int statusCode, Map<String, List<String>> headers, String body) {
        super(method, uri, statusCode, headers, body, null);
    }
}
