package dev.ccigen.testserver;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The bodies of refusals, in the shape of whoever sends them: the API server's {@code Status}, the API gateway's, IAM's. */
final class Replies {
    private Replies() {}

    static Answer iamError(int code, String title, String message) {
        ObjectNode answer = ObjectStore.JSON.createObjectNode();
        answer.putObject("error").put("code", code).put("title", title).put("message", message);
        return Answer.json(code, ObjectStore.encode(answer));
    }

    static String defaultMessage(int status) {
        return switch (status) {
            case 401 -> "Incorrect IAM authentication information: the token is invalid or has expired";
            case 429 -> "The throttling threshold has been reached.";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Temporarily Unavailable";
            case 504 -> "Gateway Time-out";
            default -> "injected fault: " + reason(status);
        };
    }

    static String reason(int status) {
        return switch (status) {
            case 400 -> "BadRequest";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "NotFound";
            case 405 -> "MethodNotAllowed";
            case 409 -> "Conflict";
            case 410 -> "Expired";
            case 415 -> "UnsupportedMediaType";
            case 422 -> "Invalid";
            case 429 -> "TooManyRequests";
            case 500 -> "InternalError";
            case 503 -> "ServiceUnavailable";
            case 504 -> "Timeout";
            default -> "Unknown";
        };
    }

    /** A {@code Status} as apimachinery writes it ({@code details} with name, group and kind when known). */
    static Answer status(StatusError e, String errorCode) {
        ObjectNode status =
                ObjectStore.JSON.createObjectNode().put("kind", "Status").put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure").put("message", e.getMessage()).put("reason", e.reason());
        if (e.type() != null || e.name() != null || !e.causes().isEmpty()) {
            ObjectNode details = status.putObject("details");
            if (e.name() != null && !e.name().isEmpty()) {
                details.put("name", e.name());
            }
            if (e.type() != null && !e.type().group().isEmpty()) {
                details.put("group", e.type().group());
            }
            if (e.detailsKind() != null) {
                details.put("kind", e.detailsKind());
            }
            if (!e.causes().isEmpty()) {
                var causes = details.putArray("causes");
                for (StatusError.Cause c : e.causes()) {
                    ObjectNode cause =
                            causes.addObject().put("reason", c.reason()).put("message", c.message());
                    if (c.field() != null) {
                        cause.put("field", c.field());
                    }
                }
            }
        }
        status.put("code", e.code());
        if (errorCode != null) {
            status.put("errorCode", errorCode);
        }
        return Answer.json(e.code(), ObjectStore.encode(status));
    }

    static Answer gatewayError(int code, String errorCode, String message, String requestId) {
        ObjectNode body = ObjectStore.JSON
                .createObjectNode()
                .put("error_code", errorCode)
                .put("error_msg", message)
                .put("request_id", requestId);
        return Answer.json(code, ObjectStore.encode(body));
    }
}
