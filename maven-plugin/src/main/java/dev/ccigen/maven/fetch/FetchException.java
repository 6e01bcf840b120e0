package dev.ccigen.maven.fetch;

/** A fetch that cannot go on, with a message for the user: where and what; never a secret, never a stack trace. */
public final class FetchException extends Exception {
    private static final long serialVersionUID = 1L;

    public FetchException(String message) {
        super(message, null, false, false);
    }
}
