package dev.ccigen.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * One channel of a {@link ChannelSocket} as an {@link InputStream}. It holds about {@code limit} bytes at most: when
 * that much is unread, the connection is read no further until half of it has been read here.
 */
final class ChannelInputStream extends InputStream implements ChannelSocket.Sink {

    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private final int limit;
    private final Runnable resume;
    /** Read bytes of the first chunk. */
    private int position;

    private long unread;
    private boolean held;
    private boolean ended;
    private boolean closed;
    private IOException failure;

    /** @param resume reads on from the connection, once this stream has room again */
    ChannelInputStream(int limit, Runnable resume) {
        this.limit = limit;
        this.resume = resume;
    }

    @Override
    public synchronized boolean accept(byte[] bytes) {
        if (closed || ended) {
            return true; // nobody reads this any more: dropped
        }
        chunks.add(bytes);
        unread += bytes.length;
        notifyAll();
        held = unread >= limit;
        return !held;
    }

    @Override
    public synchronized void end(IOException failure) {
        fail(failure);
    }

    /** Ends the stream: once what came before is read, with {@code failure} (null: end of stream). */
    synchronized void fail(IOException failure) {
        if (!ended) {
            ended = true;
            this.failure = failure;
            notifyAll();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        int n;
        boolean wake;
        synchronized (this) {
            while (chunks.isEmpty() && !ended && !closed) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while reading");
                }
            }
            if (closed) {
                throw new IOException("stream closed");
            }
            if (chunks.isEmpty()) {
                if (failure != null) {
                    throw new IOException(failure.getMessage(), failure);
                }
                return -1;
            }
            byte[] first = chunks.peek();
            n = Math.min(len, first.length - position);
            System.arraycopy(first, position, b, off, n);
            position += n;
            if (position == first.length) {
                chunks.remove();
                position = 0;
            }
            unread -= n;
            wake = held && unread < limit / 2;
            held &= !wake;
        }
        if (wake) {
            resume.run();
        }
        return n;
    }

    @Override
    public synchronized int available() {
        return (int) Math.min(unread, Integer.MAX_VALUE);
    }

    /** Drops what is unread; what comes later is dropped too, and the connection is not held for it. */
    @Override
    public void close() {
        boolean wake;
        synchronized (this) {
            closed = true;
            chunks.clear();
            unread = 0;
            wake = held;
            held = false;
            notifyAll();
        }
        if (wake) {
            resume.run();
        }
    }
}
