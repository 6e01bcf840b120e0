package dev.ccigen.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One API call as {@link Transport} sends it: method, path (relative to the endpoint, already expanded
 * and encoded with {@link #pathSegment}), query, extra headers and an optional body. Immutable; the
 * body is serialised when the request is built.
 *
 * <pre>{@code
 * Request r = Request.builder("GET", "/api/v1/namespaces/" + Request.pathSegment(ns) + "/pods")
 *         .query("labelSelector", "app=web")
 *         .build();
 * }</pre>
 */
public final class Request {

    private final String method;
    private final String path;
    private final Map<String, List<String>> query;
    private final Map<String, String> headers;
    private final byte[] body;
    private final String contentType;
    private final Boolean retryable;
    private final java.time.Duration timeout;
    private final List<String> secrets;

    private Request(Builder b) {
        this.method = b.method;
        this.path = b.path;
        this.query = Collections.unmodifiableMap(new LinkedHashMap<>(b.query));
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
        this.body = b.body;
        this.contentType = b.contentType;
        this.retryable = b.retryable;
        this.timeout = b.timeout;
        this.secrets = List.copyOf(b.secrets);
    }

    /** @param path starts with {@code /}; its segments encoded with {@link #pathSegment} */
    public static Builder builder(String method, String path) {
        return new Builder(method, path);
    }

    /** The HTTP method. */
    public String method() {
        return method;
    }
    /** The path below the endpoint, with its parameters filled in. */
    public String path() {
        return path;
    }
    /** The query parameters, in the order added. */
    public Map<String, List<String>> query() {
        return query;
    }
    /** The headers of this request (the transport adds its own). */
    public Map<String, String> headers() {
        return headers;
    }
    /** The serialised body, or null. */
    public byte[] body() {
        return body == null ? null : body.clone();
    }

    byte[] bodyBytes() {
        return body;
    }
    /** The body's content type, or null without a body. */
    public String contentType() {
        return contentType;
    }

    /** Whether a failure may be retried: set explicitly, or else true for GET, HEAD, PUT, DELETE and OPTIONS. */
    public boolean retryable() {
        if (retryable != null) {
            return retryable;
        }
        return switch (method) {
            case "GET", "HEAD", "PUT", "DELETE", "OPTIONS" -> true;
            default -> false; // POST creates; PATCH may not be idempotent (JSON patch "add" to a list)
        };
    }

    /** This request's own timeout, or null for the client's. */
    public java.time.Duration timeout() {
        return timeout;
    }

    /** Text besides the credentials that never leaves in an exception or a log line (IAM's password, as sent). */
    List<String> secrets() {
        return secrets;
    }

    /** Percent-encodes one path segment: everything but RFC 3986 unreserved characters; {@code .} and {@code ..} too. */
    public static String pathSegment(String segment) {
        Objects.requireNonNull(segment, "path segment");
        if (segment.isEmpty()) {
            throw new IllegalArgumentException("empty path segment");
        }
        if (segment.equals(".") || segment.equals("..")) {
            return segment.replace(".", "%2E"); // would otherwise walk up the path
        }
        return encode(segment);
    }

    /** {@code a=1&b=x%20y&b=z}: list values repeat the key; null values are left out; "" when empty. */
    public static String queryString(Map<String, List<String>> query) {
        StringBuilder out = new StringBuilder();
        query.forEach((name, values) -> {
            for (String value : values) {
                if (value != null) {
                    out.append(out.length() == 0 ? "" : "&")
                            .append(encode(name))
                            .append('=')
                            .append(encode(value));
                }
            }
        });
        return out.toString();
    }

    /**
     * A list as one parameter value, its items separated as the document's {@code collectionFormat} says
     * ({@code csv} by default); null for null.
     */
    public static String joined(Iterable<?> values, String separator) {
        if (values == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        String between = "";
        for (Object v : values) {
            out.append(between).append(v);
            between = separator;
        }
        return out.toString();
    }

    static final String URLENCODED = "application/x-www-form-urlencoded";
    static final String MULTIPART = "multipart/form-data";

    /** One form field: a String, or the bytes of a file. */
    private record FormField(String name, Object value) {}

    private static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~') {
                out.append(c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        String q = queryString(query);
        return method + " " + path + (q.isEmpty() ? "" : "?" + q);
    }

    public static final class Builder {
        private final String method;
        private final String path;
        private final Map<String, List<String>> query = new LinkedHashMap<>();
        private final Map<String, String> headers = new LinkedHashMap<>();
        private byte[] body;
        private String contentType;
        private Boolean retryable;
        private java.time.Duration timeout;
        private final List<String> secrets = new ArrayList<>();
        private final List<FormField> form = new ArrayList<>();
        private String formEncoding = URLENCODED;

        private Builder(String method, String path) {
            this.method = Objects.requireNonNull(method, "method");
            this.path = Objects.requireNonNull(path, "path");
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("path must start with /: " + path);
            }
        }

        /** Adds a query parameter; a null value is ignored, so optional parameters need no if. */
        public Builder query(String name, Object value) {
            if (value instanceof Iterable<?> values) { // a list sent as one parameter per item
                values.forEach(v -> query(name, v));
            } else if (value != null) {
                query.computeIfAbsent(name, k -> new ArrayList<>()).add(String.valueOf(value));
            }
            return this;
        }

        /** Adds every parameter of {@code params} (list values repeat the key). */
        public Builder query(Map<String, List<String>> params) {
            if (params != null) {
                params.forEach((name, values) -> values.forEach(v -> query(name, v)));
            }
            return this;
        }

        /** A header for this request only (overrides a default header of the same name). */
        public Builder header(String name, String value) {
            if (value != null) {
                headers.put(name, value);
            }
            return this;
        }

        /** Adds every header of {@code extra}. */
        public Builder headers(Map<String, String> extra) {
            if (extra != null) {
                extra.forEach(this::header);
            }
            return this;
        }

        /** A body serialised with {@link Json#mapper()}, sent as {@code application/json}. */
        public Builder jsonBody(Object value) {
            return jsonBody(value, "application/json");
        }

        /**
         * The body as an operation consumes it: a {@code byte[]} or a {@code String} sent with a media type that is
         * not JSON (a file, {@code text/plain}) goes as it is; anything else as JSON.
         */
        public Builder body(Object value, String contentType) {
            boolean json = contentType.contains("json");
            if (!json && value instanceof byte[] bytes) {
                return rawBody(bytes, contentType);
            }
            if (!json && value instanceof String text) {
                return rawBody(text.getBytes(StandardCharsets.UTF_8), contentType);
            }
            return jsonBody(value, contentType);
        }

        /** A body serialised with {@link Json#mapper()} (null means no body), sent with {@code contentType}. */
        public Builder jsonBody(Object value, String contentType) {
            if (value == null) {
                this.body = null;
                this.contentType = null;
                return this;
            }
            try {
                return rawBody(Json.mapper().writeValueAsBytes(value), contentType);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(
                        "request body does not serialise as JSON: " + e.getOriginalMessage(), e);
            }
        }

        /**
         * A form field: text, a {@code byte[]} (sent as a file part) or a list (one field per item); null is left
         * out. The fields become the body when the request is built, encoded as {@link #formEncoding} says.
         */
        public Builder form(String name, Object value) {
            if (value instanceof Iterable<?> values) {
                values.forEach(v -> form(name, v));
            } else if (value != null) {
                form.add(new FormField(name, value instanceof byte[] bytes ? bytes.clone() : String.valueOf(value)));
            }
            return this;
        }

        /** {@code application/x-www-form-urlencoded} (the default) or {@code multipart/form-data}. */
        public Builder formEncoding(String encoding) {
            if (!encoding.equals(URLENCODED) && !encoding.equals(MULTIPART)) {
                throw new IllegalArgumentException("unknown form encoding " + encoding);
            }
            this.formEncoding = encoding;
            return this;
        }

        /** A body sent as these bytes, with this content type. */
        public Builder rawBody(byte[] bytes, String contentType) {
            this.body = bytes.clone();
            this.contentType = Objects.requireNonNull(contentType, "contentType");
            return this;
        }

        /** Overrides the method's default (see {@link Request#retryable()}), e.g. for a PATCH known to be idempotent. */
        public Builder retryable(boolean retryable) {
            this.retryable = retryable;
            return this;
        }

        /**
         * This request's timeout instead of the client's {@link ClientBuilder#requestTimeout}: of each attempt, until
         * its whole answer is in (a stream's: until its headers are).
         */
        public Builder timeout(java.time.Duration timeout) {
            if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
                throw new IllegalArgumentException("timeout must be positive: " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** Texts blanked out of whatever the server answers, besides the credentials the client sent. */
        Builder secrets(List<String> texts) {
            secrets.addAll(texts);
            return this;
        }

        /** The request. */
        public Request build() {
            if (!form.isEmpty()) {
                boolean multipart =
                        formEncoding.equals(MULTIPART) || form.stream().anyMatch(f -> f.value() instanceof byte[]);
                if (multipart) {
                    String boundary = "ccigen-" + java.util.UUID.randomUUID();
                    rawBody(multipart(form, boundary), MULTIPART + "; boundary=" + boundary);
                } else {
                    StringBuilder out = new StringBuilder();
                    for (FormField f : form) {
                        out.append(out.length() == 0 ? "" : "&")
                                .append(encode(f.name()))
                                .append('=')
                                .append(encode((String) f.value())); // each field adds at least "=": the test holds
                    }
                    rawBody(out.toString().getBytes(StandardCharsets.UTF_8), URLENCODED);
                }
            }
            return new Request(this);
        }

        private static byte[] multipart(List<FormField> fields, String boundary) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            for (FormField f : fields) {
                String name = f.name().replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
                StringBuilder head = new StringBuilder("--")
                        .append(boundary)
                        .append("\r\n")
                        .append("Content-Disposition: form-data; name=\"")
                        .append(name)
                        .append('"');
                byte[] content;
                if (f.value() instanceof byte[] bytes) {
                    head.append("; filename=\"").append(name).append("\"\r\nContent-Type: application/octet-stream");
                    content = bytes;
                } else {
                    head.append("\r\nContent-Type: text/plain; charset=UTF-8");
                    content = ((String) f.value()).getBytes(StandardCharsets.UTF_8);
                }
                out.writeBytes(head.append("\r\n\r\n").toString().getBytes(StandardCharsets.UTF_8));
                out.writeBytes(content);
                out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return out.toByteArray();
        }
    }
}
