package dev.ccigen.testserver;

/**
 * A request the store refuses, as Kubernetes refuses it: the HTTP status, the {@code Status} reason
 * ({@code AlreadyExists}, {@code NotFound}, {@code Conflict}, ...) and the message the real API server writes.
 */
public final class StatusError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int code;
    private final String reason;
    private final transient ResourceType type;

    /**
     * @param type the resource the request was about (for the API's error code), or null
     */
    public StatusError(int code, String reason, String message, ResourceType type) {
        super(message, null, false, false);
        this.code = code;
        this.reason = reason;
        this.type = type;
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

    static StatusError notFound(ResourceType type, String name) {
        return new StatusError(404, "NotFound", type.qualifiedName() + " \"" + name + "\" not found", type);
    }

    static StatusError alreadyExists(ResourceType type, String name) {
        return new StatusError(409, "AlreadyExists", type.qualifiedName() + " \"" + name + "\" already exists", type);
    }

    static StatusError conflict(ResourceType type, String name) {
        return new StatusError(
                409,
                "Conflict",
                "Operation cannot be fulfilled on " + type.qualifiedName() + " \"" + name
                        + "\": the object has been modified; please apply your changes to the latest version and try again",
                type);
    }

    static StatusError badRequest(String message) {
        return new StatusError(400, "BadRequest", message, null);
    }

    static StatusError invalid(ResourceType type, String name, String message) {
        return new StatusError(422, "Invalid", type.kind() + " \"" + name + "\" is invalid: " + message, type);
    }
}
