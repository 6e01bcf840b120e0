package dev.ccigen.runtime;

import java.net.URI;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One attempt's request as it goes down the chain: method, absolute URI, headers and body, and the credentials the
 * authentication step chose for it (added as headers only by the signing step, for the endpoint's own origin).
 */
record Hop(String method, URI uri, Map<String, String> headers, byte[] body, String token, Credentials credentials) {

    Hop {
        Map<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER); // collected, to be signed
        copy.putAll(headers);
        headers = Collections.unmodifiableMap(copy);
    }

    /** The first hop of a request: no credentials yet. */
    static Hop of(String method, URI uri, Map<String, String> headers, byte[] body) {
        return new Hop(method, uri, headers, body, null, null);
    }

    Hop withHeader(String name, String value) {
        return withHeaders(Map.of(name, value));
    }

    Hop withHeaders(Map<String, String> more) {
        Map<String, String> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        all.putAll(headers);
        all.putAll(more);
        return new Hop(method, uri, all, body, token, credentials);
    }

    Hop withCredentials(String token, Credentials credentials) {
        return new Hop(method, uri, headers, body, token, credentials);
    }

    /** The next hop of a redirect: as it is to {@code target}, or as a GET without body (303, a 301 or 302 of a POST). */
    Hop redirectedTo(URI target, boolean asGet) {
        if (!asGet) {
            return new Hop(method, target, headers, body, token, credentials);
        }
        Map<String, String> withoutBody = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        withoutBody.putAll(headers);
        withoutBody.remove("Content-Type");
        return new Hop("GET", target, withoutBody, null, token, credentials);
    }

    /** Method and URI only: a hop's headers may hold credentials. */
    @Override
    public String toString() {
        return method + " " + uri;
    }
}
