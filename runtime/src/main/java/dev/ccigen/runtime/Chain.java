package dev.ccigen.runtime;

import java.io.IOException;
import java.util.List;

/**
 * The one path of every request a client sends: plain calls, streams, WebSocket upgrades and IAM's token request.
 * Each {@link Step} does one thing and hands the hop to the rest of the chain, outermost first:
 *
 * <ol>
 *   <li>{@link RetryStep}: 429, 503 and no response at all, for idempotent requests, with backoff and Retry-After;</li>
 *   <li>{@link AuthStep}: the token or the AK/SK of the attempt, and a 401 tried once more with a new token;</li>
 *   <li>{@link RedirectStep}: redirects, followed by the client itself (the token never leaves the endpoint's origin);</li>
 *   <li>{@link InterceptorStep}s: the user's interceptors, which see each hop without its credentials;</li>
 *   <li>{@link SignStep}: the token header or the AK/SK signature, for the endpoint's own origin only;</li>
 *   <li>{@link ConnectStep}: the exchange, through a {@link Connector}, within the timeout, cancellable.</li>
 * </ol>
 *
 * What comes back up is the answer as it came (a non-2xx too); {@link Transport} maps it, once, to the result or to
 * the exception of its status.
 */
final class Chain {

    /** One step of the chain. */
    interface Step {
        /** Handles {@code hop}, passing it (or another) on with {@code rest.proceed}. */
        Received proceed(Hop hop, Call call, Chain rest) throws IOException;
    }

    private final List<Step> steps;
    private final int index;

    Chain(List<Step> steps) {
        this(List.copyOf(steps), 0);
    }

    private Chain(List<Step> steps, int index) {
        this.steps = steps;
        this.index = index;
    }

    /** Sends {@code hop} through the steps from this one on. */
    Received proceed(Hop hop, Call call) throws IOException {
        if (index == steps.size()) {
            throw new IllegalStateException("the chain ends with its connector");
        }
        return steps.get(index).proceed(hop, call, new Chain(steps, index + 1));
    }
}
