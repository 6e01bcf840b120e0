package dev.ccigen.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.huaweicloud.sdk.core.auth.AKSKSigner;
import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.http.HttpMethod;
import com.huaweicloud.sdk.core.http.HttpRequest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Builders;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * {@link AkSkSigner} against Huawei Cloud's own signer (huaweicloud-sdk-core, test scope only): thousands of
 * generated requests signed by both at the same instant must carry the same {@code Authorization}.
 *
 * <p>Each request is described once, logically (raw path segments, raw query values), and handed to each signer
 * the way its users build it: to ours as {@link Transport} sends it (segments encoded with
 * {@link Request#pathSegment}, the query with {@link Request#queryString}), to the SDK's as its generated clients
 * do (raw values it encodes itself). Four SDK quirks are kept out of the comparison, each where what the SDK signs
 * is not what goes on the wire (AkSkSignerTest pins down what ours signs instead): java.net.URL trims a path ending
 * in a space from the SDK's URL; it signs header values untrimmed while HTTP trims them on the wire (so it gets the
 * trimmed value); it signs {@code host:443} for an explicit default port while the JDK sends {@code host} (so
 * endpoints here have no explicit default port); and it signs a query name that needs encoding twice, raw and
 * encoded (so names here are made of unreserved characters).
 */
class AkSkSignerOracleTest {

    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    private static final List<String> ENDPOINTS = List.of(
            "https://cci.cn-north-4.myhuaweicloud.com",
            "http://127.0.0.1:8080",
            "https://gateway.example.com:8443/proxy/cci",
            "http://[::1]:9000");
    private static final List<String> HEADER_NAMES = List.of(
            "User-Agent",
            "Accept",
            "X-Request-Id",
            "x-lower-case",
            "X-Project-Id",
            "Content-Type",
            "X_Under_Score",
            "Accept-Language",
            "If-Match",
            "X-Sdk-Content-Sha256");

    /** One request, described independently of either signer. */
    record Case(
            String method,
            String endpoint,
            List<String> segments,
            boolean trailingSlash,
            List<Map.Entry<String, String>> query,
            Map<String, String> headers,
            Object body,
            String accessKey,
            String secretKey,
            String securityToken,
            Instant now) {}

    @Property(tries = 3000)
    void signsAsTheOfficialSignerDoes(@ForAll("cases") Case c) throws Exception {
        // java.net.URL trims the end of the SDK's URL: a path ending in a space, with no query after it, is not sent
        // as such by the SDK at all ("/a " becomes "/a"), while ours sends and signs "/a%20"
        Assume.that(!c.query.isEmpty() || !sdkPath(c).matches("(?s).*[\\x00-\\x20]"));
        Credentials credentials = Credentials.of(c.accessKey, c.secretKey).withSecurityToken(c.securityToken);
        Map<String, String> ours = AkSkSigner.sign(c.method, ourUri(c), c.headers, ourBody(c), credentials, c.now);

        HttpRequest.HttpRequestBuilder sdk = HttpRequest.newBuilder()
                .withEndpoint(c.endpoint)
                .withPath(sdkPath(c))
                .withMethod(HttpMethod.valueOf(c.method));
        c.headers.forEach((name, value) -> sdk.addHeader(name, AkSkSigner.trimOws(value)));
        ours.forEach((name, value) -> { // X-Sdk-Date (the same instant), X-Security-Token: as the SDK adds them
            if (!name.equals("Authorization")) {
                sdk.addHeader(name, value);
            }
        });
        Map<String, List<String>> grouped = new LinkedHashMap<>();
        c.query.forEach(
                p -> grouped.computeIfAbsent(p.getKey(), k -> new ArrayList<>()).add(p.getValue()));
        grouped.forEach(sdk::addQueryParam);
        if (c.body instanceof String text) {
            sdk.withBodyAsString(text);
        } else if (c.body instanceof byte[] bytes) {
            sdk.withBody(new ByteArrayInputStream(bytes));
        }
        BasicCredentials sdkCredentials =
                new BasicCredentials().withAk(c.accessKey).withSk(c.secretKey);
        Map<String, String> theirs = AKSKSigner.getInstance().sign(sdk.build(), sdkCredentials);

        assertEquals(theirs.get("Authorization"), ours.get("Authorization"), () -> "for " + c);
    }

    private static URI ourUri(Case c) {
        StringBuilder path = new StringBuilder();
        for (String segment : c.segments) {
            path.append('/').append(segment.isEmpty() ? "" : Request.pathSegment(segment));
        }
        if (c.trailingSlash || path.length() == 0) {
            path.append('/');
        }
        Request.Builder request = Request.builder(c.method, path.toString());
        c.query.forEach(p -> request.query(p.getKey(), p.getValue()));
        String query = Request.queryString(request.build().query());
        return URI.create(c.endpoint + path + (query.isEmpty() ? "" : "?" + query));
    }

    private static String sdkPath(Case c) {
        String path = "/" + String.join("/", c.segments);
        return c.trailingSlash && !c.segments.isEmpty() ? path + "/" : path;
    }

    private static byte[] ourBody(Case c) {
        if (c.body instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        return (byte[]) c.body;
    }

    @Provide
    Arbitrary<Case> cases() {
        return Builders.withBuilder(() -> new Object[11])
                .use(Arbitraries.of(METHODS))
                .in((a, v) -> set(a, 0, v))
                .use(Arbitraries.of(ENDPOINTS))
                .in((a, v) -> set(a, 1, v))
                .use(segment().list().ofMaxSize(5))
                .in((a, v) -> set(a, 2, v))
                .use(Arbitraries.of(true, false))
                .in((a, v) -> set(a, 3, v))
                .use(queryParameter().list().ofMaxSize(6))
                .in((a, v) -> set(a, 4, v))
                .use(headers())
                .in((a, v) -> set(a, 5, v))
                .use(body())
                .in((a, v) -> set(a, 6, v))
                .use(Arbitraries.strings()
                        .withCharRange('A', 'Z')
                        .numeric()
                        .ofMinLength(1)
                        .ofMaxLength(40))
                .in((a, v) -> set(a, 7, v))
                .use(Arbitraries.strings()
                        .alpha()
                        .numeric()
                        .withChars("+/=")
                        .ofMinLength(1)
                        .ofMaxLength(60))
                .in((a, v) -> set(a, 8, v))
                .use(Arbitraries.strings().alpha().numeric().ofMaxLength(80).injectNull(0.5))
                .in((a, v) -> set(a, 9, v))
                .use(Arbitraries.longs().between(946684800L, 4102444800L))
                .in((a, v) -> set(a, 10, v))
                .build(a -> new Case(
                        (String) a[0],
                        (String) a[1],
                        cast(a[2]),
                        (Boolean) a[3],
                        cast(a[4]),
                        cast(a[5]),
                        a[6],
                        (String) a[7],
                        (String) a[8],
                        emptyToNull((String) a[9]),
                        Instant.ofEpochSecond((Long) a[10])));
    }

    private static Object[] set(Object[] all, int i, Object value) {
        all[i] = value;
        return all;
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    /** Path segments: plain names, percent signs, non-ASCII, spaces, sub-delimiters; now and then an empty one. */
    private static Arbitrary<String> segment() {
        Arbitrary<String> odd = Arbitraries.strings()
                .withChars("abcXYZ019-._~ %+*:@!$&'()=;,üé中文\u00a0")
                .withCharRange('\u4e00', '\u4e10')
                .ofMinLength(1)
                .ofMaxLength(12);
        Arbitrary<String> surrogates = Arbitraries.of("\uD83D\uDE00", "a\uD83C\uDF89b");
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("api", "v1", "namespaces", "ns-1", "pods", "web-0", "status", "..", ".")),
                Tuple.of(6, odd),
                Tuple.of(1, surrogates),
                Tuple.of(1, Arbitraries.just("")));
    }

    /** Repeated names, empty values, values to encode. */
    private static Arbitrary<Map.Entry<String, String>> queryParameter() {
        Arbitrary<String> names = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("labelSelector", "limit", "watch", "continue", "a", "B", "_x", "x.y~z")),
                Tuple.of(
                        1,
                        Arbitraries.strings()
                                .withCharRange('a', 'z')
                                .withChars("-._~")
                                .numeric()
                                .ofMinLength(1)
                                .ofMaxLength(8)));
        Arbitrary<String> values = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just("")),
                Tuple.of(
                        4,
                        Arbitraries.strings()
                                .withChars("abc=&?/+ %*~!,;:#中ü")
                                .numeric()
                                .ofMaxLength(16)));
        return Builders.withBuilder(() -> new String[2])
                .use(names)
                .in((p, v) -> {
                    p[0] = v;
                    return p;
                })
                .use(values)
                .in((p, v) -> {
                    p[1] = v;
                    return p;
                })
                .build(p -> Map.entry(p[0], p[1]));
    }

    /** Names unique whatever their case; values with spaces and tabs inside and around. */
    private static Arbitrary<Map<String, String>> headers() {
        Arbitrary<String> values = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.of("UNSIGNED-PAYLOAD", "application/json", "")),
                Tuple.of(
                        4,
                        Arbitraries.strings()
                                .withCharRange(' ', '~')
                                .withChars('\t')
                                .ofMaxLength(24)));
        return Arbitraries.maps(Arbitraries.of(HEADER_NAMES), values)
                .ofMaxSize(6)
                .map(map -> {
                    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                    headers.putAll(map);
                    return headers;
                });
    }

    /** None, text (non-ASCII too) or bytes. */
    private static Arbitrary<Object> body() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just((Object) null)),
                Tuple.of(2, Arbitraries.strings().all().ofMaxLength(200).map(s -> (Object) s)),
                Tuple.of(
                        2,
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(300).map(b -> (Object) b)));
    }
}
