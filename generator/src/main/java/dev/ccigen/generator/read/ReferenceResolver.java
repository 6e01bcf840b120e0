package dev.ccigen.generator.read;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The definitions of an OpenAPI document and the {@code $ref}s to them. A reference to {@code #/definitions/X} stays a
 * reference by name (cycles are harmless that way); a local reference to anything else is read in place (a loop is
 * an error); {@code other.json#/definitions/X} reads the file beside the document, once, never outside the document's
 * folder, and makes X a definition of the document.
 */
final class ReferenceResolver implements References {
    private static final String DEFINITIONS = "#/definitions/";

    private final Source document;
    private final Path folder;
    private final DocumentLoader loader;
    private final NodeReader nodes;
    private final Map<String, Schema> definitions = new LinkedHashMap<>();
    /** Definitions whose names are known before they are read, so forward references resolve. */
    private final Set<String> definitionNames = new HashSet<>();

    private final Map<Path, JsonNode> externalDocuments = new HashMap<>();
    /** Where each definition came from, to tell two different definitions of the same name apart. */
    private final Map<String, String> definitionOrigins = new HashMap<>();
    /** Local non-definition {@code $ref}s being inlined right now, to stop a loop. */
    private final Deque<String> inlining = new ArrayDeque<>();

    ReferenceResolver(Source document, DocumentLoader loader, NodeReader nodes) {
        this.document = document;
        this.folder = document.file().toAbsolutePath().normalize().getParent();
        this.loader = loader;
        this.nodes = nodes;
    }

    /** Every definition by name, in document order; those reached in other files after them. */
    Map<String, Schema> definitions() {
        return definitions;
    }

    /** Reads the document's {@code definitions} object. */
    void readDefinitions(JsonNode defs, SchemaReader reader) {
        Path file = document.file();
        if (!defs.isMissingNode() && !defs.isObject()) {
            nodes.problems()
                    .error(file, "/definitions", "expected an object of definitions, found " + NodeReader.kind(defs));
        }
        defs.fieldNames().forEachRemaining(definitionNames::add);
        for (var it = defs.fields(); it.hasNext(); ) {
            var e = it.next();
            String pointer = "/definitions/" + NodeReader.escape(e.getKey());
            definitions.put(e.getKey(), reader.read(e.getValue(), pointer, document));
            definitionOrigins.put(e.getKey(), file + "#" + pointer);
        }
    }

    @Override
    public Reference resolve(String ref, String pointer, Source in, SchemaReader reader) {
        boolean local = in.file().equals(document.file());
        if (ref.startsWith(DEFINITIONS) && local && ref.indexOf('/', DEFINITIONS.length()) >= 0) {
            return new Reference(null, inline(ref, pointer + "/$ref", in, reader)); // inside a definition: in place
        } else if (ref.startsWith(DEFINITIONS) && local) {
            return new Reference(definitionRef(ref, pointer), null);
        } else if (ref.startsWith("#")) {
            return new Reference(null, inline(ref, pointer + "/$ref", in, reader));
        }
        return new Reference(externalRef(ref, pointer + "/$ref", in.file(), reader), null);
    }

    /**
     * {@code #/definitions/Name} → Name, checking that it exists. The name is a JSON pointer segment ({@code ~1} is a
     * slash) and, as a URI fragment, may be percent-encoded ({@code My%20Type}).
     */
    private String definitionRef(String ref, String pointer) {
        String name = NodeReader.unescape(ref.substring(DEFINITIONS.length()));
        if (!definitionNames.contains(name) && name.contains("%")) {
            try {
                name = URLDecoder.decode(name.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                // not percent-encoding after all: reported as dangling below
            }
        }
        if (!definitionNames.contains(name)) {
            nodes.problems()
                    .error(document.file(), pointer + "/$ref", "dangling $ref: \"" + ref + "\" names no definition");
            return null;
        }
        return name;
    }

    /** A local {@code $ref} to something other than a definition: read what it points at in place. */
    private Schema inline(String ref, String pointer, Source in, SchemaReader reader) {
        String target = ref.substring(1);
        if (in.file() != document.file() && target.startsWith("/definitions/")) {
            String name = externalRef(in.file().getFileName() + "#" + target, pointer, in.file(), reader);
            return name == null ? Schema.ANY : Schema.refTo(pointer, name);
        }
        JsonNode node = in.root().at(target);
        if (node.isMissingNode()) {
            nodes.problems().error(in.file(), pointer, "dangling $ref: \"" + ref + "\" points at nothing");
            return Schema.ANY;
        }
        if (inlining.contains(target) || inlining.size() > 64) {
            nodes.problems()
                    .error(
                            in.file(),
                            pointer,
                            "$ref loop: \"" + ref + "\" refers back to itself through " + String.join(" → ", inlining));
            return Schema.ANY;
        }
        inlining.push(target);
        try {
            return reader.read(node, target, in);
        } finally {
            inlining.pop();
        }
    }

    /** {@code other.json#/definitions/X}: reads the other file and makes X a definition of this document. */
    private String externalRef(String ref, String pointer, Path inFile, SchemaReader reader) {
        int hash = ref.indexOf('#');
        String fragment = hash < 0 ? "" : ref.substring(hash + 1);
        Path target = externalFile(ref, pointer, inFile);
        if (target == null) {
            return null;
        }
        if (!Files.isRegularFile(target)) {
            if (hash < 0 && inFile.equals(document.file()) && definitionNames.contains(ref)) {
                // Swagger 1.2's way, still published: a bare name means the definition of that name
                nodes.deviation(
                        inFile, pointer, "$ref \"" + ref + "\" is a bare name; read as \"#/definitions/" + ref + "\"");
                return ref;
            }
            nodes.problems().error(inFile, pointer, "dangling $ref: \"" + ref + "\": no such file " + target);
            return null;
        }
        if (!externalDocuments.containsKey(target)) { // each file is read, and its errors reported, once
            externalDocuments.put(target, loader.load(target, nodes.problems()));
        }
        JsonNode doc = externalDocuments.get(target);
        if (doc == null) {
            return null;
        }
        String name = fragment.isEmpty()
                ? stripExtension(target.getFileName().toString())
                : NodeReader.unescape(fragment.substring(fragment.lastIndexOf('/') + 1));
        return externalDefinition(ref, pointer, inFile, new Source(target, doc), fragment, name, reader);
    }

    /** The file a reference into another file names, beside {@code inFile}; null (reported) when it cannot be read. */
    private Path externalFile(String ref, String pointer, Path inFile) {
        int hash = ref.indexOf('#');
        String location = hash < 0 ? ref : ref.substring(0, hash);
        if (location.contains("://")) {
            nodes.problems()
                    .error(
                            inFile,
                            pointer,
                            "$ref \"" + ref + "\" is a URL; only files beside the document can be referenced");
            return null;
        }
        Path target;
        try {
            target = inFile.toAbsolutePath()
                    .normalize()
                    .getParent()
                    .resolve(location)
                    .normalize();
        } catch (InvalidPathException e) {
            nodes.problems().error(inFile, pointer, "$ref \"" + ref + "\" is not a file name: " + e.getReason());
            return null;
        }
        if (!target.startsWith(folder)) {
            nodes.problems()
                    .error(
                            inFile,
                            pointer,
                            "$ref \"" + ref + "\" leaves the document's folder " + folder + "; refused");
            return null;
        }
        return target;
    }

    /** The definition {@code name} from {@code other}: read once, and refused when another one has the name. */
    private String externalDefinition(
            String ref, String pointer, Path inFile, Source other, String fragment, String name, SchemaReader reader) {
        String origin = other.file() + "#" + fragment;
        String known = definitionOrigins.get(name);
        if (known != null) {
            if (!known.equals(origin)) {
                nodes.problems()
                        .error(
                                inFile,
                                pointer,
                                "$ref \"" + ref + "\" brings a definition named \"" + name + "\", but " + known
                                        + " already has that name");
                return null;
            }
            return name;
        }
        JsonNode node = fragment.isEmpty() ? other.root() : other.root().at(fragment);
        if (node.isMissingNode()) {
            nodes.problems()
                    .error(inFile, pointer, "dangling $ref: \"" + ref + "\" points at nothing in " + other.file());
            return null;
        }
        definitionOrigins.put(name, origin);
        definitionNames.add(name);
        definitions.put(name, Schema.ANY); // placeholder: a cycle through the other file ends here
        definitions.put(name, reader.read(node, fragment, other));
        return name;
    }

    /** A definition that is only a {@code $ref} to another that is only a {@code $ref} back: no object anywhere. */
    void checkAliasLoops() {
        for (var e : definitions.entrySet()) {
            Set<String> seen = new LinkedHashSet<>();
            Schema s = e.getValue();
            String name = e.getKey();
            while (s != null && s.isRef() && s.properties().isEmpty() && s.type() == null) {
                if (!seen.add(name)) {
                    nodes.problems()
                            .error(
                                    document.file(),
                                    "/definitions/" + NodeReader.escape(e.getKey()),
                                    "$ref loop with no schema in it: " + String.join(" → ", seen) + " → " + name);
                    break;
                }
                name = s.ref();
                s = definitions.get(name);
            }
        }
    }

    private static String stripExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
