package dev.ccigen.maven.fetch;

import dev.ccigen.runtime.ClientBuilder;
import dev.ccigen.runtime.Credentials;
import dev.ccigen.runtime.CredentialsProvider;
import dev.ccigen.runtime.IamTokenProvider;
import dev.ccigen.runtime.Transport;
import java.net.URI;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * How the fetch authenticates, with the generated client's own runtime: the transport configuration, and how a
 * message names the scheme and where its secret came from (never the secret).
 *
 * @param description e.g. {@code IAM token of the user of settings.xml server "cci"}
 */
public record Authentication(String description, Consumer<ClientBuilder<Transport>> configuration) {

    /** No credentials (a local cluster's proxy, an open test server). */
    public static Authentication none() {
        return new Authentication("no authentication", builder -> {});
    }

    /** An IAM password token (POST /v3/auth/tokens), sent as {@code X-Auth-Token}. */
    public static Authentication iam(
            URI iamEndpoint, String username, String password, String domainName, String projectName, String source) {
        return new Authentication(
                "IAM token of the user of " + source,
                builder -> builder.iam(IamTokenProvider.builder()
                        .iamEndpoint(iamEndpoint)
                        .username(username)
                        .password(password)
                        .domainName(domainName)
                        .projectName(projectName)));
    }

    /** AK/SK request signatures ({@code SDK-HMAC-SHA256}); {@code projectId} overrides the source's when not null. */
    public static Authentication akSk(Credentials credentials, String projectId, String source) {
        Credentials withProject =
                projectId == null || projectId.isBlank() ? credentials : credentials.withProjectId(projectId);
        return new Authentication(
                "AK/SK from " + source, builder -> builder.credentials(Credentials.fixed(withProject)));
    }

    /**
     * The AK/SK of the environment ({@code HUAWEICLOUD_SDK_AK}, {@code _SK}, {@code _PROJECT_ID},
     * {@code _SECURITY_TOKEN}) when it has them, else of the SDKs' credentials file ({@code ~/.huaweicloud/credentials}
     * or the file {@code HUAWEICLOUD_SDK_CREDENTIALS_FILE} names): the generated client's own providers.
     *
     * @throws FetchException saying why neither has keys
     */
    public static Authentication akSkFromEnvironment(Function<String, String> environment, String projectId)
            throws FetchException {
        CredentialsProvider provider;
        String source;
        try {
            provider = Credentials.fromEnvironment(environment);
            source = "the environment (" + Credentials.AK_VARIABLE + ")";
        } catch (IllegalStateException notInEnvironment) {
            try {
                provider = Credentials.fromProfile(environment);
                source = "the credentials file";
            } catch (IllegalStateException noFile) {
                throw new FetchException("AK/SK authentication needs keys: " + notInEnvironment.getMessage() + ", and "
                        + noFile.getMessage()
                        + " (or name a settings.xml <server> with serverId: username AK, password SK)");
            }
        }
        return akSk(provider.credentials(), projectId, source);
    }

    /** A bearer token ({@code Authorization: Bearer}), as Kubernetes API servers take them. */
    public static Authentication bearer(String token, String source) {
        String trimmed = token.strip();
        return new Authentication(
                "bearer token from " + source, builder -> builder.header("Authorization", "Bearer " + trimmed));
    }
}
