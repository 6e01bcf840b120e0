package dev.ccigen.runtime;

import java.io.IOException;

/** Hands each hop to one of the user's {@link Interceptor}s, as an {@link Attempt} without credentials. */
final class InterceptorStep implements Chain.Step {

    private final Interceptor interceptor;

    InterceptorStep(Interceptor interceptor) {
        this.interceptor = interceptor;
    }

    @Override
    public Received proceed(Hop hop, Call call, Chain rest) throws IOException {
        Link link = new Link(new Attempt(hop, call), rest);
        Attempt.Response response;
        try {
            response = interceptor.intercept(link);
        } catch (IOException | RuntimeException | Error e) {
            link.discard(); // the interceptor failed after its attempt was answered: nobody else will close it
            throw e;
        }
        if (response == null || link.response == null || response != link.response) {
            link.discard();
            throw new IllegalStateException(
                    "the interceptor " + interceptor + " must return what chain.proceed(...) returned it");
        }
        return link.response.received;
    }

    /** The rest of the chain, for one attempt: proceeds once. */
    private static final class Link implements Interceptor.Chain {
        private final Attempt attempt;
        private final Chain rest;
        private Attempt.Response response;
        private boolean proceeded;

        Link(Attempt attempt, Chain rest) {
            this.attempt = attempt;
            this.rest = rest;
        }

        @Override
        public Attempt attempt() {
            return attempt;
        }

        @Override
        public Attempt.Response proceed(Attempt next) throws IOException {
            if (proceeded) {
                throw new IllegalStateException("an interceptor proceeds once per attempt");
            }
            if (next == null || next.call != attempt.call || !next.hop.uri().equals(attempt.hop.uri())) {
                throw new IllegalStateException(
                        "proceed with this chain's attempt, or one made from it with withHeader");
            }
            proceeded = true;
            response = new Attempt.Response(rest.proceed(next.hop, next.call), next.call);
            return response;
        }

        void discard() {
            if (response != null) {
                response.received.discard();
            }
        }
    }
}
