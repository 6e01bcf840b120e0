package dev.ccigen.runtime;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An access key and secret key (AK/SK), with the security token of temporary credentials and the project id they
 * may come with; and, as static methods, where to get them the way Huawei Cloud's SDKs do:
 *
 * <pre>{@code
 * CciClient.builder().endpoint(uri).credentials(Credentials.fromEnvironment()).build();
 * CciClient.builder().endpoint(uri).credentials(Credentials.defaultChain()).build();
 * }</pre>
 *
 * Immutable. The keys and the token never appear in {@link #toString()} or in any message of this package.
 */
public final class Credentials {

    /** The environment variables Huawei Cloud's SDKs read. */
    public static final String AK_VARIABLE = "HUAWEICLOUD_SDK_AK";

    public static final String SK_VARIABLE = "HUAWEICLOUD_SDK_SK";
    public static final String PROJECT_ID_VARIABLE = "HUAWEICLOUD_SDK_PROJECT_ID";
    public static final String SECURITY_TOKEN_VARIABLE = "HUAWEICLOUD_SDK_SECURITY_TOKEN";
    /** Names the credentials file to read instead of {@code ~/.huaweicloud/credentials}. */
    public static final String CREDENTIALS_FILE_VARIABLE = "HUAWEICLOUD_SDK_CREDENTIALS_FILE";

    private final String accessKey;
    private final String secretKey;
    private final String securityToken;
    private final String projectId;
    private final Instant expiresAt;

    private Credentials(String accessKey, String secretKey, String securityToken, String projectId, Instant expiresAt) {
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.securityToken = securityToken;
        this.projectId = projectId;
        this.expiresAt = expiresAt;
    }

    /** Permanent credentials; neither key may be blank. */
    public static Credentials of(String accessKey, String secretKey) {
        requireText(accessKey, "access key");
        requireText(secretKey, "secret key");
        return new Credentials(accessKey, secretKey, null, null, null);
    }

    /** Temporary credentials: the token is sent as {@code X-Security-Token}; null or blank means none. */
    public Credentials withSecurityToken(String token) {
        return new Credentials(accessKey, secretKey, blankToNull(token), projectId, expiresAt);
    }

    /** Sent as {@code X-Project-Id} unless the client sets one itself; null or blank means none. */
    public Credentials withProjectId(String id) {
        return new Credentials(accessKey, secretKey, securityToken, blankToNull(id), expiresAt);
    }

    /** When temporary credentials stop working; null for permanent ones. */
    public Credentials withExpiresAt(Instant instant) {
        return new Credentials(accessKey, secretKey, securityToken, projectId, instant);
    }

    /** The access key (AK), sent in every {@code Authorization} header. */
    public String accessKey() {
        return accessKey;
    }
    /** The secret key (SK): it signs, and never leaves this process. */
    public String secretKey() {
        return secretKey;
    }
    /** Null for permanent credentials. */
    public String securityToken() {
        return securityToken;
    }
    /** Null when the source named none. */
    public String projectId() {
        return projectId;
    }
    /** Null for permanent credentials. */
    public Instant expiresAt() {
        return expiresAt;
    }

    /** What must be blanked out of anything a server sends back before it reaches a message. */
    String[] secrets() {
        return new String[] {secretKey, securityToken, accessKey};
    }

    /** The kind of credentials and the project; never a key or the token. */
    @Override
    public String toString() {
        return "Credentials[accessKey=***, secretKey=***" + (securityToken == null ? "" : ", securityToken=***")
                + (projectId == null ? "" : ", projectId=" + projectId)
                + (expiresAt == null ? "" : ", expiresAt=" + expiresAt) + "]";
    }

    // ---- where credentials come from ----

    /** Always {@code credentials}. */
    public static CredentialsProvider fixed(Credentials credentials) {
        Objects.requireNonNull(credentials, "credentials");
        return new CredentialsProvider() {
            @Override
            public Credentials credentials() {
                return credentials;
            }

            @Override
            public String toString() {
                return "Credentials.fixed(" + credentials + ")";
            }
        };
    }

    /**
     * {@value #AK_VARIABLE} and {@value #SK_VARIABLE}, with {@value #SECURITY_TOKEN_VARIABLE} and
     * {@value #PROJECT_ID_VARIABLE} when set; read now.
     *
     * @throws IllegalStateException naming the variable that is missing
     */
    public static CredentialsProvider fromEnvironment() {
        return fromEnvironment(System::getenv);
    }

    /** {@link #fromEnvironment()} with another environment (for tests: {@code Map.of(...)::get}). */
    public static CredentialsProvider fromEnvironment(Function<String, String> environment) {
        String ak = blankToNull(environment.apply(AK_VARIABLE));
        String sk = blankToNull(environment.apply(SK_VARIABLE));
        if (ak == null || sk == null) {
            String missing = ak == null && sk == null
                    ? AK_VARIABLE + " and " + SK_VARIABLE + " are"
                    : (ak == null ? AK_VARIABLE : SK_VARIABLE) + " is";
            throw new IllegalStateException("no AK/SK in the environment: " + missing + " not set");
        }
        return fixed(of(ak, sk)
                .withSecurityToken(environment.apply(SECURITY_TOKEN_VARIABLE))
                .withProjectId(environment.apply(PROJECT_ID_VARIABLE)));
    }

    /**
     * The {@code [basic]} section of the SDKs' credentials file: the file {@value #CREDENTIALS_FILE_VARIABLE}
     * names, else {@code ~/.huaweicloud/credentials}; read now.
     *
     * @throws IllegalStateException when the file is missing or has no {@code ak} and {@code sk} there
     */
    public static CredentialsProvider fromProfile() {
        return fromProfile(System::getenv);
    }

    /** {@link #fromProfile()} with another environment. */
    public static CredentialsProvider fromProfile(Function<String, String> environment) {
        return fromProfile(CredentialsFile.location(environment, Path.of(System.getProperty("user.home"))));
    }

    /** The {@code [basic]} section of {@code file}, in the SDKs' credentials file format; read now. */
    public static CredentialsProvider fromProfile(Path file) {
        return fixed(CredentialsFile.read(file));
    }

    /** Temporary credentials of the ECS instance's agency, from the metadata service at {@code 169.254.169.254}. */
    public static MetadataCredentialsProvider fromMetadata() {
        return MetadataCredentialsProvider.builder().build();
    }

    /** {@link #fromMetadata()} from another address (a proxy, or a test's server). */
    public static MetadataCredentialsProvider fromMetadata(URI metadataEndpoint) {
        return MetadataCredentialsProvider.builder().endpoint(metadataEndpoint).build();
    }

    /**
     * The first source that has credentials, in the SDKs' order: the environment, the credentials file, the ECS
     * metadata service. Decided on first use and kept; when none has any, the error says why for each.
     */
    public static CredentialsProvider defaultChain() {
        return defaultChain(System::getenv, null);
    }

    /**
     * {@link #defaultChain()} with another environment and metadata endpoint (null: the real one).
     */
    public static CredentialsProvider defaultChain(Function<String, String> environment, URI metadataEndpoint) {
        List<Supplier<CredentialsProvider>> sources = List.of(
                () -> fromEnvironment(environment),
                () -> fromProfile(environment),
                () -> metadataEndpoint == null ? fromMetadata() : fromMetadata(metadataEndpoint));
        return new CredentialsChain(List.of("environment", "credentials file", "ECS metadata"), sources);
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is " + (value == null ? "null" : "blank"));
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
