package dev.ccigen.maven.fetch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccigen.generator.read.DiscoveryReader;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One response of the service, checked: the OpenAPI v2 document ({@value #DOCUMENT_PATH}), or an API-groups listing
 * of the kind its path serves ({@code /api}: APIVersions, {@code /apis}: APIGroupList, {@code /apis/<group>}:
 * APIGroup, {@code /api/<version>} and {@code /apis/<group>/<version>}: APIResourceList).
 *
 * @param path the request path, e.g. {@code /apis/apps/v1}
 * @param body the parsed response
 */
public record Listing(String path, JsonNode body) {
    /** Where Kubernetes-flavoured APIs serve their OpenAPI v2 document. */
    public static final String DOCUMENT_PATH = "/openapi/v2";

    /**
     * Parses and checks a response.
     *
     * @param where how to name the response in a message ({@code GET https://…/apis/apps/v1})
     * @throws FetchException when it is not JSON, or not what {@code path} serves
     */
    static Listing parse(String path, byte[] bytes, String where) throws FetchException {
        JsonNode body;
        try {
            body = CanonicalJson.JSON.readTree(bytes);
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            boolean html = new String(bytes, 0, Math.min(bytes.length, 64), java.nio.charset.StandardCharsets.UTF_8)
                    .stripLeading()
                    .startsWith("<");
            throw new FetchException(
                    where + " answered " + (body == null ? "something that is not JSON" : "JSON that is not an object")
                            + " (" + bytes.length + " bytes"
                            + (html ? ", an HTML page: a proxy or a login page rather than the API?" : "")
                            + ")");
        }
        Listing listing = new Listing(path, body);
        listing.check(where);
        return listing;
    }

    /** The file it is written to: {@code openapi-v2.json} aside, the request path with {@code __} for {@code /}. */
    public String fileName() {
        return fileName(path);
    }

    static String fileName(String path) {
        return path.substring(1).replace("/", "__") + ".json";
    }

    /** The kind {@code path} serves (the layout {@code generate} reads decides it from the file name). */
    public String expectedKind() {
        return DiscoveryReader.kindFromFileName(Path.of(fileName()));
    }

    public boolean isDocument() {
        return path.equals(DOCUMENT_PATH);
    }

    private void check(String where) throws FetchException {
        if (isDocument()) {
            if (!"2.0".equals(body.path("swagger").asText())
                    || !body.path("paths").isObject()) {
                throw new FetchException(where
                        + " answered JSON that is not an OpenAPI v2 document (no \"swagger\": \"2.0\""
                        + " with \"paths\""
                        + (body.has("kind") ? "; kind " + body.get("kind").asText() : "") + ")");
            }
            return;
        }
        String kind = body.path("kind").asText("");
        if (!kind.equals(expectedKind())) {
            throw new FetchException(where + " answered " + (kind.isEmpty() ? "JSON without a kind" : "a " + kind)
                    + " where an API-groups listing of kind " + expectedKind() + " was expected"
                    + (kind.equals("Status") ? ": " + body.path("message").asText("") : ""));
        }
        if (kind.equals("APIResourceList")) {
            String groupVersion = path.startsWith("/api/") ? path.substring(5) : path.substring(6);
            if (!groupVersion.equals(body.path("groupVersion").asText())) {
                throw new FetchException(where + " answered the APIResourceList of groupVersion \""
                        + body.path("groupVersion").asText() + "\", expected \"" + groupVersion + "\"");
            }
        }
    }
}
