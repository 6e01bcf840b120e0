package dev.ccigen.runtime;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Retries 429, 503 and attempts without a response, of {@link Request#retryable() retryable} requests, at most
 * {@code maxRetries} times, waiting as {@code Retry-After} or the Status body's {@code details.retryAfterSeconds} says
 * (capped), else exponential backoff with full jitter. The waits end at once when the call is cancelled.
 */
final class RetryStep implements Chain.Step {

    private static final System.Logger LOG = System.getLogger(RetryStep.class.getPackageName());

    private final int maxRetries;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final RetryAfter retryAfter;
    private final Sleeper sleeper;
    private final Clock clock;

    RetryStep(
            int maxRetries,
            Duration initialBackoff,
            Duration maxBackoff,
            Duration maxRetryAfter,
            Sleeper sleeper,
            Clock clock) {
        this.maxRetries = maxRetries;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.retryAfter = new RetryAfter(maxRetryAfter, clock);
        this.sleeper = sleeper;
        this.clock = clock;
    }

    @Override
    public Received proceed(Hop hop, Call call, Chain rest) throws IOException {
        while (true) {
            Received answer;
            try {
                answer = rest.proceed(hop, call);
            } catch (Cancel.Cancelled e) {
                throw e;
            } catch (IOException e) {
                if (!call.retryable || call.retry >= maxRetries) {
                    throw e;
                }
                pause(hop, call, backoff(call.retry), e.getClass().getSimpleName());
                continue;
            }
            int status = answer.status;
            if ((status != 429 && status != 503) || !call.retryable || call.retry >= maxRetries) {
                return answer;
            }
            Duration delay =
                    retryAfter.delay(call.error(hop.method(), answer, clock)).orElseGet(() -> backoff(call.retry));
            pause(hop, call, delay, String.valueOf(status));
        }
    }

    private void pause(Hop hop, Call call, Duration delay, String why) throws Cancel.Cancelled {
        int retry = call.retry + 1;
        LOG.log(
                System.Logger.Level.DEBUG,
                "{0} {1}: {2}; retry {3} of {4} in {5} ms",
                hop.method(),
                call.redact(hop.uri()),
                why,
                retry,
                maxRetries,
                delay.toMillis());
        if (!call.cancel.sleep(sleeper, delay)) {
            throw new Cancel.Cancelled();
        }
        call.retry = retry;
    }

    /** Full jitter: uniform in [0, min(maxBackoff, initialBackoff * 2^retries)], so clients do not retry in step. */
    private Duration backoff(int retries) {
        long ceiling = initialBackoff.toMillis() << Math.min(retries, 30);
        long bounded = Math.max(0, Math.min(maxBackoff.toMillis(), ceiling < 0 ? Long.MAX_VALUE : ceiling));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(bounded + 1));
    }
}
