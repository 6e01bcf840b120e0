package dev.ccigen.runtime;

import java.io.IOException;

/**
 * Chooses the credentials of each attempt: a token from the {@link TokenProvider} (IAM's own request for it goes
 * through the same chain, unauthenticated), or the AK/SK of the {@link CredentialsProvider}. A 401 to a token
 * invalidates it, and the request is sent once more with a new one, whatever its method: a 401 means it never ran.
 */
final class AuthStep implements Chain.Step {

    private static final System.Logger LOG = System.getLogger(AuthStep.class.getPackageName());

    private final Transport transport;
    private final TokenProvider tokenProvider;
    private final CredentialsProvider credentialsProvider;

    /** @param transport where a provider that fetches (IAM) sends its own request from */
    AuthStep(Transport transport, TokenProvider tokenProvider, CredentialsProvider credentialsProvider) {
        this.transport = transport;
        this.tokenProvider = tokenProvider;
        this.credentialsProvider = credentialsProvider;
    }

    @Override
    public Received proceed(Hop hop, Call call, Chain rest) throws IOException {
        boolean reauthenticated = false;
        while (true) {
            String token = tokenProvider == null ? null : token(call);
            Credentials credentials = credentialsProvider == null ? null : credentialsProvider.credentials();
            call.secret(token);
            if (credentials != null) {
                for (String secret : credentials.secrets()) {
                    call.secret(secret);
                }
            }
            call.credentials = credentials;
            Received answer = rest.proceed(hop.withCredentials(token, credentials), call);
            if (answer.status != 401 || tokenProvider == null || reauthenticated) {
                return answer;
            }
            reauthenticated = true;
            tokenProvider.invalidate(token);
            LOG.log(
                    System.Logger.Level.DEBUG,
                    "{0} {1}: 401, trying once more with a new token",
                    hop.method(),
                    call.redact(hop.uri()));
        }
    }

    private String token(Call call) throws Cancel.Cancelled {
        return tokenProvider instanceof IamTokenProvider iam
                ? iam.token(transport, call.cancel)
                : tokenProvider.token();
    }
}
