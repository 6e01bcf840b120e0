package dev.ccigen.runtime;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * A redirect the transport will not follow: more than five in a row (a loop), a {@code Location} that is
 * not a valid http or https URL (e.g. {@code file:} or {@code ftp:}), or none at all. {@link #statusCode()}
 * is that of the last redirect response.
 */
public class RedirectException extends ApiException {

    private static final long serialVersionUID = 1L;

    private final String reason;

    /** Made by the transport from the response; the arguments are what {@link ApiException} reports. */
    public RedirectException(String method, URI uri, int statusCode, Map<String, List<String>> headers, String reason) {
        super(method, uri, statusCode, headers, null, null);
        this.reason = reason;
    }

    /** Why the redirect was not followed, e.g. {@code too many redirects (more than 5)}. */
    public String reason() {
        return reason;
    }

    @Override
    public String getMessage() {
        String phrase = reasonPhrase(statusCode());
        return "HTTP " + statusCode() + (phrase.isEmpty() ? "" : " " + phrase) + " from " + method() + " " + uri()
                + ": " + reason;
    }
}
