package dev.ccigen.runtime;

import java.io.IOException;

/**
 * Sees each attempt a client makes (every try of every call, stream and WebSocket upgrade, retries, redirects and IAM's
 * token request included), may add headers to it, and sees how it ended: for logging, metrics and tracing. Added with
 * {@link ClientBuilder#interceptor}; the first added is the outermost. It runs on the calling thread, between the
 * client's own steps: after retries, re-authentication and redirects have decided what to send, before the request is
 * signed, so it sees no credential and cannot add one.
 *
 * <pre>{@code
 * .interceptor(chain -> {
 *     Attempt attempt = chain.attempt().withHeader("X-Request-Id", UUID.randomUUID().toString());
 *     try {
 *         Attempt.Response response = chain.proceed(attempt);
 *         log.info(attempt + " -> " + response.statusCode() + " in " + response.elapsed().toMillis() + " ms");
 *         return response;
 *     } catch (IOException e) { // no response: refused, timed out, cut, cancelled
 *         log.warn(attempt + " failed: " + e);
 *         throw e;
 *     }
 * })
 * }</pre>
 *
 * An interceptor calls {@link Chain#proceed} exactly once and returns what it got. An {@link IOException} it throws is
 * a failed attempt (retried as a refused connection would be); any other exception it throws ends the call and reaches
 * the caller as it is.
 */
@FunctionalInterface
public interface Interceptor {

    /** Proceeds with the attempt (perhaps with headers added) and returns its response. */
    Attempt.Response intercept(Chain chain) throws IOException;

    /** The rest of the chain, for one attempt. */
    interface Chain {

        /** The attempt as it will be sent, credentials aside. */
        Attempt attempt();

        /**
         * Sends {@code attempt} (this chain's, or one {@link Attempt#withHeader made from it}) through the rest of the
         * chain.
         *
         * @return the response's status and headers
         * @throws IOException when no response came (the connection failed, timed out, or the call was cancelled)
         * @throws IllegalStateException when called twice, or with an attempt of another chain
         */
        Attempt.Response proceed(Attempt attempt) throws IOException;
    }
}
