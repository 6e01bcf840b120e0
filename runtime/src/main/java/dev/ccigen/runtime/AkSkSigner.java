package dev.ccigen.runtime;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The API gateway's {@code SDK-HMAC-SHA256} request signature (AK/SK authentication), computed with the JDK alone.
 *
 * <p>Canonical request: the method; the canonical URI (each path segment percent-encoded, every segment followed by
 * {@code /}, so {@code /a/b} and {@code /a/b/} sign alike, as Huawei Cloud's SDKs do); the query parameters sorted by
 * name, values in the order sent; one {@code name:value} line per signed header (names lower-cased and sorted,
 * values trimmed as they arrive at the gateway); the signed header names joined by {@code ;}; the hex SHA-256 of the
 * body, or the value of {@code X-Sdk-Content-Sha256} ({@code UNSIGNED-PAYLOAD}) when the request sends one. Every
 * header sent is signed except {@code Content-Type} and names with {@code _} (proxies drop those), plus {@code Host}
 * and {@code X-Sdk-Date}. The string to sign is {@code SDK-HMAC-SHA256\n<X-Sdk-Date>\n<hex SHA-256 of the canonical
 * request>}; the signature its hex HMAC-SHA256 with the secret key.
 *
 * <p>{@link Transport} signs every attempt it sends (retries and redirects included), each with the date of that
 * moment: the gateway refuses a date more than 15 minutes away from its own clock.
 */
public final class AkSkSigner {

    static final String ALGORITHM = "SDK-HMAC-SHA256";
    static final String DATE_HEADER = "X-Sdk-Date";
    static final String CONTENT_SHA256_HEADER = "X-Sdk-Content-Sha256";
    /** The {@value #CONTENT_SHA256_HEADER} value of a body that is streamed, so not hashed. */
    public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private AkSkSigner() {}

    /**
     * The headers to add to a request so that the gateway accepts it: {@code X-Sdk-Date}, {@code Authorization},
     * and from {@code credentials} {@code X-Security-Token} and (unless {@code headers} has one) {@code X-Project-Id}.
     *
     * @param uri the absolute URI the request goes to, path and query percent-encoded as sent
     * @param headers every header the request sends (names compare case-insensitively), Content-Type included
     * @param body the body sent, or null
     * @param now the signing time
     */
    public static Map<String, String> sign(
            String method, URI uri, Map<String, String> headers, byte[] body, Credentials credentials, Instant now) {
        Map<String, String> added = new LinkedHashMap<>();
        if (credentials.securityToken() != null) {
            added.put("X-Security-Token", credentials.securityToken());
        }
        if (credentials.projectId() != null && !containsIgnoreCase(headers, "X-Project-Id")) {
            added.put("X-Project-Id", credentials.projectId());
        }
        String date = DATE.format(now);
        added.put(DATE_HEADER, date);

        TreeMap<String, String> signed = new TreeMap<>();
        signed.put("host", host(uri));
        headers.forEach((name, value) -> addSigned(signed, name, value));
        added.forEach((name, value) -> addSigned(signed, name, value));
        String signedNames = String.join(";", signed.keySet());

        StringBuilder canonical = new StringBuilder(256)
                .append(method)
                .append('\n')
                .append(canonicalUri(uri.getRawPath()))
                .append('\n')
                .append(canonicalQuery(uri.getRawQuery()))
                .append('\n');
        signed.forEach((name, value) ->
                canonical.append(name).append(':').append(value).append('\n'));
        canonical.append('\n').append(signedNames).append('\n').append(payloadHash(signed, body));

        String stringToSign = ALGORITHM + "\n" + date + "\n" + hex(sha256(canonical.toString()));
        added.put(
                "Authorization",
                ALGORITHM + " Access=" + credentials.accessKey() + ", SignedHeaders=" + signedNames + ", Signature="
                        + hex(hmacSha256(credentials.secretKey(), stringToSign)));
        return added;
    }

    /** What {@code java.net.http} sends as {@code Host}: the port only when it is not the scheme's default. */
    static String host(URI uri) {
        int port = uri.getPort();
        boolean defaultPort = port == -1 || port == ("https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80);
        return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
    }

    private static void addSigned(Map<String, String> signed, String name, String value) {
        if (name.equalsIgnoreCase("Content-Type") || name.indexOf('_') >= 0) {
            return; // the gateway does not sign the one, proxies drop the other
        }
        signed.put(name.toLowerCase(Locale.ROOT), trimOws(value));
    }

    /** Without leading and trailing spaces and tabs: HTTP drops them on the wire, so the gateway never sees them. */
    static String trimOws(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && (value.charAt(start) == ' ' || value.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == '\t')) {
            end--;
        }
        return value.substring(start, end);
    }

    private static boolean containsIgnoreCase(Map<String, String> headers, String name) {
        for (String key : headers.keySet()) {
            if (key.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private static String payloadHash(Map<String, String> signed, byte[] body) {
        String declared = signed.get(CONTENT_SHA256_HEADER.toLowerCase(Locale.ROOT));
        if (declared != null) {
            return declared;
        }
        return hex(sha256(body == null ? new byte[0] : body));
    }

    /**
     * Each segment decoded and encoded again, then followed by {@code /}. Segments are split the way
     * {@code String.split} does, so trailing empty segments vanish: {@code /a/}, {@code /a//} and {@code /a} all
     * become {@code /a/}. The root stays {@code /}.
     */
    static String canonicalUri(String rawPath) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.equals("/")) {
            return "/";
        }
        StringBuilder out = new StringBuilder(rawPath.length() + 8);
        for (String segment : rawPath.split("/")) {
            out.append(encode(decode(segment))).append('/');
        }
        return out.toString();
    }

    /** {@code a=1&b=2&b=1&c=}: names sorted, the values of one name in the order sent, each encoded once. */
    static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        TreeMap<String, List<String>> sorted = new TreeMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            sorted.computeIfAbsent(encode(decode(name)), k -> new ArrayList<>()).add(encode(decode(value)));
        }
        StringBuilder out = new StringBuilder(rawQuery.length() + 8);
        sorted.forEach((name, values) -> {
            for (String value : values) {
                out.append(out.length() == 0 ? "" : "&")
                        .append(name)
                        .append('=')
                        .append(value);
            }
        });
        return out.toString();
    }

    /** RFC 3986: everything but {@code A-Z a-z 0-9 - . _ ~} as {@code %XX} of its UTF-8 bytes. */
    static String encode(String text) {
        StringBuilder out = null;
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean unreserved = (b >= 'A' && b <= 'Z')
                    || (b >= 'a' && b <= 'z')
                    || (b >= '0' && b <= '9')
                    || b == '-'
                    || b == '.'
                    || b == '_'
                    || b == '~';
            if (out == null) {
                if (unreserved) {
                    continue;
                }
                out = new StringBuilder(bytes.length * 3).append(text, 0, i); // all before i is ASCII
            }
            if (unreserved) {
                out.append((char) b);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out == null ? text : out.toString();
    }

    /** {@code %XX} sequences as UTF-8 bytes; a {@code %} not followed by two hex digits stays itself; {@code +} too. */
    static String decode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int high = c == '%' && i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
            int low = high < 0 ? -1 : Character.digit(text.charAt(i + 2), 16);
            if (low >= 0) {
                bytes.write(high << 4 | low);
                i += 2;
            } else {
                int end = i + Character.charCount(text.codePointAt(i)); // a surrogate pair stays whole
                bytes.writeBytes(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    static byte[] sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    static byte[] hmacSha256(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA256", e);
        }
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }
}
