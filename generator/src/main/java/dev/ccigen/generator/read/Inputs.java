package dev.ccigen.generator.read;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccigen.generator.problem.Problem;
import dev.ccigen.generator.problem.Problems;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The inputs of one generation joined into what the link stage takes: one {@link ApiSpec} and one {@link Discovery}.
 * CustomResourceDefinitions are added to the document (none: a client of CRDs only) as a server with them installed
 * publishes them, with Kubernetes' meta definitions ({@code ObjectMeta}, {@code ListMeta}, {@code Status}, {@code
 * Scale} …) the document lacks, and their listings to its listings. Without listings, a document's own resources
 * still come from its paths, beside the CRDs' listed ones ({@link Discovery#complete()} false).
 *
 * <p>A kind that both a CRD and the document define (by {@code x-kubernetes-group-version-kind}) is reported at the
 * CRD's version, a warning (an error when strict): the CRD's is generated, and the document's definition of it, of its
 * list, their paths and listing, and the definitions only they used are left out.
 */
public record Inputs(ApiSpec spec, Discovery discovery) {
    private static final String META_RESOURCE = "kubernetes-meta.json";

    /**
     * @param document  the OpenAPI document, or null for CRDs only
     * @param listings  the document's listings, or null
     * @param crds      the CRDs, or null for none
     */
    public static Inputs combine(
            ApiSpec document, Discovery listings, CustomResources crds, boolean strict, Problems problems) {
        if (crds == null) {
            return new Inputs(document, listings);
        }
        Map<String, Schema> definitions = new LinkedHashMap<>(document == null ? Map.of() : document.definitions());
        Set<String> replacedResources = new HashSet<>();
        Set<String> removed = conflicts(document, crds, replacedResources, strict, problems);
        List<Operation> operations = new ArrayList<>();
        if (document != null) {
            for (Operation op : document.operations()) {
                if (!replacedResources.contains(resourceOf(op.path()))) {
                    operations.add(op);
                }
            }
            definitions.keySet().removeAll(orphans(definitions, removed, operations));
        }
        addMeta(definitions, crds, strict, problems);
        for (var e : crds.definitions().entrySet()) {
            if (definitions.putIfAbsent(e.getKey(), e.getValue()) != null) {
                problems.error(
                        document.source(),
                        "/definitions/" + NodeReader.escape(e.getKey()),
                        "the document's definition " + e.getKey() + " has the name of a CustomResourceDefinition's"
                                + " kind, but is not of its group, version and kind");
            }
        }
        operations.addAll(crds.operations());
        ApiSpec.Builder spec = document == null ? ApiSpec.builder(crds.source()) : document.toBuilder();
        return new Inputs(
                spec.definitions(definitions)
                        .operations(operations)
                        .customResourceKinds(crds.kindDefinitions())
                        .build(),
                listings(listings, document != null, crds));
    }

    /**
     * The document's definitions of kinds a CRD defines (and of their lists), each clash reported; their resources
     * ({@code group/version/plural}) go into {@code replacedResources}.
     */
    private static Set<String> conflicts(
            ApiSpec document, CustomResources crds, Set<String> replacedResources, boolean strict, Problems problems) {
        Set<String> removed = new HashSet<>();
        if (document == null) {
            return removed;
        }
        Map<String, List<String>> byGvk = new HashMap<>();
        for (var e : document.definitions().entrySet()) {
            JsonNode gvks =
                    e.getValue() == null ? null : e.getValue().extensions().get("x-kubernetes-group-version-kind");
            for (JsonNode g : gvks == null ? List.<JsonNode>of() : gvks.isArray() ? gvks : List.of(gvks)) {
                String key = g.path("group").asText("") + "/"
                        + g.path("version").asText() + "/" + g.path("kind").asText();
                byGvk.computeIfAbsent(key, k -> new ArrayList<>()).add(e.getKey());
            }
        }
        for (CustomResourceDefinition crd : crds.crds()) {
            for (CustomResourceDefinition.Version v : crd.versions()) {
                String gv = crd.groupVersion(v) + "/";
                List<String> kinds = byGvk.getOrDefault(gv + crd.names().kind(), List.of());
                if (kinds.isEmpty()) {
                    continue;
                }
                removed.addAll(kinds);
                removed.addAll(byGvk.getOrDefault(gv + crd.names().listKind(), List.of()));
                replacedResources.add(gv + crd.names().plural());
                problems.add(new Problem(
                        strict ? Problem.Severity.ERROR : Problem.Severity.WARNING,
                        v.at().file(),
                        v.at().line(),
                        v.at().column(),
                        null,
                        crd.groupVersion(v) + " " + crd.names().kind() + " is defined by the CustomResourceDefinition "
                                + crd.name() + " and by " + document.source() + "#/definitions/"
                                + NodeReader.escape(kinds.get(0)) + ": the CRD's is generated; the document's"
                                + " definition, its paths and listing, and what only they use are left out"));
            }
        }
        return removed;
    }

    /** {@code group/version/plural} of a resource path under {@code /apis/}, or null. */
    static String resourceOf(String path) {
        String[] s = path.split("/");
        if (s.length < 5 || !s[1].equals("apis")) {
            return null;
        }
        int i = 4;
        if (s[i].equals("watch")) {
            i++;
        }
        if (i + 2 < s.length && s[i].equals("namespaces")) {
            i += 2;
        }
        return i < s.length ? s[2] + "/" + s[3] + "/" + s[i] : null;
    }

