package dev.ccigen.runtime;

import java.util.function.Supplier;

/**
 * The chain a provider of credentials sends its own requests through when no client lends it one (IAM used on its
 * own, the ECS metadata service): made when first needed, released by {@link #close()}.
 */
final class OwnTransport implements AutoCloseable {

    private final String owner;
    private final Supplier<ClientBuilder<Transport>> configuration;
    private Transport made;
    private boolean closed;

    /**
     * @param owner names the provider in the message of a use after {@link #close()}
     * @param configuration the endpoint and timeouts of the provider's requests
     */
    OwnTransport(String owner, Supplier<ClientBuilder<Transport>> configuration) {
        this.owner = owner;
        this.configuration = configuration;
    }

    synchronized Transport get() {
        if (closed) {
            throw new IllegalStateException("the " + owner + " is closed");
        }
        if (made == null) {
            made = configuration.get().buildTransport();
        }
        return made;
    }

    @Override
    public void close() {
        Transport transport;
        synchronized (this) {
            closed = true;
            transport = made;
            made = null;
        }
        if (transport != null) {
            transport.close();
        }
    }
}
