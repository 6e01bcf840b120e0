package dev.ccigen.generator.link;

import dev.ccigen.generator.problem.Problems;
import dev.ccigen.generator.read.ApiSpec;
import dev.ccigen.generator.read.Discovery;
import dev.ccigen.generator.read.Operation;
import dev.ccigen.generator.read.Schema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the resource-style API. First the document's own resources are found from its Kubernetes-style
 * paths ({@code /api/v1/namespaces/{namespace}/pods/{name}/log}) and {@code x-kubernetes-action}s; then,
 * when listings are given, they decide what is served: a resource they do not list is left out (said in
 * the report), a listed resource without paths or schema and a granted verb without an operation are
 * warnings (errors when strict), naming both places.
 */
final class ResourceLinker {
    private final ApiSpec spec;
    private final TypeLinker types;
    private final LinkOptions options;
    private final Problems problems;
    /** Operations that became resource verbs; the rest go to the operation-style API. */
    private final Set<Operation> used = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    ResourceLinker(ApiSpec spec, TypeLinker types, LinkOptions options, Problems problems) {
        this.spec = spec;
        this.types = types;
        this.options = options;
        this.problems = problems;
    }

    /** A resource as the document serves it. */
    private static final class DocResource {
        final String group;
        final String version;
        final String plural;
        boolean namespaced;
        String kind;
        final Map<String, Operation> verbs = new LinkedHashMap<>();
        final Map<String, Map<String, Operation>> subresources = new TreeMap<>();
        /** A subresource's kind, from its operations' x-kubernetes-group-version-kind (e.g. {@code Scale}). */
        final Map<String, String> subresourceKinds = new TreeMap<>();

        final List<Operation> connect = new ArrayList<>();
        /** The verbs ({@code list}, {@code watch}) served on the collection's path without a namespace. */
        final Set<String> unscoped = new TreeSet<>();

        String groupVersion() {
            return group.isEmpty() ? version : group + "/" + version;
        }

        DocResource(String group, String version, String plural) {
            this.group = group;
            this.version = version;
            this.plural = plural;
        }
    }

    Set<Operation> usedOperations() {
        return used;
    }

    List<GroupVersionModel> link(Discovery discovery) {
        Map<String, DocResource> doc = documentResources();
        Map<String, List<ResourceModel>> byGroupVersion = new TreeMap<>();
        Map<String, Boolean> preferred = new TreeMap<>();
        if (discovery == null) {
            doc.values().forEach(r -> unlisted(r, byGroupVersion));
        } else {
            Set<String> listed = new HashSet<>();
            for (Discovery.GroupVersion gv : discovery.groupVersions()) {
                listedGroupVersion(gv, discovery, doc, byGroupVersion, preferred, listed);
            }
            if (!discovery.complete()) { // the listings of CRDs only: the document's other resources are its paths'
                doc.forEach((key, r) -> {
                    if (discovery.find(r.group, r.version) == null) {
                        unlisted(r, byGroupVersion);
                        listed.add(key);
                    }
                });
            }
            reportUnlisted(doc, listed);
        }
        List<GroupVersionModel> result = new ArrayList<>();
        for (var e : byGroupVersion.entrySet()) {
            String group = e.getKey().substring(0, e.getKey().indexOf('/'));
            String version = e.getKey().substring(e.getKey().indexOf('/') + 1);
            result.add(groupVersion(group, version, preferred.getOrDefault(e.getKey(), true), e.getValue()));
        }
        return result;
    }

    /** A resource of the document that no listing decides: as its paths serve it. */
    private void unlisted(DocResource r, Map<String, List<ResourceModel>> byGroupVersion) {
        if (options.includes(r.group, r.version)) {
            add(byGroupVersion, r.group, r.version, resource(r, null, r.kind, List.copyOf(r.verbs.keySet()), Map.of()));
        }
    }