    /**
     * {@code removed}, and the definitions only they reach: what no other definition and no kept operation refers to.
     */
    private static Set<String> orphans(Map<String, Schema> definitions, Set<String> removed, List<Operation> kept) {
        if (removed.isEmpty()) {
            return removed;
        }
        Set<String> candidates = closure(removed, definitions);
        Set<String> roots = new HashSet<>();
        for (String name : definitions.keySet()) {
            if (!candidates.contains(name)) {
                roots.add(name);
            }
        }
        for (Operation op : kept) {
            op.parameters().forEach(p -> refs(p.schema(), roots));
            op.responses().forEach(r -> refs(r.schema(), roots));
        }
        Set<String> reached = closure(roots, definitions);
        Set<String> orphans = new HashSet<>(removed);
        for (String c : candidates) {
            if (!reached.contains(c)) {
                orphans.add(c);
            }
        }
        return orphans;
    }

    /** {@code names} and every definition they refer to, directly or not. */
    private static Set<String> closure(Set<String> names, Map<String, Schema> definitions) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(names);
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (seen.add(name)) {
                Set<String> refs = new HashSet<>();
                refs(definitions.get(name), refs);
                todo.addAll(refs);
            }
        }
        return seen;
    }

    /** The definitions {@code schema} refers to, in place or nested. */
    static void refs(Schema schema, Set<String> into) {
        if (schema == null) {
            return;
        }
        if (schema.ref() != null) {
            into.add(schema.ref());
        }
        schema.properties().values().forEach(p -> refs(p, into));
        refs(schema.items(), into);
        refs(schema.additionalProperties(), into);
        schema.allOf().forEach(p -> refs(p, into));
    }

    /** Kubernetes' meta definitions the CRDs refer to and the document does not hold, from ccigen's copy. */
    private static void addMeta(
            Map<String, Schema> definitions, CustomResources crds, boolean strict, Problems problems) {
        Set<String> wanted = new HashSet<>();
        crds.definitions().values().forEach(s -> refs(s, wanted));
        for (Operation op : crds.operations()) {
            op.parameters().forEach(p -> refs(p.schema(), wanted));
            op.responses().forEach(r -> refs(r.schema(), wanted));
        }
        wanted.removeAll(crds.definitions().keySet());
        wanted.removeAll(definitions.keySet());
        if (wanted.isEmpty()) {
            return;
        }
        Map<String, Schema> meta = meta(strict, problems);
        Deque<String> todo = new ArrayDeque<>(wanted);
        while (!todo.isEmpty()) {
            String name = todo.pop();
            Schema s = meta.get(name);
            if (s != null && !definitions.containsKey(name)) {
                definitions.put(name, s);
                Set<String> refs = new HashSet<>();
                refs(s, refs);
                todo.addAll(refs);
            }
        }
    }

    /**
     * Kubernetes' meta definitions: ObjectMeta, ListMeta, Status, DeleteOptions, WatchEvent, Patch and autoscaling/v1
     * Scale with what they use, copied from Kubernetes 1.20's {@code swagger.json} (a resource of this library).
     */
    private static Map<String, Schema> meta(boolean strict, Problems problems) {
        Path name = Path.of(META_RESOURCE);
        JsonNode root = new DocumentLoader().loadResource(Inputs.class, META_RESOURCE);
        Source source = new Source(name, root);
        NodeReader nodes = new NodeReader(problems, strict);
        ReferenceResolver references = new ReferenceResolver(source, new DocumentLoader(), nodes);
        references.readDefinitions(root.path("definitions"), new SchemaReader(nodes, references));
        return references.definitions();
    }

    /** The CRDs' listings added to the document's (a CRD's resource replaces one the listings have of its name). */
    private static Discovery listings(Discovery listings, boolean withDocument, CustomResources crds) {
        if (listings == null) {
            return new Discovery(crds.source(), crds.listings(), !withDocument);
        }
        List<Discovery.GroupVersion> result = new ArrayList<>();
        Set<String> groups = new HashSet<>();
        Map<String, Discovery.GroupVersion> added = new LinkedHashMap<>();
        crds.listings().forEach(gv -> added.put(gv.groupVersion(), gv));
        for (Discovery.GroupVersion gv : listings.groupVersions()) {
            groups.add(gv.group());
            Discovery.GroupVersion crdGv = added.remove(gv.groupVersion());
            if (crdGv == null) {
                result.add(gv);
                continue;
            }
            Set<String> plurals = new HashSet<>();
            crdGv.resources().forEach(r -> plurals.add(r.plural()));
            List<Discovery.Resource> resources = new ArrayList<>();
            for (Discovery.Resource r : gv.resources()) {
                if (!plurals.contains(r.plural())) {
                    resources.add(r);
                }
            }
            resources.addAll(crdGv.resources());
            result.add(new Discovery.GroupVersion(gv.group(), gv.version(), gv.preferred(), resources, gv.file()));
        }
        for (Discovery.GroupVersion gv : added.values()) {
            boolean preferred = gv.preferred() && !groups.contains(gv.group());
            result.add(new Discovery.GroupVersion(gv.group(), gv.version(), preferred, gv.resources(), gv.file()));
        }
        return new Discovery(listings.source(), result, listings.complete());
    }
}
