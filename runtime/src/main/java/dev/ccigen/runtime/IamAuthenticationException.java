package dev.ccigen.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * IAM did not issue a token: the call never reached the API. {@link #uri()} is IAM's token URL,
 * {@link #statusCode()} IAM's status, {@link #errorCode()} and {@link #errorMessage()} what IAM said
 * ({@code {"error": {"code": 401, "message": "...", "title": "..."}}}), {@link #title()} its title.
 *
 * <p>Distinct from an {@link UnauthorizedException}, which is the API rejecting a token (expired, revoked):
 * this one means the credentials given to {@link IamTokenProvider} are wrong, or IAM is failing. (IAM that
 * cannot be reached at all is a {@link TransportException} on IAM's URL.) The message never holds the
 * password or a token.
 */
public class IamAuthenticationException extends ApiException {

    private static final long serialVersionUID = 1L;

    private final String iamCode;
    private final String title;

    /** Made from IAM's answer to the token request at {@code tokensUri}. */
    public IamAuthenticationException(URI tokensUri, int statusCode, Map<String, List<String>> headers, String body) {
        super("POST", tokensUri, statusCode, headers, body, null);
        JsonNode error = iamError(body());
        this.iamCode = error == null || !error.path("code").isValueNode()
                ? null
                : emptyToNull(error.path("code").asText());
        this.title = error == null || !error.path("title").isTextual()
                ? null
                : emptyToNull(error.path("title").asText());
    }

    /** IAM's {@code error.code} (a number such as {@code 401}, or a text such as {@code IAM.0101}); null if none. */
    @Override
    public String errorCode() {
        String code = super.errorCode();
        return code != null ? code : iamCode;
    }

    /** IAM's {@code error.title}, e.g. {@code Unauthorized}; null if none. */
    public String title() {
        return title;
    }

    /** {@code IAM token request failed: HTTP 401 Unauthorized: [401] The username or password is wrong. (POST <IAM's URL>)}. */
    @Override
    public String getMessage() {
        return "IAM token request failed: " + super.getMessage() + " (" + method() + " " + uri() + ")";
    }

    private static JsonNode iamError(String body) {
        try {
            JsonNode error = Json.mapper().readTree(body).get("error");
            return error != null && error.isObject() ? error : null;
        } catch (Exception e) {
            return null; // not JSON: the message shows an excerpt of it
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
