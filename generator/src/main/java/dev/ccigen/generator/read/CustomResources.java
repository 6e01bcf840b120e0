package dev.ccigen.generator.read;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccigen.generator.problem.Problems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The CustomResourceDefinitions read, as a server with them installed describes them: the definitions of their kinds
 * and list kinds (named as servers name them, {@code sh.volcano.batch.v1alpha1.Job}), the paths of each served
 * version ({@link CrdPaths}), and the listings ({@code APIResourceList}s) of their group-versions, each group's
 * preferred version being its highest by Kubernetes' version order ({@code v1} before {@code v1beta2} before
 * {@code v1alpha1}). {@link Inputs} joins them with a document and its listings.
 */
public final class CustomResources {
    private static final List<String> VERBS =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
    private static final List<String> SUBRESOURCE_VERBS = List.of("get", "patch", "update");

    private final Path source;
    private final List<CustomResourceDefinition> crds;
    private final Map<String, Schema> definitions;
    private final List<Operation> operations;
    private final List<Discovery.GroupVersion> listings;

    private CustomResources(
            Path source,
            List<CustomResourceDefinition> crds,
            Map<String, Schema> definitions,
            List<Operation> operations,
            List<Discovery.GroupVersion> listings) {
        this.source = source;
        this.crds = crds;
        this.definitions = definitions;
        this.operations = operations;
        this.listings = listings;
    }

    /** The file or folder the manifests were read from. */
    public Path source() {
        return source;
    }

    /** The CRDs, in the order of their files (sorted by path) and of their documents. */
    public List<CustomResourceDefinition> crds() {
        return crds;
    }

    /** The kinds' and list kinds' definitions by name. They refer to Kubernetes' meta definitions ({@code ObjectMeta}). */
    public Map<String, Schema> definitions() {
        return definitions;
    }

    /** The names of the kinds' definitions (not their lists'). */
    public java.util.Set<String> kindDefinitions() {
        java.util.Set<String> kinds = new java.util.TreeSet<>();
        for (CustomResourceDefinition crd : crds) {
            for (CustomResourceDefinition.Version v : crd.versions()) {
                kinds.add(CrdPaths.definitionName(
                        crd.group(), v.name(), crd.names().kind()));
            }
        }
        return kinds;
    }

    /** The operations a server serves for them, as its document would list them. */
    public List<Operation> operations() {
        return operations;
    }

    /** One listing per group-version, as a server's discovery answers it. */
    public List<Discovery.GroupVersion> listings() {
        return listings;
    }

    /** Gathers CRDs file by file, then builds what a server would publish of them. */
    static final class Collector {
        private final Path source;
        private final List<CustomResourceDefinition> crds = new ArrayList<>();
        private final Map<String, Schema> definitions = new LinkedHashMap<>();
        private final Map<String, CustomResourceDefinition> byKind = new TreeMap<>();
        private final Map<String, CustomResourceDefinition> byPlural = new TreeMap<>();

        Collector(Path source) {
            this.source = source;
        }

        boolean isEmpty() {
            return crds.isEmpty();
        }

        /**
         * One CRD and its kind's schema per served version; a second CRD of a kind or a resource already defined is
         * an error at its place, and left out.
         */
        void add(CustomResourceDefinition crd, Map<String, Schema> schemas, Problems problems) {
            if (duplicate(crd, problems)) {
                return;
            }
            crds.add(crd);
            for (CustomResourceDefinition.Version v : crd.versions()) {
                definitions.put(
                        CrdPaths.definitionName(
                                crd.group(), v.name(), crd.names().kind()),
                        schemas.get(v.name()));
            }
        }

        /** Whether {@code crd} defines a kind or a resource an earlier one does (reported). */
        private boolean duplicate(CustomResourceDefinition crd, Problems problems) {
            CustomResourceDefinition kind =
                    byKind.putIfAbsent(crd.group() + "/" + crd.names().kind(), crd);
            CustomResourceDefinition plural =
                    byPlural.putIfAbsent(crd.group() + "/" + crd.names().plural(), crd);
            CustomResourceDefinition first = kind != null ? kind : plural;
            if (first == null) {
                return false;
            }
            problems.add(new dev.ccigen.generator.problem.Problem(
                    dev.ccigen.generator.problem.Problem.Severity.ERROR,
                    crd.at().file(),
                    crd.at().line(),
                    crd.at().column(),
                    null,
                    "the CustomResourceDefinition " + crd.name() + " defines " + crd.group() + " "
                            + (kind != null
                                    ? "kind " + crd.names().kind()
                                    : "resource " + crd.names().plural())
                            + ", which " + first.name() + " at " + first.at() + " defines already"));
            return true;
        }

