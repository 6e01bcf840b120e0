package dev.ccigen.runtime;

/**
 * Supplies the AK/SK that {@link Transport} signs each request with. Implementations must be thread-safe and fast
 * when nothing changed: the transport asks once per attempt. Ready-made ones are in {@link Credentials}.
 *
 * @see Credentials#defaultChain()
 * @see MetadataCredentialsProvider
 */
@FunctionalInterface
public interface CredentialsProvider {

    /** The credentials to sign with now; may block to fetch them. */
    Credentials credentials();
}
