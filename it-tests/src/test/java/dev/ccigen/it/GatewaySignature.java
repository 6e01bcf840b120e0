package dev.ccigen.it;

import com.sun.net.httpserver.Headers;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the API gateway checks of an AK/SK request, written for the in-test server independently of the client's
 * signer (from the algorithm's description, with the JDK's URL codecs): the {@code Authorization} header's form, a
 * known access key, an {@code X-Sdk-Date} within 15 minutes of the server's clock, and the signature recomputed over
 * the request as it arrived.
 */
final class GatewaySignature {

    private static final Pattern AUTHORIZATION =
            Pattern.compile("SDK-HMAC-SHA256 Access=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})");
    private static final DateTimeFormatter SDK_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final Duration ALLOWED_SKEW = Duration.ofMinutes(15);

    private final Map<String, String> secretKeys;

    /** @param secretKeys secret key by access key */
    GatewaySignature(Map<String, String> secretKeys) {
        this.secretKeys = Map.copyOf(secretKeys);
    }

    /** Null when the request is genuine, else why the gateway refuses it (for the test's eyes only). */
    String problem(String method, String rawPath, String rawQuery, Headers headers, byte[] body, Instant now) {
        String authorization = headers.getFirst("Authorization");
        Matcher m = authorization == null ? null : AUTHORIZATION.matcher(authorization);
        if (m == null || !m.matches()) {
            return "no SDK-HMAC-SHA256 Authorization";
        }
        String secretKey = secretKeys.get(m.group(1));
        if (secretKey == null) {
            return "unknown access key";
        }
        String date = headers.getFirst("X-Sdk-Date");
        try {
            Instant signedAt =
                    LocalDateTime.parse(date == null ? "" : date, SDK_DATE).toInstant(ZoneOffset.UTC);
            if (Duration.between(signedAt, now).abs().compareTo(ALLOWED_SKEW) > 0) {
                return "X-Sdk-Date " + date + " is more than 15 minutes from " + now;
            }
        } catch (DateTimeParseException e) {
            return "bad X-Sdk-Date";
        }
        List<String> signed = List.of(m.group(2).split(";"));
        if (!signed.contains("host") || !signed.contains("x-sdk-date")) {
            return "host and x-sdk-date must be signed";
        }
        StringBuilder canonical = new StringBuilder(method).append('\n');
        canonical
                .append(canonicalPath(rawPath))
                .append('\n')
                .append(canonicalQuery(rawQuery))
                .append('\n');
        for (String name : signed) {
            String value = headers.getFirst(name);
            if (value == null) {
                return "signed header " + name + " missing";
            }
            canonical.append(name).append(':').append(value.trim()).append('\n');
        }
        String declared = signed.contains("x-sdk-content-sha256") ? headers.getFirst("X-Sdk-Content-Sha256") : null;
        canonical.append('\n').append(m.group(2)).append('\n').append(declared != null ? declared : hex(digest(body)));
        String toSign = "SDK-HMAC-SHA256\n" + date + "\n"
                + hex(digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        return hex(hmac(secretKey, toSign)).equals(m.group(3)) ? null : "signature mismatch";
    }

    private static String canonicalPath(String rawPath) {
        StringBuilder out = new StringBuilder();
        for (String segment : rawPath.split("/")) {
            out.append(encode(decode(segment))).append('/');
        }
        return rawPath.equals("/") ? "/" : out.toString();
    }

    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        TreeMap<String, List<String>> byName = new TreeMap<>();
        for (String pair : rawQuery.split("&")) {
            String[] nv = pair.split("=", 2);
            byName.computeIfAbsent(encode(decode(nv[0])), k -> new ArrayList<>())
                    .add(nv.length == 2 ? encode(decode(nv[1])) : "");
        }
        List<String> pairs = new ArrayList<>();
        byName.forEach((name, values) -> values.forEach(v -> pairs.add(name + "=" + v)));
        return String.join("&", pairs);
    }

    /** Percent-decoding that keeps {@code +} a plus (URLDecoder is for forms). */
    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** RFC 3986 unreserved characters stay, all else is percent-encoded. */
    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A")
                .replace("%7E", "~");
    }

    private static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(String key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes).toLowerCase(Locale.ROOT);
    }
}
