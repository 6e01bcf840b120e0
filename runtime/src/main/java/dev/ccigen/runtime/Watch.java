package dev.ccigen.runtime;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * The events of a watch, read lazily from the newline-delimited JSON stream. Use it in a
 * try-with-resources; closing it closes the connection.
 *
 * <pre>{@code
 * try (Watch<Pod> watch = pods.watch(options)) {
 *     for (WatchEvent<Pod> event : watch) { ... }
 * }
 * }</pre>
 *
 * An {@code ERROR} event carrying a Status is raised as the matching {@link ApiException}; 410 Gone, in the stream or
 * as the answer to a reconnect, is a {@link GoneException} carrying the last resourceVersion seen: list again.
 * Without {@link ListOptions.Builder#resumeWatch} the iteration ends with the stream. With it, the watch goes on
 * from the last resourceVersion seen (bookmarks included) after the server ends the stream, as API servers end every
 * watch after {@code timeoutSeconds} or a few minutes, and after a cut stream or a failed reconnect, waiting
 * between reconnects (exponential backoff with jitter: 100-200 ms at first, at most 5 s). Failures count: at most
 * {@link ListOptions#maxWatchResumes()} in a row without progress (an event with a new resourceVersion), so a
 * server that cuts every stream, or replays the same events and cuts, cannot cause endless reconnects; after that a
 * cut stream ends the iteration and a reconnect that fails raises its exception.
 * An event is one line of at most {@value #MAX_EVENT_BYTES} bytes: a longer one (a server that never sends
 * a newline) raises {@link ResponseDecodingException} instead of filling the memory.
 * One consumer per watch; {@link #close()} may be called from any thread and ends a blocked read, or a wait between
 * reconnects, at once.
 *
 * @param <T> the watched kind
 */
public final class Watch<T> implements Iterator<WatchEvent<T>>, Iterable<WatchEvent<T>>, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Watch.class.getPackageName());
    /** The longest event accepted: far above etcd's object size limit (1.5 MiB). */
    static final int MAX_EVENT_BYTES = 16 * 1024 * 1024;
    /** A stream open this long before it ended was healthy: the next reconnect waits the shortest time again. */
    private static final Duration HEALTHY_STREAM = Duration.ofMinutes(1);

    private final Function<String, InputStream> opener;
    private final JavaType objectType;
    private final URI uri;
    private final boolean resume;
    private final int maxResumes;
    private final Sleeper sleeper;
    private final Backoff backoff = new Backoff();
    private final Object waitLock = new Object();
    private Thread waiting; // the consumer, while it waits between reconnects: close() wakes it
    private boolean wokenByClose;
    private volatile InputStream in;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;
    private volatile String resourceVersion;
    private int resumesInARow;
    private long openedAt;
    private WatchEvent<T> next;
    private volatile boolean finished;
    private volatile boolean closed;

    /**
     * @param opener opens the event stream from a resourceVersion (null: the one in the options)
     * @param uri for error messages
     * @param sleeper waits between reconnects
     */
    Watch(Function<String, InputStream> opener, JavaType objectType, URI uri, ListOptions options, Sleeper sleeper) {
        this.opener = opener;
        this.objectType = objectType;
        this.uri = uri;
        this.resume = options.resumeWatch();
        this.maxResumes = options.maxWatchResumes();
        this.sleeper = sleeper;
        this.resourceVersion = options.resourceVersion();
        open(null);
    }

    @Override
    public Iterator<WatchEvent<T>> iterator() {
        return this;
    }

    /**
     * @throws ApiException for an ERROR event ({@link GoneException} for 410), or when a resumed watch cannot reconnect
     */
    @Override
    public boolean hasNext() {
        while (next == null && !finished) {
            next = readEvent();
        }
        return next != null;
    }

    @Override
    public WatchEvent<T> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        WatchEvent<T> event = next;
        next = null;
        return event;
    }

    /**
     * The last resourceVersion seen, bookmarks included (or the one the watch started from): where a new watch
     * would go on from. Safe from any thread.
     */
    public String resourceVersion() {
        return resourceVersion;
    }

    /**
     * Ends the watch and its connection; safe from any thread, any number of times. A consumer blocked in
     * {@link #hasNext()}, reading or waiting to reconnect, returns false (it is not resumed).
     */
    @Override
    public void close() {
        synchronized (waitLock) {
            closed = true;
            if (waiting != null) {
                wokenByClose = true;
                waiting.interrupt();
            }
        }
        closeStream();
    }

    /** Closes the stream without any lock: a read blocked in another thread then fails at once. */
    private void closeStream() {
        finished = true;
        try {
            in.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing watch {0}: {1}", uri, e.toString());
        }
    }

    /** The next event, or null when the stream ended (then {@code finished}) or was reopened. */
    private WatchEvent<T> readEvent() {
        String line;
        try {
            line = readLine();
        } catch (EventTooLargeException e) {
            closeStream();
            throw new ResponseDecodingException(
                    "GET", uri, 200, Map.of(), e.start, "a watch event of at most " + MAX_EVENT_BYTES + " bytes", null);
        } catch (IOException e) {
            return reconnect("stream failed: " + e.getClass().getSimpleName(), true);
        }
        if (closed) {
            return null;
        }
        if (line == null) {
            return reconnect("the server ended the stream", false);
        }
        if (line.isBlank()) {
            return null;
        }
        JsonNode raw;
        try {
            raw = Json.mapper().readTree(line);
        } catch (IOException e) {
            return reconnect("incomplete event", true); // the connection dropped in the middle of a line
        }
        return decode(raw);
    }

    private WatchEvent<T> decode(JsonNode raw) {
        WatchEvent.Type type;
        try {
            type = WatchEvent.Type.valueOf(raw.path("type").asText());
        } catch (IllegalArgumentException e) {
            throw decodingError(raw, e);
        }
        JsonNode object = raw.path("object");
        if (type == WatchEvent.Type.ERROR) {
            closeStream();
            int code = object.path("code").asInt(500);
            ApiException error = ApiException.from("GET", uri, code, Map.of(), object.toString());
            throw error instanceof GoneException ? GoneException.at(error, resourceVersion) : error;
        }
        String version = object.path("metadata").path("resourceVersion").asText(null);
        if (version != null && !version.isEmpty() && !version.equals(resourceVersion)) {
            resourceVersion = version;
            resumesInARow = 0; // progress: the next cut may be resumed afresh, after a short wait
            backoff.reset();
        }
        try {
            return new WatchEvent<>(type, Json.mapper().treeToValue(object, objectType), raw);
        } catch (IOException e) {
            throw decodingError(raw, e);
        }
    }

    /**
     * After the stream ended ({@code failed}: cut), ends the iteration or reopens the stream from the last
     * resourceVersion, after a wait. A clean end is the server's routine and does not count as a failure.
     */
    private WatchEvent<T> reconnect(String why, boolean failed) {
        closeStream();
        if (System.nanoTime() - openedAt > HEALTHY_STREAM.toNanos()) {
            backoff.reset(); // a stream that stayed open that long was not a failure in a loop
        }
        while (true) {
            if (closed || !resume || (failed && resumesInARow >= maxResumes)) {
                LOG.log(System.Logger.Level.DEBUG, "watch {0} ended: {1}", uri, why);
                return null;
            }
            if (failed) {
                resumesInARow++;
            }
            Duration delay = backoff.next();
            LOG.log(
                    System.Logger.Level.DEBUG,
                    "watch {0}: {1}; resuming from resourceVersion {2} in {3} ms",
                    uri,
                    why,
                    resourceVersion,
                    delay.toMillis());
            if (!pause(delay)) {
                return null;
            }
            try {
                open(resourceVersion);
                finished = false;
                if (closed) { // closed by another thread while reconnecting
                    closeStream();
                }
                return null;
            } catch (TransportException | ServerErrorException | TooManyRequestsException e) {
                if (resumesInARow >= maxResumes) {
                    throw e;
                }
                why = "reconnecting failed: " + e.getMessage(); // the server may be restarting: try again
                failed = true;
            }
        }
    }

    /** Waits {@code delay} unless closed meanwhile; false when the watch is closed (or its thread interrupted). */
    private boolean pause(Duration delay) {
        synchronized (waitLock) {
            if (closed) {
                return false;
            }
            waiting = Thread.currentThread();
        }
        boolean interrupted = false;
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            synchronized (waitLock) {
                waiting = null;
                if (wokenByClose) {
                    Thread.interrupted(); // our own interrupt, not the caller's: cleared
                    interrupted = false;
                }
            }
        }
        if (interrupted) { // someone else interrupted the consumer: it wants to stop
            Thread.currentThread().interrupt();
            close();
        }
        return !closed;
    }

    private ResponseDecodingException decodingError(JsonNode raw, Exception cause) {
        closeStream();
        return new ResponseDecodingException(
                "GET", uri, 200, Map.of(), raw.toString(), "a watch event of " + objectType, cause);
    }

    /** Opens the stream from {@code version} (null: the options'); a 410 answer raises GoneException with it. */
    private void open(String version) {
        InputStream stream;
        try {
            stream = opener.apply(version);
        } catch (GoneException e) {
            throw GoneException.at(e, resourceVersion);
        }
        in = stream;
        position = 0;
        limit = 0;
        openedAt = System.nanoTime();
    }

    /** The next line without its newline; what is left at the end of the stream; null at the end. */
    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            if (position == limit) {
                int n = in.read(buffer);
                if (n < 0) {
                    return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
                }
                position = 0;
                limit = n;
                continue;
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            line.write(buffer, start, position - start);
            if (line.size() > MAX_EVENT_BYTES) {
                throw new EventTooLargeException(new String(line.toByteArray(), 0, 200, StandardCharsets.UTF_8));
            }
            if (position < limit) {
                position++; // the newline
                return line.toString(StandardCharsets.UTF_8);
            }
        }
    }

    private static final class EventTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;
        final String start;

        EventTooLargeException(String start) {
            super("watch event larger than " + MAX_EVENT_BYTES + " bytes");
            this.start = start;
        }
    }
}
