package dev.ccigen.testserver;

import dev.ccigen.runtime.AkSkSigner;
import dev.ccigen.runtime.Credentials;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What stands in front of the API: IAM, which issues tokens, and the API gateway, which lets a request through with a
 * token IAM issued (and has not expired) in {@code X-Auth-Token} (or as {@code Authorization: Bearer}, as kubectl and
 * other Kubernetes clients send a token), or with a valid AK/SK signature. The signature is
 * verified by computing it again over the request as it arrived, with the secret key of its access key, and a date
 * more than 15 minutes from the server's clock is refused, as the gateway does.
 */
public final class Gateway {
    private static final Pattern AUTHORIZATION =
            Pattern.compile("SDK-HMAC-SHA256 Access=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})");
    private static final DateTimeFormatter SDK_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final Duration ALLOWED_SKEW = Duration.ofMinutes(15);
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(24);

    private final Clock clock;
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final Map<String, String> secretKeys = new ConcurrentHashMap<>();
    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private final AtomicInteger issued = new AtomicInteger();
    private volatile boolean required = true;

    /** @param clock the time tokens expire and signatures are dated by */
    public Gateway(Clock clock) {
        this.clock = clock;
    }

    /** Whether requests must authenticate (default true). */
    public void required(boolean required) {
        this.required = required;
    }

    /** Whether requests must authenticate. */
    public boolean required() {
        return required;
    }

    /** Accepts {@code token} in {@code X-Auth-Token} (a token the code under test got elsewhere), for 24 hours. */
    public void acceptToken(String token) {
        tokens.put(token, clock.instant().plus(TOKEN_LIFETIME));
    }

    /** Accepts requests signed with this key pair. */
    public void acceptAkSk(String accessKey, String secretKey) {
        secretKeys.put(accessKey, secretKey);
    }

    /** IAM accepts only this password for {@code user} from now on (until then, IAM accepts any password). */
    public void iamUser(String user, String password) {
        passwords.put(user, password);
    }

    /** Every token issued so far stops working: the next request with one gets a 401, as after a token's expiry. */
    public void expireTokens() {
        tokens.clear();
    }

    /** How many tokens IAM issued. */
    public int tokensIssued() {
        return issued.get();
    }

    /** A token for {@code user} with {@code password}, valid 24 hours; null when IAM refuses the password. */
    String issue(String user, String password) {
        String expected = passwords.get(user == null ? "" : user);
        if (!passwords.isEmpty() && (expected == null || !expected.equals(password))) {
            return null;
        }
        String token = "test-token-" + issued.incrementAndGet();
        tokens.put(token, clock.instant().plus(TOKEN_LIFETIME));
        return token;
    }

    /** A token for {@code user}, issued without a password (for a kubeconfig the server hands out). */
    String issueFor(String user) {
        String token = "test-token-" + issued.incrementAndGet();
        tokens.put(token, clock.instant().plus(TOKEN_LIFETIME));
        return token;
    }

    Instant now() {
        return clock.instant();
    }

    /** When a token issued now expires. */
    Instant expiryOfNewTokens() {
        return clock.instant().plus(TOKEN_LIFETIME);
    }

    /**
     * Null when the request may pass, else the gateway's {@code error_msg} for its 401.
     *
     * @param header the request's headers by name (any case)
     * @param rawPath the path as sent, percent-encoded
     */
    String refusal(String method, String rawPath, String rawQuery, Function<String, String> header, byte[] body) {
        if (!required) {
            return null;
        }
        String token = header.apply("X-Auth-Token");
        if (token != null) {
            Instant expiry = tokens.get(token);
            return expiry != null && clock.instant().isBefore(expiry)
                    ? null
                    : "Incorrect IAM authentication information: the token is invalid or has expired";
        }
        String authorization = header.apply("Authorization");
        if (authorization == null) {
            return "Incorrect IAM authentication information: x-auth-token not found";
        }
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Instant expiry = tokens.get(authorization.substring(7).trim());
            return expiry != null && clock.instant().isBefore(expiry)
                    ? null
                    : "Incorrect IAM authentication information: the token is invalid or has expired";
        }
        return signatureProblem(method, rawPath, rawQuery, header, body, authorization);
    }

    private String signatureProblem(
            String method,
            String rawPath,
            String rawQuery,
            Function<String, String> header,
            byte[] body,
            String authorization) {
        Matcher m = AUTHORIZATION.matcher(authorization);
        if (!m.matches()) {
            return "Incorrect IAM authentication information: Authorization is not SDK-HMAC-SHA256";
        }
        String secretKey = secretKeys.get(m.group(1));
        if (secretKey == null) {
            return "Incorrect IAM authentication information: ak " + m.group(1) + " not exist";
        }
        String date = header.apply("X-Sdk-Date");
        Instant signedAt;
        try {
            signedAt = LocalDateTime.parse(date == null ? "" : date, SDK_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return "Incorrect IAM authentication information: verify aksk signature fail, invalid X-Sdk-Date";
        }
        if (Duration.between(signedAt, clock.instant()).abs().compareTo(ALLOWED_SKEW) > 0) {
            return "Incorrect IAM authentication information: verify aksk signature fail, X-Sdk-Date is expired";
        }
        // The same signature again, over the headers the request says it signed (host and date the signer adds itself).
        Map<String, String> signed = new java.util.LinkedHashMap<>();
        for (String name : m.group(2).split(";")) {
            String value = header.apply(name);
            if (value == null) {
                return "Incorrect IAM authentication information: verify aksk signature fail, signed header " + name
                        + " is missing";
            }
            if (!name.equals("host") && !name.equals("x-sdk-date")) {
                signed.put(name, value);
            }
        }
        String host = header.apply("Host");
        URI uri = URI.create("http://" + host + rawPath + (rawQuery == null ? "" : "?" + rawQuery));
        Map<String, String> expected =
                AkSkSigner.sign(method, uri, signed, body, Credentials.of(m.group(1), secretKey), signedAt);
        return authorization.equals(expected.get("Authorization"))
                ? null
                : "Incorrect IAM authentication information: verify aksk signature fail";
    }
}
