package dev.ccigen.maven;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccigen.generator.link.ApiModel;
import dev.ccigen.generator.link.GroupVersionModel;
import dev.ccigen.generator.link.ResourceModel;
import dev.ccigen.generator.render.TemplateContext;
import dev.ccigen.generator.render.TemplateFunctions;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Writes the template context as JSON. Each record becomes an object holding its components and, under their method
 * names, its other public no-argument methods ({@code hasKindDefaults}, {@code isKubernetesObject}), since templates
 * can use those names as well.
 */
final class ContextWriter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Writes every file into {@code folder}; returns how many. */
    int write(ApiModel model, Path folder) throws IOException {
        Files.createDirectories(folder);
        Tree tree = new Tree(model);
        JsonNode api = tree.of(model);
        ArrayNode resources = NODES.arrayNode();
        for (GroupVersionModel gv : model.groupVersions()) {
            ObjectNode gvScope = (ObjectNode) tree.of(gv);
            gvScope.put("resources", "(" + gv.resources().size() + " resources: see groupVersion.json)");
            for (ResourceModel r : gv.resources()) {
                resources.addObject().<ObjectNode>set("groupVersion", gvScope).set("resource", tree.of(r));
            }
        }
        Map<String, JsonNode> files = new TreeMap<>();
        files.put("client.json", api);
        files.put("runtime.json", api);
        files.put("model.json", tree.of(model.types()));
        files.put("groupVersion.json", tree.of(model.groupVersions()));
        files.put("resource.json", resources);
        files.put("operations.json", tree.of(model.operationGroups()));
        files.put("index.json", index());
        for (Map.Entry<String, JsonNode> e : files.entrySet()) {
            Files.write(folder.resolve(e.getKey()), mapper.writeValueAsBytes(e.getValue()));
        }
        return files.size();
    }

    /** Which template receives what: Mustache looks a name up in the last scope first. */
    private ObjectNode index() {
        ObjectNode index = NODES.objectNode();
        index.put(
                "about",
                "The data each ccigen template receives. A template sees a stack of scopes; a name is looked"
                        + " up in the helper functions first, then in the item the template is rendered for, then in the ApiModel"
                        + " (client.json). Records also answer to their other public methods (hasKindDefaults, isKubernetesObject"
                        + " ...), listed beside their fields.");
        templates(index.putArray("templates"));
        index.putArray("functions")
                .addAll(Arrays.stream(TemplateFunctions.class.getFields())
                        .filter(f -> !Modifier.isStatic(f.getModifiers()))
                        .map(Field::getName)
                        .sorted()
                        .map(NODES::textNode)
                        .toList());
        ObjectNode files = index.putObject("files");
        files.put("client.json", "the ApiModel: the first scope of every template");
        files.put("runtime.json", "the same ApiModel: all that the runtime, Kinds and ErrorCodes templates receive");
        files.put("model.json", "every TypeModel, one per model class");
        files.put("groupVersion.json", "every GroupVersionModel of the resource-style API");
        files.put("resource.json", "every ResourceModel with its GroupVersionModel");
        files.put("operations.json", "every OperationGroupModel of the operation-style API (one per tag)");
        return index;
    }

    /** Each template, what it is rendered for, where its output goes and the scopes it sees. */
    private static void templates(ArrayNode templates) {
        template(
                templates,
                "model.java.mustache",
                "once per entry of model.json",
                "<modelPackage>/<className>.java",
                "model.json[i] (a TypeModel)");
        template(
                templates,
                "perModel/<Suffix>.mustache",
                "once per entry of model.json (your templates only)",
                "<modelPackage>/<className><Suffix>",
                "model.json[i] (a TypeModel)");
        template(templates, "client.java.mustache", "once", "<basePackage>/<clientName>.java", null);
        template(
                templates,
                "groupVersion.java.mustache",
                "once per entry of groupVersion.json",
                "<packageName>/<className>.java",
                "groupVersion.json[i] (a GroupVersionModel)");
        template(
                templates,
                "resource.java.mustache",
                "once per entry of resource.json",
                "<packageName>/<className>.java",
                "resource.json[i].groupVersion (a GroupVersionModel), then resource.json[i].resource (a ResourceModel)");
        template(
                templates,
                "operations.java.mustache",
                "once per entry of operations.json",
                "<packageName>/<className>.java",
                "operations.json[i] (an OperationGroupModel)");
        template(
                templates,
                "Kinds.java.mustache, ErrorCodes.java.mustache",
                "once, when the API has kinds, error codes",
                "<basePackage>/",
                null);
        template(
                templates,
                "runtime/<Name>.mustache",
                "once each, with runtime=inline (see runtime.json)",
                "<basePackage>/runtime/<Name>",
                null);
        template(templates, "once/<path>.mustache", "once (your templates only)", "<basePackage>/<path>", null);
        template(
                templates,
                "testServer.java.mustache, testserver/<Name>.mustache",
                "once each, with generateTestServer (testserver/ with runtime=inline only)",
                "<testOutputDirectory>/<basePackage>/<clientName>TestServer.java and .../testserver/<Name>",
                "testServerName (<clientName>TestServer)");
    }

    private static void template(ArrayNode templates, String name, String renderedFor, String output, String item) {
        ObjectNode t = templates.addObject();
        t.put("template", name);
        t.put("renderedFor", renderedFor);
        t.put("output", output);
        ArrayNode scopes = t.putArray("scopes");
        scopes.add("client.json (the ApiModel)");
        if (item != null) {
            scopes.add(item);
        }
        scopes.add("functions");
    }

    /** The JSON of values of the model: each object of the model as the names a template sees on it. */
    private record Tree(ApiModel model) {
        JsonNode of(Object value) {
            if (value == null) {
                return NODES.nullNode();
            } else if (value instanceof String s) {
                return NODES.textNode(s);
            } else if (value instanceof Boolean b) {
                return NODES.booleanNode(b);
            } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
                return NODES.numberNode(((Number) value).longValue());
            } else if (value instanceof Number n) {
                return NODES.numberNode(n.doubleValue());
            } else if (value instanceof Collection<?> c) {
                ArrayNode a = NODES.arrayNode();
                c.forEach(v -> a.add(of(v)));
                return a;
            } else if (value instanceof Map<?, ?> m) {
                ObjectNode o = NODES.objectNode();
                new TreeMap<>(m.entrySet().stream()
                                .collect(Collectors.toMap(e -> String.valueOf(e.getKey()), Map.Entry::getValue)))
                        .forEach((k, v) -> o.set(k, of(v)));
                return o;
            } else if (TemplateContext.isModel(value)) {
                ObjectNode o = NODES.objectNode();
                TemplateContext.names(value, model).forEach((name, v) -> o.set(name, of(v)));
                return o;
            }
            return NODES.textNode(value.toString());
        }
    }
}
