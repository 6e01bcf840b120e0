package dev.ccigen.testserver;

import java.time.Duration;

/**
 * A fault to inject: which requests it hits (a resource's plural such as {@code pods}, {@code iam} for the token
 * endpoint, or {@code *} for every request), how many times, and what they get instead of the answer: a status with
 * a body in the shape of whoever would send it, after an optional delay (a delay alone slows the real answer).
 *
 * <p>Bodies by default: 401 and 429 in the API gateway's shape ({@code APIGW.0301}, {@code APIGW.0308}, 429 with
 * {@code Retry-After}), 502, 503 and 504 as a proxy's HTML page, any other status as a Kubernetes {@code Status}.
 * Change them with {@link #asGatewayError}, {@link #asHtml} and {@link #asStatus}.
 */
public final class Fault {
    /** What the body looks like. */
    public enum Shape {
        STATUS,
        GATEWAY,
        HTML
    }

    private final String target;
    private final int status;
    private String verb;
    private int remaining;
    private Duration delay = Duration.ZERO;
    private Integer retryAfterSeconds;
    private Shape shape;
    private String errorCode;
    private String message;

    Fault(String target, int status, int times) {
        this.target = target;
        this.status = status;
        this.remaining = times;
        this.shape = status == 401 || status == 429
                ? Shape.GATEWAY
                : status == 502 || status == 503 || status == 504 ? Shape.HTML : Shape.STATUS;
        this.retryAfterSeconds = status == 429 || status == 503 ? 1 : null;
    }

    /** Hits the next {@code n} matching requests instead of one. */
    public Fault times(int n) {
        synchronized (this) {
            remaining = n;
        }
        return this;
    }

    /** Hits only requests of {@code verb}: {@code get list watch create update patch delete deletecollection}. */
    public Fault onlyFor(String verb) {
        this.verb = verb;
        return this;
    }

    /** Answers with a {@code Retry-After} of {@code seconds} (default 1 for 429 and 503, none otherwise). */
    public Fault retryAfter(int seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    /** Waits {@code delay} before answering. */
    public Fault delay(Duration delay) {
        this.delay = delay;
        return this;
    }

    /** The API gateway's body: {@code {"error_code": code, "error_msg": message, "request_id": ...}}. */
    public Fault asGatewayError(String code, String message) {
        this.shape = Shape.GATEWAY;
        this.errorCode = code;
        this.message = message;
        return this;
    }

    /** A proxy's HTML page, e.g. {@code <h1>502 Bad Gateway</h1>}. */
    public Fault asHtml() {
        this.shape = Shape.HTML;
        return this;
    }

    /** A Kubernetes {@code Status} with {@code message} and, when not null, the API's {@code errorCode}. */
    public Fault asStatus(String errorCode, String message) {
        this.shape = Shape.STATUS;
        this.errorCode = errorCode;
        this.message = message;
        return this;
    }

    /** Whether this fault hits a request of {@code verb} on {@code resource} now; counts the hit. */
    synchronized boolean takes(String resource, String verb) {
        boolean matches =
                (target.equals("*") || target.equals(resource)) && (this.verb == null || this.verb.equals(verb));
        if (!matches || remaining == 0) {
            return false;
        }
        if (remaining > 0) {
            remaining--;
        }
        return true;
    }

    synchronized boolean used() {
        return remaining == 0;
    }

    /** The status to answer; 0 for a delay alone. */
    public int status() {
        return status;
    }

    Duration delay() {
        return delay;
    }

    Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    Shape shape() {
        return shape;
    }

    String errorCode() {
        return errorCode;
    }

    String message() {
        return message;
    }
}