    private static void add(
            Map<String, List<ResourceModel>> byGroupVersion, String group, String version, ResourceModel m) {
        if (m != null) {
            byGroupVersion
                    .computeIfAbsent(group + "/" + version, k -> new ArrayList<>())
                    .add(m);
        }
    }

    /** The resources of one listed group-version that the document serves, each with the subresources listed for it. */
    private void listedGroupVersion(
            Discovery.GroupVersion gv,
            Discovery discovery,
            Map<String, DocResource> doc,
            Map<String, List<ResourceModel>> byGroupVersion,
            Map<String, Boolean> preferred,
            Set<String> listed) {
        String gvPointer = gv.file().equals(discovery.source()) ? null : "/groupVersion";
        if (!KubernetesNames.check(problems, gv.file(), gvPointer, "the group", gv.group(), true)
                | !KubernetesNames.check(problems, gv.file(), gvPointer, "the version", gv.version(), false)) {
            return;
        }
        if (!options.includes(gv.group(), gv.version())) {
            problems.info(gv.file(), null, "left out by the group filter: " + gv.groupVersion());
            return;
        }
        preferred.put(gv.group() + "/" + gv.version(), gv.preferred());
        List<Discovery.Resource> allowed =
                gv.resources().stream().filter(this::namesAllowed).toList();
        Map<String, Discovery.Resource> subs = new TreeMap<>();
        allowed.stream().filter(Discovery.Resource::isSubresource).forEach(s -> subs.put(s.name(), s));
        for (Discovery.Resource listing : allowed) {
            if (listing.isSubresource()) {
                continue;
            }
            String key = gv.group() + "/" + gv.version() + "/" + listing.plural();
            listed.add(key);
            DocResource r = doc.get(key);
            if (r == null) {
                report(
                        listing.file(),
                        listing.pointer(),
                        "the listings serve " + gv.groupVersion() + " " + listing.name() + ", but "
                                + spec.source().getFileName() + " has no paths for it");
                continue;
            }
            Map<String, Discovery.Resource> mySubs = new TreeMap<>();
            subs.forEach((name, s) -> {
                if (s.plural().equals(listing.plural())) {
                    mySubs.put(s.subresource(), s);
                }
            });
            add(
                    byGroupVersion,
                    gv.group(),
                    gv.version(),
                    resource(r, listing, listing.kind(), listing.verbs(), mySubs));
        }
    }

    /** The document's resources the listings leave out (or the group filter does), said in the report. */
    private void reportUnlisted(Map<String, DocResource> doc, Set<String> listed) {
        for (var e : doc.entrySet()) {
            DocResource r = e.getValue();
            if (!options.includes(r.group, r.version)) {
                problems.info(
                        spec.source(), null, "left out by the group filter: " + r.groupVersion() + " " + r.plural);
            } else if (!listed.contains(e.getKey())) {
                problems.info(
                        spec.source(), null, "left out, not in the listings: " + r.groupVersion() + " " + r.plural);
            }
        }
    }

    private GroupVersionModel groupVersion(
            String group, String version, boolean preferred, List<ResourceModel> resources) {
        List<ResourceModel> sorted = new ArrayList<>(resources);
        sorted.sort((a, b) -> a.plural().compareTo(b.plural()));
        String accessor = Naming.groupVersionAccessor(group, version);
        return new GroupVersionModel(
                group,
                version,
                group.isEmpty() ? version : group + "/" + version,
                JavaText.literal(
                        spec.pathPrefix() + (group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version)),
                packageOf(group, version),
                Naming.capitalize(accessor),
                accessor,
                preferred,
                sorted,
                null);
    }

    private void report(Path file, String pointer, String message) {
        if (options.strict()) {
            problems.error(file, pointer, message);
        } else {
            problems.warning(file, pointer, message);
        }
    }

    // ---- the document's resources ------------------------------------------------------------------------

