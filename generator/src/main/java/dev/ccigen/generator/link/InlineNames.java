package dev.ccigen.generator.link;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccigen.generator.read.ApiSpec;
import dev.ccigen.generator.read.Schema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The classes of the objects a CustomResourceDefinition's schema holds in place (all of its objects: a CRD has no
 * definitions to refer to, so a Go type used in many places, a container, a label selector, is written out in each).
 *
 * <p>One class per shape: objects of a package that a property of the same name holds and that are the same schema
 * (every type, format, enum, default, extension and description below them alike; their own description may differ)
 * share one class, as they were one Go type. A kind's own properties ({@code spec}, {@code status}) keep a class each.
 *
 * <p>Each class is named after the shortest tail of its path of properties that no other class of the package has:
 * {@code Affinity}, {@code NodeAffinity}, {@code LivenessProbe}, then {@code PodAffinityPreferredDuringScheduling…}
 * beside {@code PodAntiAffinityPreferred…}, where a document's objects are named after every owner on the way ({@code
 * JobSpecTasksTemplateSpecAffinity…}). A kind's own properties keep the kind's name in front ({@code JobSpec}), and so
 * does any object whose last name alone says little ({@code TemplateSpec}, not {@code Spec}). The items of a list and
 * the values of a map are named after the property.
 */
final class InlineNames {
    /** Last names too general to stand alone. */
    private static final Set<String> GENERAL = Set.of("Spec", "Status", "Template", "Metadata", "Config", "Items");

    private final ApiSpec spec;
    /** The distinct shapes, in the order first met, by their key. */
    private final Map<String, Shape> shapes = new LinkedHashMap<>();
    /** Every object in place, and the shape it has. */
    private final Map<Schema, Shape> shapeOf = new IdentityHashMap<>();
    /** Each schema's structure as a number: equal numbers, equal schemas (their own descriptions aside). */
    private final Map<Schema, Integer> ids = new IdentityHashMap<>();

    private final Map<Schema, Integer> idsWithoutDescription = new IdentityHashMap<>();
    private final Map<String, Integer> idOfKey = new HashMap<>();

    /** A class to be: the path it was first met at (the kind's name first), and how many path names it needs. */
    private static final class Shape {
        final List<String> path;
        final int minimum;
        String name;

        Shape(List<String> path, int minimum) {
            this.path = path;
            this.minimum = minimum;
        }

        String tail(int k) {
            return String.join("", path.subList(path.size() - k, path.size()));
        }
    }

    private InlineNames(ApiSpec spec) {
        this.spec = spec;
    }

    /**
     * The class names of the objects in place of {@code kinds} (class simple name → the kind's schema), all of one
     * package, by schema (identity): objects of one shape share a name. The names are allocated from {@code names}; a
     * name {@code refused} refuses is not given.
     */
    static Map<Schema, String> of(
            ApiSpec spec, Map<String, Schema> kinds, NameAllocator names, Predicate<String> refused) {
        InlineNames collected = new InlineNames(spec);
        kinds.forEach((kind, schema) -> collected.properties(schema, List.of(kind), 0));
        collected.allocate(names, refused);
        Map<Schema, String> result = new IdentityHashMap<>();
        collected.shapeOf.forEach((schema, shape) -> result.put(schema, shape.name));
        return result;
    }

    private void allocate(NameAllocator names, Predicate<String> refused) {
        List<Shape> pending = new ArrayList<>(shapes.values());
        for (int k = 1; !pending.isEmpty(); k++) {
            Map<String, List<Shape>> byTail = new TreeMap<>();
            List<Shape> next = new ArrayList<>();
            for (Shape s : pending) {
                if (k > s.path.size()) {
                    s.name = names.allocate(s.tail(s.path.size())); // no tail of its own: numbered
                } else if (k < s.minimum) {
                    next.add(s);
                } else {
                    byTail.computeIfAbsent(s.tail(k).toLowerCase(Locale.ROOT), t -> new ArrayList<>())
                            .add(s);
                }
            }
            for (List<Shape> same : byTail.values()) {
                String name = same.get(0).tail(k);
                if (same.size() == 1 && names.isFree(name) && !refused.test(name)) {
                    same.get(0).name = names.allocate(name);
                } else {
                    next.addAll(same);
                }
            }
            pending = next;
        }
    }

