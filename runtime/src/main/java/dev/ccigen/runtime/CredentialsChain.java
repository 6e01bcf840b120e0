package dev.ccigen.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The first of several sources that yields credentials; see {@link Credentials#defaultChain()}. The choice is made
 * on first use and kept, so a client does not switch identities half-way (a metadata provider still refreshes).
 */
final class CredentialsChain implements CredentialsProvider {

    private final List<String> names;
    private final List<Supplier<CredentialsProvider>> sources;
    private volatile CredentialsProvider chosen;

    CredentialsChain(List<String> names, List<Supplier<CredentialsProvider>> sources) {
        this.names = List.copyOf(names);
        this.sources = List.copyOf(sources);
    }

    @Override
    public Credentials credentials() {
        CredentialsProvider provider = chosen;
        return provider != null ? provider.credentials() : choose();
    }

    private synchronized Credentials choose() {
        if (chosen != null) {
            return chosen.credentials();
        }
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            try {
                CredentialsProvider provider = sources.get(i).get();
                Credentials credentials = provider.credentials();
                chosen = provider;
                return credentials;
            } catch (RuntimeException e) { // our sources' messages name variables and files, never values
                reasons.add(names.get(i) + ": " + e.getMessage());
            }
        }
        throw new IllegalStateException("no AK/SK found; " + String.join("; ", reasons));
    }

    @Override
    public String toString() {
        CredentialsProvider provider = chosen;
        return "CredentialsChain[" + (provider == null ? String.join(", ", names) : "using " + provider) + "]";
    }
}