    /** The resources of the document, keyed {@code group/version/plural}, from path shapes and actions. */
    private Map<String, DocResource> documentResources() {
        Map<String, DocResource> result = new TreeMap<>();
        for (Operation op : spec.operations()) {
            PathShape shape = PathShape.of(op.path());
            String action = op.kubernetesAction();
            if (shape == null || action == null) {
                continue;
            }
            List<TypeLinker.Gvk> gvk = TypeLinker.gvksOf(op.extensions().get("x-kubernetes-group-version-kind"));
            if (!namesAllowed(op, shape, gvk)) {
                continue;
            }
            DocResource r = result.computeIfAbsent(
                    shape.group() + "/" + shape.version() + "/" + shape.plural(),
                    k -> new DocResource(shape.group(), shape.version(), shape.plural()));
            r.namespaced |= shape.namespaced();
            if (shape.subresource() == null && r.kind == null && !gvk.isEmpty()) {
                r.kind = gvk.get(0).kind();
            } else if (shape.subresource() != null && !gvk.isEmpty()) {
                r.subresourceKinds.putIfAbsent(shape.subresource(), gvk.get(0).kind());
            }
            noteUnscoped(r, op, shape);
            if (shape.extraPath() || "connect".equals(action)) {
                r.connect.add(op);
                continue;
            }
            String verb = verb(action, shape);
            if (verb == null) {
                continue;
            }
            if (shape.subresource() != null) {
                r.subresources
                        .computeIfAbsent(shape.subresource(), s -> new LinkedHashMap<>())
                        .putIfAbsent(verb, op);
            } else if (shape.watch()) {
                r.verbs.putIfAbsent("watch", op); // the deprecated /watch/ paths: list?watch=true serves the same
            } else if (verb.equals("list") && (!shape.namespaced() && r.namespaced)) {
                r.verbs.putIfAbsent("list-all", op);
            } else {
                r.verbs.put(verb, op);
                if (verb.equals("list") && op.parameter("watch") != null) {
                    r.verbs.putIfAbsent("watch", op);
                }
            }
        }
        // A namespaced resource's all-namespaces list was met first on a path without {namespace}.
        for (DocResource r : result.values()) {
            Operation all = r.verbs.remove("list-all");
            if (all != null && !r.verbs.containsKey("list")) {
                r.verbs.put("list", all);
            }
        }
        return result;
    }

    /** A list or watch on the collection's path without a namespace: what the resource serves across namespaces. */
    private static void noteUnscoped(DocResource r, Operation op, PathShape shape) {
        if (shape.namespaced() || shape.named() || shape.subresource() != null) {
            return;
        }
        String v = verb(op.kubernetesAction(), shape);
        if ("list".equals(v) || "watch".equals(v)) {
            r.unscoped.add(v);
            if ("list".equals(v) && op.parameter("watch") != null) {
                r.unscoped.add("watch");
            }
        }
    }

    /** Whether the names a resource path and its kind give are names Kubernetes allows; each one that is not is reported. */
    private boolean namesAllowed(Operation op, PathShape shape, List<TypeLinker.Gvk> gvk) {
        Path file = spec.source();
        String path = "in path " + JavaText.literal(op.path()) + ", the ";
        boolean ok = KubernetesNames.check(problems, file, op.pointer(), path + "group", shape.group(), true);
        ok &= KubernetesNames.check(problems, file, op.pointer(), path + "version", shape.version(), false);
        ok &= KubernetesNames.check(problems, file, op.pointer(), path + "resource", shape.plural(), false);
        if (shape.subresource() != null) {
            ok &= KubernetesNames.check(problems, file, op.pointer(), path + "subresource", shape.subresource(), false);
        }
        for (TypeLinker.Gvk g : gvk) {
            ok &= KubernetesNames.check(
                    problems, file, op.pointer() + "/x-kubernetes-group-version-kind", "the kind", g.kind(), false);
        }
        return ok;
    }

