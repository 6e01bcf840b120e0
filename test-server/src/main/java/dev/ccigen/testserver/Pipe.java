package dev.ccigen.testserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

/**
 * Bytes from one thread to another: what a client sends a pod's stdin (or a forwarded port), read by the pod's
 * handler. Holds at most {@code capacity} bytes; a writer waits for room (so a client that sends faster than the pod
 * reads is held back, as a socket would hold it). Ends, after what it holds, once {@link #end()} is called.
 */
final class Pipe extends InputStream {
    private final byte[] buffer;
    private int start;
    private int size;
    private boolean ended;

    Pipe(int capacity) {
        buffer = new byte[capacity];
    }

    /** Adds {@code bytes}, waiting for room; dropped once the pipe has ended. */
    synchronized void write(byte[] bytes, int offset, int length) throws InterruptedIOException {
        int at = offset;
        int left = length;
        while (left > 0 && !ended) {
            if (size == buffer.length) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while writing to a pipe");
                }
                continue;
            }
            int end = (start + size) % buffer.length;
            int n = Math.min(left, Math.min(buffer.length - size, buffer.length - end));
            System.arraycopy(bytes, at, buffer, end, n);
            size += n;
            at += n;
            left -= n;
            notifyAll();
        }
    }

    /** No more bytes come: the reader sees the end after what the pipe holds. */
    synchronized void end() {
        ended = true;
        notifyAll();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (size == 0) {
            if (ended) {
                return -1;
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading a pipe");
            }
        }
        int n = Math.min(len, Math.min(size, buffer.length - start));
        System.arraycopy(buffer, start, b, off, n);
        start = (start + n) % buffer.length;
        size -= n;
        notifyAll();
        return n;
    }

    @Override
    public synchronized int available() {
        return size;
    }

    @Override
    public void close() {
        end();
    }
}