        CustomResources build(boolean strict, Problems problems) {
            List<CustomResourceDefinition> kept = List.copyOf(crds);
            ObjectNode synthetic = JsonNodeFactory.instance.objectNode();
            ObjectNode lists = synthetic.putObject("definitions");
            ObjectNode paths = synthetic.putObject("paths");
            for (CustomResourceDefinition crd : kept) {
                for (CustomResourceDefinition.Version v : crd.versions()) {
                    String kind = CrdPaths.definitionName(
                            crd.group(), v.name(), crd.names().kind());
                    String list = CrdPaths.definitionName(
                            crd.group(), v.name(), crd.names().listKind());
                    lists.set(list, CrdPaths.listDefinition(crd, v.name(), kind));
                    CrdPaths.addPaths(paths, crd, v, kind, list);
                }
            }
            NodeReader nodes = new NodeReader(problems, strict);
            CrdSchemas.Refs refs = new CrdSchemas.Refs(nodes, true);
            SchemaReader reader = new SchemaReader(nodes, refs, true);
            Source document = new Source(source, synthetic);
            Map<String, Schema> all = new LinkedHashMap<>(definitions);
            lists.fields()
                    .forEachRemaining(e -> all.put(
                            e.getKey(),
                            reader.read(e.getValue(), "/definitions/" + NodeReader.escape(e.getKey()), document)));
            List<Operation> operations = new OperationReader(document, nodes, reader).operations();
            return new CustomResources(source, kept, all, operations, listings(kept));
        }

        /** The group-versions' listings, each group's highest version preferred. */
        private static List<Discovery.GroupVersion> listings(List<CustomResourceDefinition> crds) {
            Map<String, List<Discovery.Resource>> byGroupVersion = new TreeMap<>();
            Map<String, Path> files = new TreeMap<>();
            Map<String, String> preferred = new TreeMap<>();
            for (CustomResourceDefinition crd : crds) {
                for (CustomResourceDefinition.Version v : crd.versions()) {
                    String gv = crd.groupVersion(v);
                    files.putIfAbsent(gv, crd.at().file());
                    preferred.merge(crd.group(), v.name(), (a, b) -> KubeVersions.ORDER.compare(a, b) <= 0 ? a : b);
                    resources(crd, v, byGroupVersion.computeIfAbsent(gv, k -> new ArrayList<>()));
                }
            }
            List<Discovery.GroupVersion> listings = new ArrayList<>();
            for (var e : byGroupVersion.entrySet()) {
                String group = e.getKey().substring(0, e.getKey().lastIndexOf('/'));
                String version = e.getKey().substring(e.getKey().lastIndexOf('/') + 1);
                List<Discovery.Resource> resources = new ArrayList<>(e.getValue());
                resources.sort(Comparator.comparing(Discovery.Resource::name));
                listings.add(new Discovery.GroupVersion(
                        group,
                        version,
                        version.equals(preferred.get(group)),
                        List.copyOf(resources),
                        files.get(e.getKey())));
            }
            return listings;
        }

        /** The resource, and its status and scale subresources, as a listing has them. */
        private static void resources(
                CustomResourceDefinition crd, CustomResourceDefinition.Version v, List<Discovery.Resource> into) {
            CustomResourceDefinition.Names n = crd.names();
            Discovery.Resource.Place at = new Discovery.Resource.Place(crd.at().file(), null);
            into.add(new Discovery.Resource(
                    n.plural(),
                    n.singular(),
                    n.kind(),
                    crd.namespaced(),
                    VERBS,
                    n.shortNames(),
                    n.categories(),
                    null,
                    null,
                    at));
            if (v.scale() != null) {
                into.add(new Discovery.Resource(
                        n.plural() + "/scale",
                        "",
                        "Scale",
                        crd.namespaced(),
                        SUBRESOURCE_VERBS,
                        List.of(),
                        List.of(),
                        "autoscaling",
                        "v1",
                        at));
            }
            if (v.status()) {
                into.add(new Discovery.Resource(
                        n.plural() + "/status",
                        "",
                        n.kind(),
                        crd.namespaced(),
                        SUBRESOURCE_VERBS,
                        List.of(),
                        List.of(),
                        null,
                        null,
                        at));
            }
        }
    }
}
