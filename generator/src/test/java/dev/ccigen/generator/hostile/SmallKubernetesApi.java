package dev.ccigen.generator.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccigen.generator.Compiler;
import dev.ccigen.generator.Generator;
import dev.ccigen.generator.GeneratorConfig;
import dev.ccigen.generator.link.LinkOptions;
import dev.ccigen.generator.problem.GenerationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A small Kubernetes-flavoured API with every kind of text a document and its listings give: a resource with a
 * subresource (paths, {@code x-kubernetes-action}s, group-version-kinds, listings with singular and short names)
 * and operation-style operations (tags, operationIds, path, query and header parameters, a response header), a
 * title and a base path. Tests change one text at a time and check the promise: the output compiles, or the run
 * fails naming the place and writes nothing. Generation runs as in a plugin: the output is not parsed before javac.
 */
final class SmallKubernetesApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    final ObjectNode document;
    final ObjectNode listing;

    SmallKubernetesApi() {
        this(DOCUMENT, LISTING);
    }

    SmallKubernetesApi(ObjectNode document, ObjectNode listing) {
        this.document = document;
        this.listing = listing;
    }

    private SmallKubernetesApi(String document, String listing) {
        try {
            this.document = (ObjectNode) JSON.readTree(document);
            this.listing = (ObjectNode) JSON.readTree(listing);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The API with each {@code changes[i]} of its JSON text replaced by {@code changes[i + 1]}, in both documents. */
    static SmallKubernetesApi replacing(String... changes) {
        String document = DOCUMENT;
        String listing = LISTING;
        for (int i = 0; i < changes.length; i += 2) {
            if (!document.contains(changes[i]) && !listing.contains(changes[i])) {
                throw new IllegalArgumentException("no " + changes[i] + " to replace");
            }
            document = document.replace(changes[i], changes[i + 1]);
            listing = listing.replace(changes[i], changes[i + 1]);
        }
        return new SmallKubernetesApi(document, listing);
    }

    /** What one generation gave: compiled output, or the refusal. */
    record Outcome(Path out, GenerationException refusal, Compiler.Result compiled) {}

    /** Writes both documents under {@code dir}, generates into {@code dir/out} and compiles what was generated. */
    Outcome generate(Path dir) throws IOException {
        Path spec = dir.resolve("spec.json");
        Path listings = Files.createDirectories(dir.resolve("listings"));
        JSON.writeValue(spec.toFile(), document);
        JSON.writeValue(listings.resolve("apis__example.io__v1.json").toFile(), listing);
        Path out = dir.resolve("out");
        try {
            new Generator()
                    .generate(new GeneratorConfig(spec, listings, out, null, LinkOptions.defaults("com.example")));
        } catch (GenerationException e) {
            return new Outcome(out, e, null);
        }
        return new Outcome(out, null, Compiler.compile(out, dir.resolve("classes")));
    }

    /** Generates and checks the promise: compiled without errors, or refused with a place and nothing written. */
    Outcome check(Path dir, String what) throws IOException {
        Outcome o = generate(dir);
        if (o.refusal() != null) {
            GenerationException e = o.refusal();
            boolean located = e.problems().stream().anyMatch(p -> p.isError() && (p.line() > 0 || p.pointer() != null));
            assertTrue(located, what + ": refused without a place: " + e.getMessage());
            assertFalse(e.getMessage().contains("rendered invalid Java"), what + ": " + e.getMessage());
            assertFalse(Files.exists(o.out()), what + ": refused, yet something was written");
        } else {
            assertEquals(List.of(), o.compiled().errors(), what + ": generated, then javac failed");
        }
        return o;
    }

    static final String DOCUMENT = """
            {"swagger": "2.0", "info": {"title": "Example", "version": "1"}, "basePath": "/",
             "definitions": {
               "io.example.v1.Thing": {"type": "object", "description": "A thing.",
                 "x-kubernetes-group-version-kind": [{"group": "example.io", "version": "v1", "kind": "Thing"}],
                 "properties": {"apiVersion": {"type": "string"}, "kind": {"type": "string"},
                   "metadata": {"$ref": "#/definitions/ObjectMeta"},
                   "spec": {"type": "object", "properties": {"size": {"type": "integer"}}}}},
               "io.example.v1.ThingList": {"type": "object",
                 "x-kubernetes-group-version-kind": [{"group": "example.io", "version": "v1", "kind": "ThingList"}],
                 "properties": {"apiVersion": {"type": "string"}, "kind": {"type": "string"},
                   "metadata": {"$ref": "#/definitions/ListMeta"},
                   "items": {"type": "array", "items": {"$ref": "#/definitions/io.example.v1.Thing"}}}},
               "ObjectMeta": {"type": "object", "properties": {"name": {"type": "string"}, "namespace": {"type": "string"},
                 "resourceVersion": {"type": "string"}}},
               "ListMeta": {"type": "object", "properties": {"resourceVersion": {"type": "string"},
                 "continue": {"type": "string"}}}},
             "paths": {
               "/apis/example.io/v1/namespaces/{namespace}/things": {
                 "parameters": [{"name": "namespace", "in": "path", "required": true, "type": "string"}],
                 "get": {"operationId": "listThings", "tags": ["example_v1"], "x-kubernetes-action": "list",
                   "x-kubernetes-group-version-kind": {"group": "example.io", "version": "v1", "kind": "Thing"},
                   "parameters": [{"name": "watch", "in": "query", "type": "boolean"}],
                   "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/io.example.v1.ThingList"}}}},
                 "post": {"operationId": "createThing", "tags": ["example_v1"], "x-kubernetes-action": "post",
                   "x-kubernetes-group-version-kind": {"group": "example.io", "version": "v1", "kind": "Thing"},
                   "parameters": [{"name": "body", "in": "body", "required": true, "schema": {"$ref": "#/definitions/io.example.v1.Thing"}}],
                   "responses": {"201": {"description": "made", "schema": {"$ref": "#/definitions/io.example.v1.Thing"}}}}},
               "/apis/example.io/v1/namespaces/{namespace}/things/{name}": {
                 "parameters": [{"name": "namespace", "in": "path", "required": true, "type": "string"},
                                {"name": "name", "in": "path", "required": true, "type": "string"}],
                 "get": {"operationId": "readThing", "tags": ["example_v1"], "x-kubernetes-action": "get",
                   "x-kubernetes-group-version-kind": {"group": "example.io", "version": "v1", "kind": "Thing"},
                   "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/io.example.v1.Thing"}}}}},
               "/apis/example.io/v1/namespaces/{namespace}/things/{name}/status": {
                 "parameters": [{"name": "namespace", "in": "path", "required": true, "type": "string"},
                                {"name": "name", "in": "path", "required": true, "type": "string"}],
                 "get": {"operationId": "readThingStatus", "tags": ["example_v1"], "x-kubernetes-action": "get",
                   "x-kubernetes-group-version-kind": {"group": "example.io", "version": "v1", "kind": "Thing"},
                   "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/io.example.v1.Thing"}}}}},
               "/reports/{id}": {"get": {"operationId": "getReport", "tags": ["reports"], "summary": "A report.",
                 "produces": ["application/json"],
                 "parameters": [{"name": "id", "in": "path", "required": true, "type": "string"},
                                {"name": "since", "in": "query", "type": "string"},
                                {"name": "X-Trace", "in": "header", "type": "string"}],
                 "responses": {"200": {"description": "ok", "headers": {"X-Request-Id": {"type": "string"}},
                   "schema": {"type": "string"}}}}},
               "/admin/reset": {"post": {"operationId": "resetAll", "tags": ["admin"],
                 "responses": {"204": {"description": "done"}}}}}}
            """;

    static final String LISTING = """
            {"kind": "APIResourceList", "groupVersion": "example.io/v1", "resources": [
              {"name": "things", "singularName": "thing", "kind": "Thing", "namespaced": true, "shortNames": ["th"],
               "verbs": ["create", "get", "list", "watch"]},
              {"name": "things/status", "singularName": "", "kind": "Thing", "namespaced": true, "verbs": ["get"]}]}
            """;
}