    /** The objects below {@code schema}'s properties (and those of its {@code allOf} parts), as {@code TypeLinker} types them. */
    private void properties(Schema schema, List<String> path, int depth) {
        for (var e : properties(schema).entrySet()) {
            List<String> child = new ArrayList<>(path);
            child.add(Naming.type(e.getKey()));
            value(e.getValue(), child, depth + 1);
        }
    }

    /** A property's value: an object in place is a class; a list's items and a map's values are looked into. */
    private void value(Schema s, List<String> path, int depth) {
        if (s == null || s.isRef() || TypeLinker.isIntOrString(s) || !s.types().isEmpty() || depth > 200) {
            return;
        }
        if (!s.properties().isEmpty() || !s.allOf().isEmpty()) {
            String last = path.get(path.size() - 1);
            boolean own = path.size() == 2; // a kind's own property: a class of its own
            String key = (own ? path.get(0) + "." : "") + last + "#" + id(s, false);
            Shape shape = shapes.get(key);
            if (shape == null) {
                shape = new Shape(List.copyOf(path), own || GENERAL.contains(last) ? Math.min(2, path.size()) : 1);
                shapes.put(key, shape);
            }
            shapeOf.put(s, shape);
            properties(s, path, depth); // each object of a shape: the class is built from whichever is met first
        } else if ("array".equals(s.type())) {
            value(s.items(), path, depth + 1);
        } else if (s.type() == null || "object".equals(s.type())) {
            value(s.additionalProperties(), path, depth + 1);
        }
    }

    /**
     * {@code s}'s structure as a number (hash-consing): the same number for schemas equal in everything the generated
     * code shows, its own description included when {@code withDescription}.
     */
    private int id(Schema s, boolean withDescription) {
        if (s == null) {
            return 0;
        }
        Map<Schema, Integer> memo = withDescription ? ids : idsWithoutDescription;
        Integer known = memo.get(s);
        if (known != null) {
            return known;
        }
        StringBuilder key = new StringBuilder();
        key.append(s.ref()).append('|').append(s.type()).append(s.types()).append('|');
        key.append(s.format())
                .append('|')
                .append(s.nullable())
                .append(s.readOnly())
                .append('|');
        key.append(withDescription ? s.description() : "")
                .append('|')
                .append(s.title())
                .append('|');
        for (JsonNode v : s.enumValues()) {
            key.append(v.asText()).append(v.getNodeType()).append(',');
        }
        key.append('|')
                .append(s.defaultValue())
                .append('|')
                .append(new TreeMap<>(s.extensions().texts()));
        key.append('|').append(new java.util.TreeSet<>(s.required())).append('|');
        key.append(id(s.items(), true))
                .append('|')
                .append(id(s.additionalProperties(), true))
                .append('|');
        for (Schema part : s.allOf()) {
            key.append(id(part, true)).append(',');
        }
        for (var p : new TreeMap<>(s.properties()).entrySet()) {
            key.append('|').append(p.getKey()).append('=').append(id(p.getValue(), true));
        }
        int id = idOfKey.computeIfAbsent(key.toString(), k -> idOfKey.size() + 1);
        memo.put(s, id);
        return id;
    }

    private Map<String, Schema> properties(Schema schema) {
        Map<String, Schema> properties = new TreeMap<>();
        collect(schema, properties, 0);
        return properties;
    }

    private void collect(Schema s, Map<String, Schema> into, int depth) {
        Schema r = s == null || depth > 32 ? null : spec.resolve(s);
        if (r == null) {
            return;
        }
        for (Schema part : r.allOf()) {
            collect(part, into, depth + 1);
        }
        into.putAll(r.properties());
    }
}
