package dev.ccigen.testserver;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The requests a server received, for tests to look at: the last {@value #MAX_REQUESTS}, with at most
 * {@value #MAX_BODY_BYTES} bytes of bodies in all (the oldest bodies are dropped first, their requests kept). Adding
 * is constant time; reading copies.
 */
final class RequestLog {
    static final int MAX_REQUESTS = 10_000;
    static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    private final ArrayDeque<RecordedRequest> requests = new ArrayDeque<>();
    /** The requests whose bodies are still kept, oldest first. */
    private final ArrayDeque<RecordedRequest> withBodies = new ArrayDeque<>();

    private long bodyBytes;

    synchronized void add(RecordedRequest r) {
        requests.addLast(r);
        if (requests.size() > MAX_REQUESTS) {
            RecordedRequest gone = requests.removeFirst();
            if (withBodies.peekFirst() == gone) {
                withBodies.removeFirst();
                bodyBytes -= gone.bodyBytes().length;
            }
        }
        int length = r.bodyBytes().length;
        if (length > 0) {
            withBodies.addLast(r);
            bodyBytes += length;
            while (bodyBytes > MAX_BODY_BYTES && withBodies.size() > 1) {
                RecordedRequest oldest = withBodies.removeFirst();
                bodyBytes -= oldest.bodyBytes().length;
                oldest.dropBody();
            }
        }
    }

    synchronized List<RecordedRequest> all() {
        return List.copyOf(requests);
    }

    synchronized List<RecordedRequest> matching(String method, String path) {
        List<RecordedRequest> found = new ArrayList<>();
        for (Iterator<RecordedRequest> it = requests.iterator(); it.hasNext(); ) {
            RecordedRequest r = it.next();
            if (r.method().equals(method) && r.path().equals(path)) {
                found.add(r);
            }
        }
        return found;
    }

    synchronized void clear() {
        requests.clear();
        withBodies.clear();
        bodyBytes = 0;
    }
}
