package dev.ccigen.runtime;

/**
 * Supplies the {@code X-Auth-Token} of every request. Implementations must be thread-safe.
 *
 * @see StaticTokenProvider
 * @see IamTokenProvider
 */
public interface TokenProvider {

    /** The token to send now; may block to fetch one. */
    String token();

    /**
     * Called when the server answered 401 to a request sent with {@code rejectedToken}, so that the next
     * {@link #token()} fetches a fresh one. Implementations should drop their cached token only if it is
     * still {@code rejectedToken}: many requests rejected together must cause one refresh, not many.
     */
    default void invalidate(String rejectedToken) {}
}
