package dev.ccigen.generator.read;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one schema object, wherever it sits (a definition, a body, a response, a parameter's own type), into a
 * {@link Schema}: its {@code $ref} through {@link References}, its nested schemas recursively, and what published
 * documents bend (a list of types, tuple {@code items}, an unknown {@code format}, enum values or a default of the wrong
 * type) read as the README's mapping says, each a {@link NodeReader#deviation} at its place.
 */
final class SchemaReader {
    private static final Set<String> TYPES =
            Set.of("string", "number", "integer", "boolean", "array", "object", "file", "null");
    /** Formats read as what they say, or as text a caller knows; any other format is warned about. */
    private static final Set<String> KNOWN_FORMATS = Set.of(
            "int32",
            "int64",
            "float",
            "double",
            "byte",
            "binary",
            "date",
            "date-time",
            "password",
            "int-or-string",
            "email",
            "uuid",
            "uri",
            "url",
            "hostname",
            "ipv4",
            "ipv6",
            "duration",
            "int",
            "int8",
            "int16",
            "uint8",
            "uint16",
            "uint32",
            "uint64",
            "float64");
    /**
     * The formats Kubernetes validates in a CustomResourceDefinition's schema, beside OpenAPI's: each a string (of the
     * Java type its OpenAPI name says, where it says one).
     */
    private static final Set<String> CRD_FORMATS = Set.of(
            "bsonobjectid",
            "cidr",
            "mac",
            "uuid3",
            "uuid4",
            "uuid5",
            "isbn",
            "isbn10",
            "isbn13",
            "creditcard",
            "ssn",
            "hexcolor",
            "rgbcolor",
            "datetime",
            "uri-reference");

    private final NodeReader nodes;
    private final References references;
    /** A CustomResourceDefinition's schema (OpenAPI v3's structural subset): {@code nullable}, typed anyOf/oneOf. */
    private final boolean structural;

    SchemaReader(NodeReader nodes, References references) {
        this(nodes, references, false);
    }

    /**
     * @param structural read a CustomResourceDefinition's {@code openAPIV3Schema}: {@code nullable: true} is read, the
     *     types of {@code anyOf}/{@code oneOf} branches count where the schema gives none, and Kubernetes' formats are
     *     known
     */
    SchemaReader(NodeReader nodes, References references, boolean structural) {
        this.nodes = nodes;
        this.references = references;
        this.structural = structural;
    }

    /** A schema's type as written: one, or the several a list names, and whether {@code "null"} was among them. */
    private record Types(String single, List<String> alternatives, boolean nullable) {
        static final Types NONE = new Types(null, List.of(), false);
    }

    /** The schema {@code node} at {@code pointer} of {@code in}; null when there is none. */
    Schema read(JsonNode node, String pointer, Source in) {
        return read(node, pointer, in, true);
    }

    /**
     * The schema a parameter that is not a body is: its own type, format, items, enum and default. Its
     * {@code required} is the parameter's (a boolean), not a schema's list of required properties.
     */
    Schema readParameter(JsonNode node, String pointer, Source in) {
        return read(node, pointer, in, false);
    }

    private Schema read(JsonNode node, String pointer, Source in, boolean requiredProperties) {
        if (node == null || node.isMissingNode()) {
            return null;
        }
        if (!node.isObject()) {
            nodes.problems().error(in.file(), pointer, "expected a schema object, found " + NodeReader.kind(node));
            return Schema.ANY;
        }
        String ref = null;
        JsonNode refNode = nodes.field(node, "$ref", JsonNode::isTextual, "a string", pointer, in.file());
        if (refNode != null) {
            References.Reference reference = references.resolve(refNode.asText(), pointer, in, this);
            if (reference.inPlace() != null) {
                return reference.inPlace();
            }
            ref = reference.name();
        }
        return object(node, pointer, in, ref, requiredProperties);
    }

    /** A schema object itself: {@code ref} is the definition it refers to, if any. */
    private Schema object(JsonNode node, String pointer, Source in, String ref, boolean requiredProperties) {
        Path inFile = in.file();
        Types types = types(node.get("type"), pointer + "/type", inFile);
        boolean branchIntOrString = false;
        if (structural && types == Types.NONE) {
            types = branchTypes(node, pointer, inFile);
            branchIntOrString = types.alternatives().equals(List.of("integer", "string"));
            if (branchIntOrString) {
                types = Types.NONE;
            }
        }
        String type = types.single();
        Map<String, Schema> properties = properties(node, pointer, in);
        Schema items = items(node.get("items"), pointer, in);
        Schema additional = additionalProperties(node.get("additionalProperties"), pointer, in);
        List<Schema> allOf = allOf(node, pointer, in);
        List<JsonNode> enumValues = new ArrayList<>();
        JsonNode enumNode = nodes.field(node, "enum", JsonNode::isArray, "a list of values", pointer, inFile);
        if (enumNode != null) {
            enumNode.forEach(enumValues::add);
        }
        Set<String> required = new LinkedHashSet<>(
                requiredProperties ? nodes.strings(node.path("required"), pointer + "/required", inFile) : List.of());
        if ("array".equals(type) && items == null) {
            nodes.problems()
                    .warning(inFile, pointer, "an array without items; its elements are read as any JSON value");
        }
        String format = branchIntOrString ? "int-or-string" : format(node, type, pointer, inFile);
        checkEnumValues(enumValues, type, pointer, inFile);
        JsonNode defaultValue = defaultValue(node.get("default"), type, pointer, inFile);
        Extensions extensions = Extensions.of(node);
        boolean nullable = types.nullable()
                || extensions.isTrue("x-nullable")
                || extensions.isTrue("x-isnullable")
                || structural && node.path("nullable").asBoolean(false);
        return Schema.builder(pointer)
                .ref(ref)
                .type(type, types.alternatives())
                .nullable(nullable)
                .format(format)
                .title(nodes.text(node, "title", pointer, inFile))
                .description(nodes.text(node, "description", pointer, inFile))
                .properties(properties, required)
                .items(items)
                .additionalProperties(additional)
                .values(List.copyOf(enumValues), defaultValue)
                .readOnly(node.path("readOnly").asBoolean(false))
                .allOf(List.copyOf(allOf))
                .extensions(extensions)
                .build();
    }

    private Map<String, Schema> properties(JsonNode node, String pointer, Source in) {
        JsonNode props =
                nodes.field(node, "properties", JsonNode::isObject, "an object of schemas", pointer, in.file());
        if (props == null) {
            return Map.of();
        }
        Map<String, Schema> properties = new LinkedHashMap<>();
        for (var it = props.fields(); it.hasNext(); ) {
            var e = it.next();
            properties.put(
                    e.getKey(), read(e.getValue(), pointer + "/properties/" + NodeReader.escape(e.getKey()), in));
        }
        return properties;
    }

    /** {@code items}: a schema, or (not OpenAPI v2, but published) a list of them. */
    private Schema items(JsonNode itemsNode, String pointer, Source in) {
        if (itemsNode == null) {
            return null;
        }
        if (!itemsNode.isArray()) {
            return read(itemsNode, pointer + "/items", in);
        }
        if (itemsNode.size() == 1) {
            nodes.deviation(
                    in.file(),
                    pointer + "/items",
                    "tuple items (a list of schemas) are not OpenAPI v2; the one schema listed is read as the items' schema");
            return read(itemsNode.get(0), pointer + "/items/0", in);
        }
        nodes.deviation(
                in.file(),
                pointer + "/items",
                "tuple items (a list of schemas) are not OpenAPI v2; the items are read as any JSON value");
        return Schema.ANY;
    }

    /** The schema of a map's values: {@link Schema#ANY} for {@code true}, null when absent or {@code false}. */
    private Schema additionalProperties(JsonNode addNode, String pointer, Source in) {
        if (addNode == null || addNode.isBoolean() && !addNode.asBoolean()) {
            return null;
        }
        return addNode.isBoolean() ? Schema.ANY : read(addNode, pointer + "/additionalProperties", in);
    }

    private List<Schema> allOf(JsonNode node, String pointer, Source in) {
        List<Schema> allOf = new ArrayList<>();
        JsonNode allOfNode = nodes.field(node, "allOf", JsonNode::isArray, "a list of schemas", pointer, in.file());
        for (int i = 0; allOfNode != null && i < allOfNode.size(); i++) {
            allOf.add(read(allOfNode.get(i), pointer + "/allOf/" + i, in));
        }
        return allOf;
    }

    private String format(JsonNode node, String type, String pointer, Path inFile) {
        String format = nodes.text(node, "format", pointer, inFile);
        if (format != null
                && type != null
                && !KNOWN_FORMATS.contains(format)
                && !(structural && CRD_FORMATS.contains(format))) {
            nodes.deviation(
                    inFile,
                    pointer + "/format",
                    "unknown format \"" + format + "\" for " + type + "; read as a plain " + type);
        }
        return format;
    }

    private void checkEnumValues(List<JsonNode> enumValues, String type, String pointer, Path inFile) {
        for (int i = 0; i < enumValues.size(); i++) {
            if (!fits(enumValues.get(i), type)) {
                nodes.deviation(
                        inFile,
                        pointer + "/enum/" + i,
                        "enum value " + enumValues.get(i) + " is not of type " + type + "; the property is a plain "
                                + type + " (no Java enum) and the values are kept in the schema");
                return;
            }
        }
    }

    /** The {@code default}, unless it is not of the schema's type: then it is ignored, with a deviation. */
    private JsonNode defaultValue(JsonNode defaultValue, String type, String pointer, Path inFile) {
        if (defaultValue != null && !defaultValue.isNull() && !fits(defaultValue, type)) {
            nodes.deviation(
                    inFile, pointer + "/default", "default " + defaultValue + " is not of type " + type + "; ignored");
            return null;
        }
        return defaultValue;
    }

    /**
     * A schema's {@code type}: one of OpenAPI v2's; or, as published documents write (JSON Schema's way), a list of
     * them, read with a warning: {@code ["string", "null"]} is a nullable string, several non-null types are
     * {@link Types#alternatives()} for the linker to map. Anything else is an error naming its place.
     */
    private Types types(JsonNode typeNode, String pointer, Path inFile) {
        if (typeNode == null) {
            return Types.NONE;
        }
        if (typeNode.isTextual() && TYPES.contains(typeNode.asText())) {
            return new Types(typeNode.asText(), List.of(), false);
        }
        if (typeNode.isArray() && !typeNode.isEmpty()) {
            return typeList(typeNode, pointer, inFile);
        }
        nodes.problems()
                .error(
                        inFile,
                        pointer,
                        "unknown type " + typeNode
                                + "; expected one of string, number, integer, boolean, array, object, file");
        return Types.NONE;
    }

    /**
     * The types {@code anyOf} and {@code oneOf} branches give a schema that gives none itself. In a structural schema
     * the branches only validate (no types: the schema's own decide); {@code anyOf: [{type: integer}, {type: string}]}
     * with {@code x-kubernetes-int-or-string} is Kubernetes' IntOrString, returned as the list {@code [integer,
     * string]}. Any other typed branches are no structural schema: one type among them is that type, several are
     * alternatives (any JSON value), each with a deviation.
     */
    private Types branchTypes(JsonNode node, String pointer, Path inFile) {
        Set<String> listed = new java.util.TreeSet<>();
        for (String keyword : List.of("anyOf", "oneOf")) {
            for (JsonNode branch : node.path(keyword)) {
                JsonNode t = branch.get("type");
                if (t != null && t.isTextual() && TYPES.contains(t.asText())) {
                    listed.add(t.asText());
                }
            }
        }
        if (listed.isEmpty()) {
            return Types.NONE;
        }
        List<String> types = List.copyOf(listed);
        if (types.equals(List.of("integer", "string"))) {
            if (!Extensions.of(node).isTrue("x-kubernetes-int-or-string")) {
                nodes.deviation(
                        inFile,
                        pointer,
                        "anyOf/oneOf of integer and string without x-kubernetes-int-or-string: true is no structural"
                                + " schema; read as IntOrString");
            }
            return new Types(null, types, false);
        }
        nodes.deviation(
                inFile,
                pointer,
                "anyOf/oneOf branches with types " + types + " and none of the schema's own is no structural schema;"
                        + " read as " + (types.size() == 1 ? types.get(0) : "any JSON value"));
        return types.size() == 1 ? new Types(types.get(0), List.of(), false) : new Types(null, types, false);
    }

    private Types typeList(JsonNode typeNode, String pointer, Path inFile) {
        Set<String> listed = new LinkedHashSet<>();
        for (JsonNode t : typeNode) {
            if (!t.isTextual() || !TYPES.contains(t.asText())) {
                nodes.problems()
                        .error(
                                inFile,
                                pointer,
                                "unknown type " + t + " in " + typeNode
                                        + "; expected string, number, integer, boolean, array, object, file or null");
                return Types.NONE;
            }
            listed.add(t.asText());
        }
        boolean nullable = listed.remove("null");
        if (listed.size() <= 1) {
            String single = listed.isEmpty() ? "null" : listed.iterator().next();
            nodes.deviation(
                    inFile,
                    pointer,
                    "OpenAPI v2 allows one type, not a list: " + typeNode + "; read as "
                            + (nullable && !listed.isEmpty() ? "a " + single + " that may be null" : single));
            return new Types(single, List.of(), nullable);
        }
        nodes.deviation(
                inFile,
                pointer,
                "OpenAPI v2 allows one type, not a list: " + typeNode + "; read as IntOrString when it is"
                        + " string and numbers in a document that defines Kubernetes' IntOrString, else as any JSON value");
        return new Types(null, List.copyOf(listed), nullable);
    }

    /** Whether {@code value} is a value of the schema type {@code type} (any value when there is no type). */
    private static boolean fits(JsonNode value, String type) {
        return switch (type == null ? "" : type) {
            case "string" -> value.isTextual();
            case "integer" ->
                value.isIntegralNumber() || value.isNumber() && value.asDouble() == Math.rint(value.asDouble());
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "array" -> value.isArray();
            case "object" -> value.isObject();
            default -> true;
        };
    }
}
