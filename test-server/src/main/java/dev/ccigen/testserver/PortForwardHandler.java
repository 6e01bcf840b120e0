package dev.ccigen.testserver;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * What a scripted pod's port does with one forwarded connection: reads what the client sends, writes what it answers.
 * It runs on a thread of its own; returning (or throwing) ends the connection. See
 * {@link PodScript#portForward(int, PortForwardHandler)}.
 */
@FunctionalInterface
public interface PortForwardHandler {
    void connect(InputStream fromClient, OutputStream toClient) throws Exception;
}
