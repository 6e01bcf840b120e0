package dev.ccigen.testserver;

import java.util.List;

/**
 * A request the server refuses, as Kubernetes refuses it: the HTTP status, the {@code Status} reason
 * ({@code AlreadyExists}, {@code NotFound}, {@code Conflict}, ...), the message the real API server writes, and the
 * {@code details} apimachinery sends with it: the object's {@code name}, the resource's {@code group} and
 * {@code kind} (the resource's plural, or for {@code Invalid} the kind, as apimachinery writes them) and the
 * {@code causes}.
 */
public final class StatusError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int code;
    private final String reason;
    private final transient ResourceType type;
    private final String name;
    private final String detailsKind;
    private final transient List<Cause> causes;

    /** One of {@code details.causes}: a machine-readable reason, a message, and the field it is about. */
    public record Cause(String reason, String message, String field) {}

    /**
     * @param type the resource the request was about (for the API's error code and {@code details}), or null
     */
    public StatusError(int code, String reason, String message, ResourceType type) {
        this(code, reason, message, type, null, type == null ? null : type.plural(), List.of());
    }

    /**
     * @param name        the object's name for {@code details.name}, or null
     * @param detailsKind {@code details.kind}: the resource's plural, or the kind for {@code Invalid}; null for none
     * @param causes      {@code details.causes}
     */
    public StatusError(
            int code,
            String reason,
            String message,
            ResourceType type,
            String name,
            String detailsKind,
            List<Cause> causes) {
        super(message, null, false, false);
        this.code = code;
        this.reason = reason;
        this.type = type;
        this.name = name;
        this.detailsKind = detailsKind;
        this.causes = List.copyOf(causes);
    }

    /** The HTTP status, e.g. 409. */
    public int code() {
        return code;
    }

    /** The {@code Status} reason, e.g. {@code AlreadyExists}. */
    public String reason() {
        return reason;
    }

    /** The resource the request was about, or null. */
    public ResourceType type() {
        return type;
    }

    /** {@code details.name}: the object the request was about, or null. */
    public String name() {
        return name;
    }

    /** {@code details.kind}, or null. */
    public String detailsKind() {
        return detailsKind;
    }

    /** {@code details.causes}. */
    public List<Cause> causes() {
        return causes;
    }

    static StatusError notFound(ResourceType type, String name) {
        return withName(404, "NotFound", type.qualifiedName() + " \"" + name + "\" not found", type, name);
    }

    static StatusError alreadyExists(ResourceType type, String name) {
        return withName(409, "AlreadyExists", type.qualifiedName() + " \"" + name + "\" already exists", type, name);
    }

    static StatusError conflict(ResourceType type, String name) {
        return conflict(
                type,
                name,
                "the object has been modified; please apply your changes to the latest version and try again",
                List.of());
    }

    static StatusError conflict(ResourceType type, String name, String why, List<Cause> causes) {
        return new StatusError(
                409,
                "Conflict",
                "Operation cannot be fulfilled on " + type.qualifiedName() + " \"" + name + "\": " + why,
                type,
                name,
                type.plural(),
                causes);
    }

    static StatusError badRequest(String message) {
        return new StatusError(400, "BadRequest", message, null);
    }

    /** 422: {@code <Kind>[.<group>] "<name>" is invalid: <field>: <message>}, with that field as the cause. */
    static StatusError invalid(ResourceType type, String name, String field, String causeReason, String message) {
        String kind = type.group().isEmpty() ? type.kind() : type.kind() + "." + type.group();
        return new StatusError(
                422,
                "Invalid",
                kind + " \"" + name + "\" is invalid: " + field + ": " + message,
                type,
                name,
                type.kind(),
                List.of(new Cause(causeReason, message, field)));
    }

    /** 405, as apimachinery's MethodNotSupported words it, with what the listings grant. */
    static StatusError methodNotAllowed(ResourceType type, String action, String granted) {
        return new StatusError(
                405,
                "MethodNotAllowed",
                action + " is not supported on resources of kind \"" + type.qualifiedName() + "\" (" + granted + ")",
                type,
                null,
                type.plural(),
                List.of());
    }

    private static StatusError withName(int code, String reason, String message, ResourceType type, String name) {
        return new StatusError(code, reason, message, type, name, type.plural(), List.of());
    }
}