    /** Whether a listed resource's names are names Kubernetes allows; each one that is not is reported. */
    private boolean namesAllowed(Discovery.Resource r) {
        boolean ok = KubernetesNames.check(problems, r.file(), r.pointer(), "the resource", r.plural(), false);
        if (r.isSubresource()) {
            ok &= KubernetesNames.check(problems, r.file(), r.pointer(), "the subresource", r.subresource(), false);
        }
        ok &= KubernetesNames.check(problems, r.file(), r.pointer(), "the kind", r.kind(), false);
        ok &= KubernetesNames.check(problems, r.file(), r.pointer(), "the singular name", r.singularName(), true);
        for (String shortName : r.shortNames()) {
            ok &= KubernetesNames.check(problems, r.file(), r.pointer(), "the short name", shortName, false);
        }
        if (r.group() != null) {
            ok &= KubernetesNames.check(problems, r.file(), r.pointer(), "the group", r.group(), true);
        }
        if (r.version() != null) {
            ok &= KubernetesNames.check(problems, r.file(), r.pointer(), "the version", r.version(), false);
        }
        return ok;
    }

    private static String verb(String action, PathShape shape) {
        boolean named = shape.named();
        return switch (action) {
            case "get" -> named ? "get" : null;
            case "list" -> named ? null : "list";
            case "watch", "watchlist" -> "watch";
            case "post" -> shape.subresource() != null ? "create" : named ? null : "create";
            case "put" -> named ? "update" : null;
            case "patch" -> named ? "patch" : null;
            case "delete" -> named ? "delete" : null;
            case "deletecollection" -> named ? null : "deletecollection";
            default -> null;
        };
    }

    // ---- one resource ---------------------------------------------------------------------------------

    private ResourceModel resource(
            DocResource r,
            Discovery.Resource listing,
            String kind,
            List<String> grantedVerbs,
            Map<String, Discovery.Resource> listedSubs) {
        String typeName = resourceClass(r, listing, kind);
        if (typeName == null) {
            return null;
        }
        Set<String> verbs = grantedVerbs(r, listing, grantedVerbs);
        Set<String> referenced = new TreeSet<>();
        referenced.add(typeName);
        String listTypeName = responseClass(r.verbs.get("list"), referenced);
        if (listTypeName != null && !types.isKubernetesList(listTypeName)) {
            listTypeName = null;
        }
        // what the document declares a delete answers: for the test server; the class returns a DeleteResult
        String deleteType = responseClass(r.verbs.get("delete"), new TreeSet<>());
        String deleteCollectionType = responseClass(r.verbs.get("deletecollection"), new TreeSet<>());
        List<SubDraft> subs = subresources(r, listing, listedSubs, referenced);
        Set<String> connect = webSocketSubresources(r, listing, listedSubs);

        String name = Naming.type(kindCased(r.plural, kind));
        Set<String> inScope = new HashSet<>(Imports.RUNTIME_NAMES);
        inScope.add(name);
        Imports plan = Imports.plan("", inScope, referenced);
        EnumSet<ResourceModel.Verb> served = EnumSet.noneOf(ResourceModel.Verb.class);
        for (String v : verbs) {
            ResourceModel.Verb verb = ResourceModel.Verb.ofListed(v);
            if (verb != ResourceModel.Verb.LIST || listTypeName != null) {
                served.add(verb);
            }
        }
        String type = plan.render(JavaType.of(typeName));
        boolean namespaced = namespaced(r, listing);
        ResourceModel.Builder builder = ResourceModel.builder(r.plural, packageOf(r.group, r.version), name)
                .singular(listing == null ? "" : listing.singularName())
                .kind(kind)
                .namespaced(namespaced)
                .allNamespaces(allNamespaces(r, namespaced, served, name, plan, typeName, listTypeName))
                .shortNames(listing == null ? List.of() : listing.shortNames())
                .accessor(Naming.accessor(name))
                .type(type)
                .listType(listTypeName == null ? null : plan.render(JavaType.of(listTypeName)))
                .verbs(served)
                .deleteType(deleteType == null ? typeName : deleteType)
                .deleteCollectionType(deleteCollectionType)
                .subresources(subresourceModels(subs, plan))
                .webSockets(connect);
        ResourceModel model = builder.build(); // what it serves decides what its class imports
        return builder.imports(new ResourceImports(options.runtimePackage(), plan.imports(), listTypeName != null)
                        .collection(model.list(), model.watch())
                        .object(model)
                        .subresources(model)
                        .sorted())
                .build();
    }

