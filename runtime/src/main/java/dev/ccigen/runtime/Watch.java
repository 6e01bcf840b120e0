package dev.ccigen.runtime;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

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
 * server that cuts every stream, or replays the same events and cuts, cannot cause endless reconnects; after that the
 * watch gives up and says so: a cut stream raises a {@link TransportException} (its reason, e.g.
 * {@code CONNECTION_CLOSED}, and how many resumes failed), a reconnect that fails raises its own exception. The
 * request timeout applies to each reconnect until its response headers arrive.
 * An event is one line of at most {@value #MAX_EVENT_BYTES} bytes: a longer one (a server that never sends
 * a newline) raises {@link ResponseDecodingException} instead of filling the memory.
 * One consumer per watch; {@link #close()} may be called from any thread and ends at once whatever the consumer waits
 * for: a blocked read, the wait between reconnects, a reconnect under way (its request is cancelled, and a response
 * that arrives after that is closed), leaving no connection open. Nothing is interrupted.
 *
 * @param <T> the watched kind
 */
public final class Watch<T> implements Iterator<WatchEvent<T>>, Iterable<WatchEvent<T>>, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Watch.class.getPackageName());
    /** The longest event accepted: far above etcd's object size limit (1.5 MiB). */
    static final int MAX_EVENT_BYTES = 16 * 1024 * 1024;
    /** A stream open this long before it ended was healthy: the next reconnect waits the shortest time again. */
    private static final Duration HEALTHY_STREAM = Duration.ofMinutes(1);

    /** Opens the event stream from a resourceVersion (null: the one in the options), given up when cancelled. */
    interface Opener {
        InputStream open(String resourceVersion, Cancel cancel);
    }

    private final Opener opener;
    private final JavaType objectType;
    private final ObjectReader reader;
    private final URI uri;
    private final boolean resume;
    private final int maxResumes;
    private final Sleeper sleeper;
    private final Backoff backoff = new Backoff();
    /** Fired by {@link #close()} (or by the informer the watch belongs to): every wait of the watch ends. */
    private final Cancel cancel;

    private volatile InputStream in;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;
    private volatile String resourceVersion;
    private int resumesInARow;
    private long openedAt;
    private WatchEvent<T> next;
    private boolean started;
    private volatile boolean finished;
    private volatile boolean closed;

    /**
     * A watch that opens its stream when first asked for an event (or {@link #start()}): nothing is sent here.
     *
     * @param opener opens the event stream
     * @param uri for error messages
     * @param sleeper waits between reconnects
     * @param parent a signal that closes this watch too (its informer's), or null
     * @param reader decodes the objects (an informer's, for its cache), or null for {@link Json#mapper()}
     */
    Watch(
            Opener opener,
            JavaType objectType,
            URI uri,
            ListOptions options,
            Sleeper sleeper,
            Cancel parent,
            ObjectReader reader) {
        this.opener = opener;
        this.reader = (reader == null ? Json.mapper().reader() : reader).forType(objectType);
        this.objectType = objectType;
        this.uri = uri;
        this.resume = options.resumeWatch();
        this.maxResumes = options.maxWatchResumes();
        this.sleeper = sleeper;
        this.resourceVersion = options.resourceVersion();
        this.cancel = parent == null ? new Cancel() : parent.child();
        cancel.onFire(this::close);
    }

    /**
     * Opens the stream, if the watch has not yet: what {@code watch(...)} does before it returns, so that a refused
     * watch (403, 410) is thrown there. The consumer's thread only.
     *
     * @return this watch
     */
    Watch<T> start() {
        if (!started) {
            started = true;
            try {
                open(null);
            } catch (RuntimeException e) {
                if (closed) { // closed while it opened: no events, no error
                    finished = true;
                    return this;
                }
                close();
                throw e;
            }
        }
        return this;
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
        start();
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
     * {@link #hasNext()}, reading, waiting to reconnect or reconnecting, returns false at once (it is not resumed).
     */
    @Override
    public void close() {
        closed = true;
        cancel.fire();
        closeStream();
    }

    /** Closes the stream without any lock: a read blocked in another thread then fails at once. */
    private void closeStream() {
        finished = true;
        InputStream current = in;
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing watch {0}: {1}", uri, e.toString());
            }
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
            return reconnect("stream failed: " + e.getClass().getSimpleName(), e);
        }
        if (closed) {
            return null;
        }
        if (line == null) {
            return reconnect("the server ended the stream", null);
        }
        if (line.isBlank()) {
            return null;
        }
        JsonNode raw;
        try {
            raw = Json.mapper().readTree(line);
        } catch (IOException e) {
            // the connection dropped in the middle of a line
            return reconnect("incomplete event", new EOFException("the stream ended in the middle of an event"));
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
            T value = object.isMissingNode() || object.isNull() ? null : reader.readValue(object);
            return new WatchEvent<>(type, value, raw);
        } catch (IOException e) {
            throw decodingError(raw, e);
        }
    }

    /**
     * After the stream ended ({@code failure}: how it was cut, or null for a clean end), ends the iteration or reopens
     * the stream from the last resourceVersion, after a wait. A clean end is the server's routine and does not count
     * as a failure; a resumed watch that gives up after {@code maxWatchResumes} failures in a row says so.
     */
    private WatchEvent<T> reconnect(String why, IOException failure) {
        closeStream();
        if (System.nanoTime() - openedAt > HEALTHY_STREAM.toNanos()) {
            backoff.reset(); // a stream that stayed open that long was not a failure in a loop
        }
        boolean failed = failure != null;
        while (true) {
            if (closed || !resume) {
                LOG.log(System.Logger.Level.DEBUG, "watch {0} ended: {1}", uri, why);
                return null;
            }
            if (failed && resumesInARow >= maxResumes) {
                if (failure != null) {
                    throw new TransportException(
                            "GET", uri, failure, "watch, after " + resumesInARow + " resumes without progress,");
                }
                return null; // the last reconnect's own exception was raised instead
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
            if (!cancel.sleep(sleeper, delay)) {
                return null; // closed while waiting
            }
            try {
                open(resourceVersion);
                finished = false;
                if (closed) { // closed by another thread while reconnecting
                    closeStream();
                }
                return null;
            } catch (TransportException | ServerErrorException | TooManyRequestsException e) {
                if (closed) {
                    return null;
                }
                if (resumesInARow >= maxResumes) {
                    throw e;
                }
                why = "reconnecting failed: " + e.getMessage(); // the server may be restarting: try again
                failed = true;
                failure = null;
            } catch (RuntimeException e) {
                if (closed) {
                    return null;
                }
                throw e;
            }
        }
    }

    private ResponseDecodingException decodingError(JsonNode raw, Exception cause) {
        closeStream();
        return new ResponseDecodingException(
                "GET", uri, 200, Map.of(), raw.toString(), "a watch event of " + objectType, cause);
    }

    /**
     * Opens the stream from {@code version} (null: the options'); a 410 answer raises GoneException with it. A stream
     * that arrives as the watch is being closed is closed here: either this thread or {@link #close()} sees the other.
     */
    private void open(String version) {
        InputStream stream;
        try {
            stream = opener.open(version, cancel);
        } catch (GoneException e) {
            throw GoneException.at(e, resourceVersion);
        }
        in = stream;
        position = 0;
        limit = 0;
        openedAt = System.nanoTime();
        if (closed) {
            closeStream();
        }
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
