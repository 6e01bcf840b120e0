package dev.ccigen.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The documents a server serves besides its objects, as the client was generated from them: the OpenAPI v2 document
 * ({@code GET /openapi/v2}), the API-groups listings ({@code /api}, {@code /apis}, ...; each as its file of the
 * listings folder, {@code apis__apps__v1.json} for {@code /apis/apps/v1}) and the version ({@code GET /version}).
 * Files are read when first asked for, and kept.
 */
public final class ApiDocuments {
    /** The document's file name among the documents. */
    public static final String OPENAPI = "openapi-v2.json";
    /** The folder of the listings among the documents. */
    public static final String DISCOVERY = "discovery/";

    private static final byte[] ABSENT = new byte[0];

    private final String gitVersion;
    private final Function<String, InputStream> files;
    private final Map<String, byte[]> read = new ConcurrentHashMap<>();
    private volatile JsonNode openApiTree;
    private volatile byte[] openApiProtobuf;

    private ApiDocuments(String gitVersion, Function<String, InputStream> files) {
        this.gitVersion = gitVersion;
        this.files = files;
    }

    /** No documents: the listings are made from the resource table, {@code /openapi/v2} is a 404. */
    public static ApiDocuments none() {
        return new ApiDocuments(null, name -> null);
    }

    /**
     * @param gitVersion {@code /version}'s {@code gitVersion} (the document's {@code info.version}), or null
     * @param files      opens a document by name ({@link #OPENAPI}, {@link #DISCOVERY}{@code <file>}); null when absent
     */
    public static ApiDocuments of(String gitVersion, Function<String, InputStream> files) {
        return new ApiDocuments(gitVersion, files);
    }

    /** The documents in the class path folder {@code folder}, relative to {@code anchor}'s package. */
    public static ApiDocuments fromClassPath(Class<?> anchor, String folder, String gitVersion) {
        return of(gitVersion, name -> anchor.getResourceAsStream(folder + "/" + name));
    }

    /** {@code /version}'s {@code gitVersion}, or null. */
    public String gitVersion() {
        return gitVersion;
    }

    /** The OpenAPI document's bytes, or null. */
    public byte[] openApi() {
        return file(OPENAPI);
    }

    /** The OpenAPI document, parsed once; null when there is none. */
    JsonNode openApiTree() {
        JsonNode tree = openApiTree;
        byte[] bytes = openApi();
        if (tree == null && bytes != null) {
            try {
                tree = ObjectStore.JSON.readTree(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException("the OpenAPI document is not JSON", e);
            }
            openApiTree = tree;
        }
        return tree;
    }

    /** The document as the protobuf kubectl asks for (its definitions, see {@link OpenApiProtobuf}); null if none. */
    byte[] openApiProtobuf() {
        byte[] pb = openApiProtobuf;
        if (pb == null && openApiTree() != null) {
            pb = OpenApiProtobuf.encode(openApiTree());
            openApiProtobuf = pb;
        }
        return pb;
    }

    /** The listing file {@code name} (e.g. {@code apis__apps__v1.json}), or null. */
    byte[] listing(String name) {
        return file(DISCOVERY + name);
    }

    private byte[] file(String name) {
        byte[] bytes = read.computeIfAbsent(name, n -> {
            try (InputStream in = files.apply(n)) {
                return in == null ? ABSENT : in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the test server's document " + n, e);
            }
        });
        return bytes == ABSENT ? null : bytes;
    }
}
