package dev.ccigen.runtime;

import java.util.Objects;

/** A token obtained elsewhere, sent as is. It cannot be refreshed: a 401 is retried once, then raised. */
public final class StaticTokenProvider implements TokenProvider {

    private final String token;

    private StaticTokenProvider(String token) {
        this.token = token;
    }

    /** A provider that always sends {@code token} (never refreshed). */
    public static StaticTokenProvider of(String token) {
        Objects.requireNonNull(token, "token");
        if (token.isBlank()) {
            throw new IllegalArgumentException("token is blank");
        }
        return new StaticTokenProvider(token);
    }

    @Override
    public String token() {
        return token;
    }

    /** Never shows the token. */
    @Override
    public String toString() {
        return "StaticTokenProvider[token=***]";
    }
}
