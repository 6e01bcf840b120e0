package dev.ccigen.runtime;

import java.io.IOException;
import java.net.URI;

/**
 * Follows redirects itself (at most {@value #MAX_REDIRECTS}, to http and https URLs only), so that the signing step
 * can keep credentials to the endpoint's own origin; a 303, and a 301 or 302 of a POST, continue as a GET without the
 * body, as every HTTP client does. A loop, or a redirect it will not follow, raises {@link RedirectException}; a 3xx
 * without a {@code Location} is an answer of its own.
 */
final class RedirectStep implements Chain.Step {

    private static final System.Logger LOG = System.getLogger(RedirectStep.class.getPackageName());
    static final int MAX_REDIRECTS = 5;

    @Override
    public Received proceed(Hop hop, Call call, Chain rest) throws IOException {
        Hop current = hop;
        for (int redirects = 0; ; redirects++) {
            call.redirect = redirects;
            Received answer = rest.proceed(current, call);
            String location = answer.header("Location").orElse(null);
            if (!isRedirect(answer.status) || location == null) {
                return answer;
            }
            answer.discard();
            String shown = ErrorBody.excerpt(call.redact(location));
            URI next = target(current.uri(), location);
            if (redirects == MAX_REDIRECTS || next == null) {
                throw new RedirectException(
                        current.method(),
                        call.redact(current.uri()),
                        answer.status,
                        call.redact(answer.headers),
                        next == null
                                ? "refusing to follow a redirect to " + shown
                                        + ": only http and https URLs are followed"
                                : "too many redirects (more than " + MAX_REDIRECTS + "), the last to " + shown);
            }
            boolean asGet = answer.status == 303
                    || ((answer.status == 301 || answer.status == 302)
                            && current.method().equals("POST"));
            LOG.log(
                    System.Logger.Level.DEBUG,
                    "{0} {1} -> {2}, following to {3}",
                    current.method(),
                    call.redact(current.uri()),
                    answer.status,
                    call.redact(next));
            current = current.redirectedTo(next, asGet);
        }
    }

    static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** The absolute target of a {@code Location}, or null when it is not a valid http(s) URL with a host. */
    private static URI target(URI from, String location) {
        try {
            URI next = from.resolve(location.trim());
            String scheme = next.getScheme();
            boolean web = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
            return web && next.getHost() != null && !next.getHost().isEmpty() ? next : null;
        } catch (IllegalArgumentException e) {
            return null; // not a URI at all
        }
    }
}
