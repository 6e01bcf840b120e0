package dev.ccigen.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an error body says, whichever of the shapes met in front of CCI it has:
 * <ul>
 *   <li>CCI: a Kubernetes {@code Status} with an extra {@code errorCode};</li>
 *   <li>the API gateway: {@code {"error_code", "error_msg", "request_id"}}, or camelCase
 *       {@code errorCode}/{@code errorMessage}, or a plain {@code {"code", "message"}};</li>
 *   <li>IAM: {@code {"error": {"code", "message", "title"}}};</li>
 *   <li>an HTML page from a proxy or a login form: its title ({@code an HTML page titled "502 Bad Gateway"});</li>
 *   <li>anything else (plain text, truncated JSON, nothing).</li>
 * </ul>
 * Parsing never throws: what cannot be understood becomes a short excerpt.
 */
final class ErrorBody {

    private static final int EXCERPT_CHARS = 200;

    final String errorCode;
    final String errorMessage;
    final String requestId;
    final Status status;

    private ErrorBody(String errorCode, String errorMessage, String requestId, Status status) {
        this.errorCode = errorCode;
        this.errorMessage = errorMessage;
        this.requestId = requestId;
        this.status = status;
    }

    static ErrorBody parse(String body) {
        if (body == null || body.isBlank()) {
            return new ErrorBody(null, null, null, null);
        }
        JsonNode root = readTree(body);
        if (root == null && isHtml(body)) {
            return new ErrorBody(null, html(body), null, null);
        }
        if (root == null || !root.isObject()) {
            return new ErrorBody(null, excerpt(body), null, null);
        }
        String requestId = firstText(root, "request_id", "requestId", "request-id");
        if (isStatus(root)) {
            return new ErrorBody(
                    text(root.get("errorCode")), oneLine(text(root.get("message"))), requestId, toStatus(root));
        }
        JsonNode iam = root.get("error");
        if (iam != null && iam.isObject()) {
            String message = firstText(iam, "message", "title");
            return new ErrorBody(codeText(iam.get("code")), oneLine(message), requestId, null);
        }
        String code = codeText(firstNonNull(root, "error_code", "errorCode", "code"));
        String message = firstText(root, "error_msg", "errorMessage", "message", "error_description");
        if (code == null && message == null) {
            return new ErrorBody(null, excerpt(body), requestId, null);
        }
        return new ErrorBody(code, oneLine(message), requestId, null);
    }

    Optional<Status> status() {
        return Optional.ofNullable(status);
    }

    /** Whitespace collapsed to single spaces and cut to about 200 characters, so a message stays on one line. */
    static String excerpt(String text) {
        return excerpt(text, EXCERPT_CHARS);
    }

    /** Like {@link #excerpt(String)} with another length; a cut never splits a surrogate pair. */
    static String excerpt(String text, int maxChars) {
        String line = oneLine(text);
        if (line == null || line.length() <= maxChars) {
            return line;
        }
        int end = Character.isHighSurrogate(line.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
        return line.substring(0, end) + "\u2026";
    }

    /** Whether {@code body} is an HTML page (a proxy's or a login page), not text or JSON. */
    static boolean isHtml(String body) {
        String start = body.stripLeading();
        if (!start.startsWith("<")) {
            return false;
        }
        String head = start.substring(0, Math.min(start.length(), 1024)).toLowerCase(Locale.ROOT);
        return head.startsWith("<!doctype html")
                || head.contains("<html")
                || head.contains("<head")
                || head.contains("<title")
                || head.contains("<body");
    }

    /**
     * An HTML page in a few words: {@code an HTML page titled "502 Bad Gateway"}, or without a title, its text
     * (tags, scripts and styles left out) cut to about 200 characters.
     */
    static String html(String page) {
        Matcher title = TITLE.matcher(page);
        if (title.find()) {
            String text = oneLine(entities(title.group(1).replaceAll("<[^>]*>", " ")));
            if (!text.isEmpty()) {
                return "an HTML page titled \"" + excerpt(text, EXCERPT_CHARS) + "\"";
            }
        }
        String text = oneLine(entities(page.replaceAll("(?is)<(script|style)\\b.*?</\\1\\s*>", " ")
                .replaceAll("(?s)<!--.*?-->", " ")
                .replaceAll("<[^>]*>", " ")));
        return text.isEmpty() ? "an HTML page" : "an HTML page: " + excerpt(text, EXCERPT_CHARS);
    }

    private static final Pattern TITLE = Pattern.compile("(?is)<title[^>]*>(.*?)</title\\s*>");

    private static String entities(String text) {
        return text.replace("&nbsp;", " ")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    static String oneLine(String text) {
        return text == null ? null : text.replaceAll("\\s+", " ").trim();
    }

    private static JsonNode readTree(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (Exception e) {
            return null;
        }
    }

    private static boolean isStatus(JsonNode root) {
        return "Status".equals(text(root.get("kind")))
                || (root.has("status") && root.has("reason") && root.has("message"));
    }

    private static Status toStatus(JsonNode root) {
        try {
            return Json.mapper().treeToValue(root, Status.class);
        } catch (Exception e) {
            return null; // a Status with mistyped fields: the message and error code above are still good
        }
    }

    /** A code when it is text ({@code APIGW.0301}); a number there (IAM's {@code "code": 401}) only repeats the HTTP status. */
    private static String codeText(JsonNode node) {
        if (node == null || node.isNull() || node.isContainerNode()) {
            return null;
        }
        return node.isTextual() ? emptyToNull(node.asText()) : null;
    }

    private static JsonNode firstNonNull(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode value = node.get(name);
            if (value != null && !value.isNull()) {
                return value;
            }
        }
        return null;
    }

    private static String firstText(JsonNode node, String... names) {
        for (String name : names) {
            String value = text(node.get(name));
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String text(JsonNode node) {
        return node != null && node.isValueNode() && !node.isNull() ? emptyToNull(node.asText()) : null;
    }

    private static String emptyToNull(String text) {
        return text.isEmpty() ? null : text;
    }
}
