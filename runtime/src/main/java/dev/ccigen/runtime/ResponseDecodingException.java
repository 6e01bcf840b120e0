package dev.ccigen.runtime;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * A 2xx response whose body is not what the API declares (invalid JSON, the wrong shape). The status
 * and headers are those of the response, {@link #body()} holds its first 64 KiB and
 * {@link #getCause()} the Jackson error.
 */
public class ResponseDecodingException extends ApiException {

    private static final long serialVersionUID = 1L;

    private final String targetType;

    /** Made by the transport when a 2xx body does not decode; {@code cause} is the decoder's error. */
    public ResponseDecodingException(
            String method,
            URI uri,
            int statusCode,
            Map<String, List<String>> headers,
            String body,
            String targetType,
            Throwable cause) {
        super(method, uri, statusCode, headers, body, cause);
        this.targetType = targetType;
    }

    @Override
    public String getMessage() {
        String body = body();
        String excerpt = body != null && ErrorBody.isHtml(body) ? ErrorBody.html(body) : ErrorBody.excerpt(body);
        return "HTTP " + statusCode() + " " + reasonPhrase(statusCode()) + ": response body does not decode as "
                + targetType + (excerpt == null || excerpt.isEmpty() ? " (empty body)" : ": " + excerpt);
    }
}
