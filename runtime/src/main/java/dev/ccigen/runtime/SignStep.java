package dev.ccigen.runtime;

import java.io.IOException;
import java.time.Clock;

/**
 * Puts the attempt's credentials on the hop, for the endpoint's own origin only: {@code X-Auth-Token}, or the AK/SK
 * signature of this hop (its method, URI, headers and body, with the date of now), so that every retry and redirect
 * is signed anew. After the interceptors: they never see a credential, and the headers they add are signed too.
 */
final class SignStep implements Chain.Step {

    private final Clock clock;

    SignStep(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Received proceed(Hop hop, Call call, Chain rest) throws IOException {
        Hop signed = hop;
        if (call.sameOrigin(hop.uri())) {
            if (hop.token() != null) {
                signed = signed.withHeader("X-Auth-Token", hop.token());
            }
            if (hop.credentials() != null) {
                signed = signed.withHeaders(AkSkSigner.sign(
                        hop.method(), hop.uri(), signed.headers(), hop.body(), hop.credentials(), clock.instant()));
            }
        }
        return rest.proceed(signed, call);
    }
}