    /**
     * The view of a namespaced resource across all namespaces, with the verbs of its own that Kubernetes serves there
     * (list and watch, on the collection's path without a namespace); null when it has none.
     */
    private ResourceModel.AllNamespacesModel allNamespaces(
            DocResource r,
            boolean namespaced,
            Set<ResourceModel.Verb> served,
            String className,
            Imports plan,
            String typeName,
            String listTypeName) {
        boolean list = served.contains(ResourceModel.Verb.LIST) && r.unscoped.contains("list");
        boolean watch = served.contains(ResourceModel.Verb.WATCH) && r.unscoped.contains("watch");
        if (!namespaced || !list && !watch) {
            return null;
        }
        List<String> models = plan.imports().stream()
                .filter(q -> q.equals(typeName) || q.equals(listTypeName))
                .toList();
        List<String> imports = new ResourceImports(options.runtimePackage(), models, listTypeName != null)
                .collection(list, watch)
                .sorted();
        return new ResourceModel.AllNamespacesModel(Naming.allNamespacesClass(className), list, watch, imports);
    }

    /**
     * The model class of a resource's kind; null, reported, when no definition carries the kind or its class is no
     * Kubernetes object.
     */
    private String resourceClass(DocResource r, Discovery.Resource listing, String kind) {
        Path where = listing == null ? spec.source() : listing.file();
        String pointer = listing == null ? null : listing.pointer();
        String group = listing != null && listing.group() != null ? listing.group() : r.group;
        String version = listing != null && listing.version() != null ? listing.version() : r.version;
        String typeName = kind == null ? null : classOfKind(group, version, kind);
        if (typeName == null) {
            report(
                    where,
                    pointer,
                    (listing == null ? "the document serves " : "the listings serve ")
                            + r.groupVersion() + " " + r.plural + " of kind " + kind
                            + ", but no definition of " + spec.source().getFileName()
                            + " carries x-kubernetes-group-version-kind " + group + "/" + version + " " + kind);
            return null;
        }
        if (!types.isKubernetesObject(typeName)) {
            report(
                    where,
                    pointer,
                    r.groupVersion() + " " + r.plural + ": its kind " + kind
                            + " has no ObjectMeta metadata, so it cannot be served as a resource");
            return null;
        }
        return typeName;
    }

    private static List<ResourceModel.SubresourceModel> subresourceModels(List<SubDraft> subs, Imports plan) {
        List<ResourceModel.SubresourceModel> models = new ArrayList<>();
        NameAllocator suffixes = new NameAllocator(false);
        for (SubDraft d : subs) {
            models.add(new ResourceModel.SubresourceModel(
                    d.name(),
                    suffixes.allocate(Naming.type(kindCased(d.name(), d.kind()))),
                    d.type() == null ? null : plan.render(JavaType.of(d.type())),
                    d.verbs().contains("get"),
                    d.verbs().contains("update"),
                    d.verbs().contains("patch"),
                    d.verbs().contains("create"),
                    d.text()));
        }
        return models;
    }

    /** The verbs both the listing grants and the document serves; a granted verb without an operation is reported. */
    private Set<String> grantedVerbs(DocResource r, Discovery.Resource listing, List<String> granted) {
        Set<String> verbs = new TreeSet<>();
        for (String v : granted) {
            if (ResourceModel.Verb.ofListed(v) == null) {
                continue; // proxy, escalate, bind, impersonate...: not resource methods
            }
            if (r.verbs.containsKey(v)) {
                verbs.add(v);
                used.add(r.verbs.get(v));
            } else if (listing != null) {
                report(
                        listing.file(),
                        listing.pointer(),
                        "the listings grant verb \"" + v + "\" on " + r.groupVersion() + " " + r.plural + ", but "
                                + spec.source().getFileName() + " has no operation for it");
            }
        }
        if (listing != null) {
            r.verbs.values().forEach(used::add); // legacy watch paths and the like belong to the resource either way
        }
        return verbs;
    }

