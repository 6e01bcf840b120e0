package dev.ccigen.runtime;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * HTTP 410: the requested {@code resourceVersion} is too old (a watch or a continue token expired); list again.
 * A watch raises it with the last resourceVersion it saw ({@link #resourceVersion()}); an informer lists again by
 * itself.
 */
public class GoneException extends ApiException {

    private static final long serialVersionUID = 1L;

    private final String resourceVersion;

    /** Made by the transport from the response; the arguments are what {@link ApiException} reports. */
    public GoneException(String method, URI uri, int statusCode, Map<String, List<String>> headers, String body) {
        this(method, uri, statusCode, headers, body, null);
    }

    /** The same, from a watch that had seen {@code resourceVersion} (null if none). */
    public GoneException(
            String method,
            URI uri,
            int statusCode,
            Map<String, List<String>> headers,
            String body,
            String resourceVersion) {
        super(method, uri, statusCode, headers, body, null);
        this.resourceVersion = resourceVersion;
    }

    /** The last resourceVersion the watch saw (bookmarks included) or started from; null when there was none. */
    public String resourceVersion() {
        return resourceVersion;
    }

    /** {@code gone}, telling the resourceVersion a watch had reached. */
    static GoneException at(ApiException gone, String resourceVersion) {
        return new GoneException(
                gone.method(), gone.uri(), gone.statusCode(), gone.headers(), gone.body(), resourceVersion);
    }
}
