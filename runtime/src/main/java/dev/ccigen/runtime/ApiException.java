package dev.ccigen.runtime;

import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A call that did not succeed. {@link #from} picks the subclass by HTTP status, so callers can catch
 * {@link NotFoundException}, {@link ConflictException} and so on; every subclass has the same accessors.
 *
 * <p>Two special cases: {@link TransportException} (status code 0: the connection failed or timed out,
 * there is no response) and {@link ResponseDecodingException} (a 2xx whose body did not decode).
 *
 * <p>{@link #getMessage()} is one line: {@code HTTP 409 Conflict: [CCI.02.409101] namespace name already
 * exists (request id 1a2b...)}. It never contains request headers, so never a token, and stays short
 * whatever the server sends. Credential-carrying response headers ({@code X-Subject-Token}, ...) are kept
 * in {@link #headers()} as {@code ***}.
 */
public class ApiException extends RuntimeException {

    /** At most this many bytes of an error body are read from the wire and kept. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    /** In {@link #getMessage()}, the server's message is cut to this many characters, a code or request id to 100. */
    static final int MAX_MESSAGE_CHARS = 1000;

    private static final int MAX_ID_CHARS = 100;

    /** Response headers that carry credentials: kept in {@link #headers()} only as {@code ***}. */
    private static final List<String> SECRET_HEADERS =
            List.of("X-Subject-Token", "X-Auth-Token", "Authorization", "Proxy-Authorization", "Set-Cookie");

    private static final long serialVersionUID = 1L;

    private final String method;
    private final URI uri;
    private final int statusCode;
    private final Map<String, List<String>> headers;
    private final String body;
    private final transient ErrorBody parsed;

    /**
     * @param headers response headers (any case; looked up case-insensitively)
     * @param body the response body as text, already capped at {@link #MAX_BODY_BYTES}; may be null
     */
    public ApiException(
            String method, URI uri, int statusCode, Map<String, List<String>> headers, String body, Throwable cause) {
        super(null, cause);
        this.method = method;
        this.uri = uri;
        this.statusCode = statusCode;
        this.headers = copyOf(headers);
        this.body = body == null ? "" : body;
        this.parsed = ErrorBody.parse(this.body);
    }

    /** The exception for a non-2xx response: {@link NotFoundException} for 404, and so on. */
    public static ApiException from(
            String method, URI uri, int statusCode, Map<String, List<String>> headers, String body) {
        return switch (statusCode) {
            case 400 -> new BadRequestException(method, uri, statusCode, headers, body);
            case 401 -> new UnauthorizedException(method, uri, statusCode, headers, body);
            case 403 -> new ForbiddenException(method, uri, statusCode, headers, body);
            case 404 -> new NotFoundException(method, uri, statusCode, headers, body);
            case 409 -> new ConflictException(method, uri, statusCode, headers, body);
            case 410 -> new GoneException(method, uri, statusCode, headers, body);
            case 422 -> new UnprocessableEntityException(method, uri, statusCode, headers, body);
            case 429 -> new TooManyRequestsException(method, uri, statusCode, headers, body);
            default ->
                statusCode >= 500 && statusCode <= 599
                        ? new ServerErrorException(method, uri, statusCode, headers, body)
                        : new ApiException(method, uri, statusCode, headers, body, null);
        };
    }

    /** The HTTP status; 0 for a {@link TransportException}. */
    public int statusCode() {
        return statusCode;
    }

    /** Response headers; keys compare case-insensitively. Empty for a {@link TransportException}. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The first value of a response header, whatever the case of its name; null when absent. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** {@code X-Request-Id} from the response headers, else the error body's {@code request_id}; null if neither. */
    public String requestId() {
        String fromHeader = header("X-Request-Id");
        return fromHeader != null && !fromHeader.isBlank() ? fromHeader : parsed.requestId;
    }

    /** The raw body text, at most {@link #MAX_BODY_BYTES} of it; empty when there was none. */
    public String body() {
        return body;
    }

    /** {@code CCI.02.409101}, {@code APIGW.0301}, ...; null when the body has none. */
    public String errorCode() {
        return parsed.errorCode;
    }

    /** The server's message, or a short one-line excerpt of a body that is not JSON; null for an empty body. */
    public String errorMessage() {
        return parsed.errorMessage;
    }

    /** The Kubernetes {@code Status} when the body is one. */
    public Optional<Status> status() {
        return parsed.status();
    }

    /** The request's HTTP method. */
    public String method() {
        return method;
    }

    /** The request's URI. */
    public URI uri() {
        return uri;
    }

    @Override
    public String getMessage() {
        StringBuilder line = new StringBuilder("HTTP ").append(statusCode);
        String reason = reasonPhrase(statusCode);
        if (!reason.isEmpty()) {
            line.append(' ').append(reason);
        }
        String code = errorCode();
        String message = errorMessage();
        if (code != null || message != null) {
            line.append(':');
            if (code != null) {
                line.append(" [").append(ErrorBody.excerpt(code, MAX_ID_CHARS)).append(']');
            }
            if (message != null) {
                line.append(' ').append(ErrorBody.excerpt(message, MAX_MESSAGE_CHARS));
            }
        }
        String requestId = requestId();
        if (requestId != null) {
            line.append(" (request id ")
                    .append(ErrorBody.excerpt(requestId, MAX_ID_CHARS))
                    .append(')');
        }
        return line.toString();
    }

    /** The standard reason phrase; HTTP/2 responses carry none, so it is not taken from the wire. */
    static String reasonPhrase(int statusCode) {
        return switch (statusCode) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 303 -> "See Other";
            case 304 -> "Not Modified";
            case 307 -> "Temporary Redirect";
            case 308 -> "Permanent Redirect";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 413 -> "Payload Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Entity";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "";
        };
    }

    private static Map<String, List<String>> copyOf(Map<String, List<String>> headers) {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((name, values) -> {
                if (name != null && values != null) {
                    boolean secret = SECRET_HEADERS.stream().anyMatch(name::equalsIgnoreCase);
                    copy.put(name, secret ? List.of(HttpBodies.REDACTED) : List.copyOf(values));
                }
            });
        }
        return Collections.unmodifiableMap(copy);
    }
}