    /**
     * The listings decide the scope when they are given (they are what the server says of itself); a document whose
     * paths say otherwise is reported, naming both places.
     */
    private boolean namespaced(DocResource r, Discovery.Resource listing) {
        if (listing == null) {
            return r.namespaced;
        }
        if (listing.namespaced() != r.namespaced) {
            report(
                    listing.file(),
                    listing.pointer(),
                    r.groupVersion() + " " + r.plural + " is "
                            + (listing.namespaced() ? "namespaced" : "cluster-scoped") + " in the listings, but "
                            + spec.source().getFileName() + " serves it "
                            + (r.namespaced ? "in namespaces" : "without a namespace")
                            + "; the listings decide");
        }
        return listing.namespaced();
    }

    /** The subresources a resource serves (and the listings grant), each with its verbs and body type. */
    private List<SubDraft> subresources(
            DocResource r,
            Discovery.Resource listing,
            Map<String, Discovery.Resource> listedSubs,
            Set<String> referenced) {
        List<SubDraft> subs = new ArrayList<>();
        for (var e : r.subresources.entrySet()) {
            String sub = e.getKey();
            Discovery.Resource listedSub = listedSubs.get(sub);
            if (listing != null && listedSub == null) {
                problems.info(spec.source(), null, "left out, not in the listings: " + r.plural + "/" + sub);
                continue;
            }
            SubDraft draft = subresource(r, sub, e.getValue(), listedSub, referenced);
            if (draft != null) {
                subs.add(draft);
            }
        }
        for (var e : listedSubs.entrySet()) {
            if (!r.subresources.containsKey(e.getKey())
                    && r.connect.stream()
                            .noneMatch(
                                    op -> PathShape.of(op.path()).subresource().equals(e.getKey()))) {
                report(
                        e.getValue().file(),
                        e.getValue().pointer(),
                        "the listings serve " + r.plural + "/" + e.getKey() + ", but "
                                + spec.source().getFileName() + " has no operation for it");
            }
        }
        return subs;
    }

    /** One subresource with the verbs the document serves (and its listing grants); null when none is left. */
    private SubDraft subresource(
            DocResource r,
            String sub,
            Map<String, Operation> ops,
            Discovery.Resource listedSub,
            Set<String> referenced) {
        Set<String> subVerbs = new TreeSet<>(ops.keySet());
        if (listedSub != null) {
            for (String v : listedSub.verbs()) {
                if (ResourceModel.Verb.ofListed(v) != null && !ops.containsKey(v)) {
                    report(
                            listedSub.file(),
                            listedSub.pointer(),
                            "the listings grant verb \"" + v + "\" on " + r.plural + "/" + sub + ", but "
                                    + spec.source().getFileName() + " has no operation for it");
                }
            }
            subVerbs.retainAll(listedSub.verbs());
        }
        if (subVerbs.isEmpty()) {
            return null;
        }
        subVerbs.forEach(v -> used.add(ops.get(v)));
        Operation get = ops.get("get");
        Schema body = get == null ? null : get.successSchema();
        // a text subresource is served as a stream of lines: Kubernetes has one, "log"
        boolean text = body != null && "string".equals(spec.resolve(body).type());
        if (text && (!sub.equals("log") || !subVerbs.contains("get"))) {
            return null;
        }
        String subType = null;
        if (!text) {
            Operation any =
                    ops.getOrDefault("get", ops.getOrDefault("update", ops.getOrDefault("create", ops.get("patch"))));
            subType = responseClass(any, referenced);
            if (subType == null) {
                subType = bodyClass(any, referenced);
            }
        }
        return new SubDraft(
                sub, listedSub == null ? r.subresourceKinds.get(sub) : listedSub.kind(), subType, text, subVerbs);
    }

