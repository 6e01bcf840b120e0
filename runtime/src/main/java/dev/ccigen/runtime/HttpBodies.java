package dev.ccigen.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Reading response bodies without trusting their size, their speed or their content. */
final class HttpBodies {

    /** What a secret found in server-provided text is replaced with. */
    static final String REDACTED = "***";

    private HttpBodies() {}

    /**
     * At most {@code maxBytes} of {@code in} as UTF-8 text, then closes it: a 5 MB error page costs
     * 64 KiB, and closing early stops the transfer. A failure mid-read keeps what arrived.
     */
    static String readCapped(InputStream in, int maxBytes) {
        byte[] buffer = new byte[maxBytes];
        int filled = 0;
        try (in) {
            int n;
            while (filled < maxBytes && (n = in.read(buffer, filled, maxBytes - filled)) > 0) {
                filled += n;
            }
        } catch (IOException e) {
            // keep the part that arrived: it still explains the error better than nothing
        }
        return new String(buffer, 0, filled, StandardCharsets.UTF_8);
    }

    /** Closes {@code in}, ignoring a failure: for a body nobody will read. */
    static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException | RuntimeException e) {
            // nothing more to release
        }
    }

    /**
     * {@code text} with every occurrence of each non-empty secret replaced by {@value #REDACTED}: servers
     * and proxies echo requests (a token header, an IAM request body) in their error pages and Location headers.
     */
    /** Real tokens and passwords are longer; shorter ones are not searched for in text. */
    static final int MIN_SECRET_LENGTH = 6;

    static String redact(String text, String... secrets) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (String secret : secrets) {
            // A secret too short to be a real credential (a test's "t") would blank every such letter of the text.
            if (secret != null && secret.length() >= MIN_SECRET_LENGTH && result.contains(secret)) {
                result = result.replace(secret, REDACTED);
            }
        }
        return result;
    }

    /**
     * Closes a response body when its time is up. {@link java.net.http.HttpRequest#timeout} only covers the
     * wait for the response headers; without this, a server that sends headers and then stalls or trickles
     * its body forever would hold the calling thread forever. Closing the body stream makes a blocked read
     * fail at once; {@link #expired()} then tells a timeout from any other I/O failure.
     */
    static final class Deadline implements AutoCloseable {

        private final ScheduledFuture<?> task;
        private final Duration timeout;
        private volatile boolean expired;

        private Deadline(InputStream in, long remainingNanos, Duration timeout) {
            this.timeout = timeout;
            if (remainingNanos <= 0) {
                this.task = null;
                expire(in);
            } else {
                this.task = Timer.EXECUTOR.schedule(() -> expire(in), remainingNanos, TimeUnit.NANOSECONDS);
            }
        }

        /**
         * @param deadlineNanos a {@link System#nanoTime()} value
         * @param timeout the configured timeout, for the message
         */
        static Deadline closing(InputStream in, long deadlineNanos, Duration timeout) {
            return new Deadline(in, deadlineNanos - System.nanoTime(), timeout);
        }

        boolean expired() {
            return expired;
        }

        /** The exception to report when {@link #expired()}. */
        HttpTimeoutException timeoutException() {
            return new HttpTimeoutException(
                    "request timed out: the response body did not complete within " + timeout.toMillis() + " ms");
        }

        private void expire(InputStream in) {
            expired = true;
            try {
                in.close();
            } catch (IOException | RuntimeException e) {
                // nothing more to do: the reader fails either way
            }
        }

        /** Cancels the timer; the stream is left as it is. */
        @Override
        public void close() {
            if (task != null) {
                task.cancel(false);
            }
        }
    }

    /** One daemon thread for every deadline of every client, created on first use. */
    private static final class Timer {
        static final ScheduledThreadPoolExecutor EXECUTOR = create();

        private static ScheduledThreadPoolExecutor create() {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
                Thread thread = new Thread(runnable, "ccigen-response-deadline");
                thread.setDaemon(true);
                return thread;
            });
            executor.setRemoveOnCancelPolicy(true); // a finished call leaves nothing behind
            return executor;
        }
    }
}