    /** Subresources served over a WebSocket: a method each (runtime {@code ExecSession}, {@code PortForward}), not a plain call. */
    static final Set<String> WEBSOCKET_SUBRESOURCES = Set.of("exec", "attach", "portforward");

    /**
     * The WebSocket subresources of a resource that the document serves with a GET (the upgrade) and the listings, when
     * given, grant; their operations (the POST too, SPDY's form of the same) are then taken by the resource.
     */
    private Set<String> webSocketSubresources(
            DocResource r, Discovery.Resource listing, Map<String, Discovery.Resource> listedSubs) {
        Set<String> granted = new TreeSet<>();
        for (Operation op : r.connect) {
            PathShape shape = PathShape.of(op.path());
            if (op.method().equals("get")
                    && !shape.extraPath()
                    && WEBSOCKET_SUBRESOURCES.contains(shape.subresource())
                    && (listing == null || listedSubs.containsKey(shape.subresource()))) {
                granted.add(shape.subresource());
            }
        }
        for (Operation op : r.connect) {
            PathShape shape = PathShape.of(op.path());
            if (!shape.extraPath() && granted.contains(shape.subresource())) {
                used.add(op);
            }
        }
        return granted;
    }

    private record SubDraft(String name, String kind, String type, boolean text, Set<String> verbs) {}

    /**
     * A lower-case resource name written with its kind's capitals where the two agree letter by letter:
     * ({@code persistentvolumeclaims}, {@code PersistentVolumeClaim}) → {@code PersistentVolumeClaims};
     * ({@code networkpolicies}, {@code NetworkPolicy}) → {@code NetworkPolicies}; ({@code status}, {@code Pod}) →
     * {@code status}. Without a kind, the name as it is.
     */
    static String kindCased(String name, String kind) {
        if (kind == null) {
            return name;
        }
        StringBuilder b = new StringBuilder(name.length());
        int i = 0;
        while (i < name.length() && i < kind.length() && Character.toLowerCase(kind.charAt(i)) == name.charAt(i)) {
            b.append(kind.charAt(i++));
        }
        return b.append(name, i, name.length()).toString();
    }

    private String packageOf(String group, String version) {
        return options.apiPackage() + "." + String.join(".", Naming.apiPackageSegments(group, version));
    }

    /** The class of the definition whose x-kubernetes-group-version-kind names (group, version, kind). */
    private String classOfKind(String group, String version, String kind) {
        if (classOfGvk == null) {
            classOfGvk = new java.util.HashMap<>();
            for (var e : new TreeMap<>(spec.definitions()).entrySet()) {
                String cls = types.classOf(e.getKey());
                for (TypeLinker.Gvk g :
                        TypeLinker.gvksOf(e.getValue().extensions().get("x-kubernetes-group-version-kind"))) {
                    if (cls != null) {
                        classOfGvk.putIfAbsent(g.group() + "/" + g.version() + "/" + g.kind(), cls);
                    }
                }
            }
        }
        return classOfGvk.get(group + "/" + version + "/" + kind);
    }

    /** By "group/version/kind": a string key, as a record's hash goes through a method-handle chain in a cold JVM. */
    private Map<String, String> classOfGvk;

    private String responseClass(Operation op, Set<String> referenced) {
        Schema s = op == null ? null : op.successSchema();
        String cls = s != null && s.isRef() ? types.classOf(s.ref()) : null;
        if (cls != null) {
            referenced.add(cls);
        }
        return cls;
    }

    private String bodyClass(Operation op, Set<String> referenced) {
        if (op == null) {
            return null;
        }
        for (var p : op.parameters()) {
            if (p.in().equals("body")
                    && p.schema().isRef()
                    && types.classOf(p.schema().ref()) != null) {
                String cls = types.classOf(p.schema().ref());
                referenced.add(cls);
                return cls;
            }
        }
        return null;
    }
}
