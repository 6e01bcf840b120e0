package dev.ccigen.generator.read;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * What an API server publishes in its OpenAPI v2 document for a custom resource, written as that document's JSON: the
 * list kind's definition, and the paths of the resource and of its {@code status} and {@code scale} subresources with
 * the verbs Kubernetes serves for every custom resource (get, list, watch through list's {@code watch}, create,
 * replace, patch, delete, deletecollection), each carrying {@code x-kubernetes-action} and
 * {@code x-kubernetes-group-version-kind} as Kubernetes' own paths do. The rest of the generator then takes custom
 * resources as it takes any resource of a document.
 */
final class CrdPaths {
    static final String DEFINITIONS = "#/definitions/";
    static final String OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
    static final String LIST_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta";
    static final String STATUS = "io.k8s.apimachinery.pkg.apis.meta.v1.Status";
    static final String DELETE_OPTIONS = "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions";
    static final String PATCH = "io.k8s.apimachinery.pkg.apis.meta.v1.Patch";
    static final String SCALE = "io.k8s.api.autoscaling.v1.Scale";

    static final String API_VERSION_TEXT = "APIVersion defines the versioned schema of this representation of an"
            + " object. Servers should convert recognized schemas to the latest internal value, and may reject"
            + " unrecognized values. More info:"
            + " https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources";
    static final String KIND_TEXT = "Kind is a string value representing the REST resource this object represents."
            + " Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In"
            + " CamelCase. More info:"
            + " https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds";
    static final String METADATA_TEXT = "Standard object's metadata. More info:"
            + " https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";
    private static final String LIST_METADATA_TEXT = "Standard list metadata. More info:"
            + " https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds";

    private static final List<String> LIST_PARAMETERS = List.of(
            "allowWatchBookmarks:boolean",
            "continue:string",
            "fieldSelector:string",
            "labelSelector:string",
            "limit:integer",
            "resourceVersion:string",
            "resourceVersionMatch:string",
            "timeoutSeconds:integer",
            "watch:boolean");
    private static final List<String> WRITE_PARAMETERS =
            List.of("dryRun:string", "fieldManager:string", "fieldValidation:string");
    private static final List<String> PATCH_PARAMETERS =
            List.of("dryRun:string", "fieldManager:string", "fieldValidation:string", "force:boolean");
    private static final List<String> DELETE_PARAMETERS = List.of(
            "dryRun:string", "gracePeriodSeconds:integer", "orphanDependents:boolean", "propagationPolicy:string");
    private static final List<String> MEDIA_TYPES = List.of("application/json", "application/yaml");
    /** Custom resources take no strategic merge patch: Kubernetes has no patch strategies for their fields. */
    private static final List<String> PATCH_MEDIA_TYPES =
            List.of("application/json-patch+json", "application/merge-patch+json", "application/apply-patch+yaml");

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private CrdPaths() {}

    /** {@code batch.volcano.sh} → {@code sh.volcano.batch}: the first part of the definitions' names, as servers write it. */
    static String reversed(String group) {
        String[] parts = group.split("\\.");
        StringBuilder b = new StringBuilder();
        for (int i = parts.length - 1; i >= 0; i--) {
            b.append(parts[i]).append(i > 0 ? "." : "");
        }
        return b.toString();
    }

    /** The definition name a server gives a kind of a group-version: {@code sh.volcano.batch.v1alpha1.Job}. */
    static String definitionName(String group, String version, String kind) {
        return reversed(group) + "." + version + "." + kind;
    }

    /** {@code {"group": …, "version": …, "kind": …}}, as {@code x-kubernetes-group-version-kind} writes one. */
    static ObjectNode gvk(String group, String version, String kind) {
        ObjectNode gvk = JSON.objectNode();
        gvk.put("group", group);
        gvk.put("kind", kind);
        gvk.put("version", version);
        return gvk;
    }

    static ObjectNode ref(String definition, String description) {
        ObjectNode ref = JSON.objectNode();
        ref.put("$ref", DEFINITIONS + definition);
        if (description != null) {
            ref.put("description", description);
        }
        return ref;
    }

    static ObjectNode text(String description) {
        ObjectNode text = JSON.objectNode();
        text.put("description", description);
        text.put("type", "string");
        return text;
    }

    /** The list kind: apiVersion, items of the kind, kind, and ListMeta metadata. */
    static ObjectNode listDefinition(CustomResourceDefinition crd, String version, String kindDefinition) {
        ObjectNode list = JSON.objectNode();
        list.put(
                "description",
                crd.names().listKind() + " is a list of " + crd.names().kind() + ".");
        ObjectNode properties = list.putObject("properties");
        properties.set("apiVersion", text(API_VERSION_TEXT));
        ObjectNode items = properties.putObject("items");
        items.put("description", "List of " + crd.names().plural() + ".");
        items.set("items", ref(kindDefinition, null));
        items.put("type", "array");
        properties.set("kind", text(KIND_TEXT));
        properties.set("metadata", ref(LIST_META, LIST_METADATA_TEXT));
        list.putArray("required").add("items");
        list.put("type", "object");
        list.putArray("x-kubernetes-group-version-kind")
                .add(gvk(crd.group(), version, crd.names().listKind()));
        return list;
    }

    /**
     * The paths of one served version of {@code crd} (in Kubernetes' order: sorted), added to {@code paths}.
     *
     * @param kind the definition of the kind, {@code list} of its list kind
     */
    static void addPaths(
            ObjectNode paths,
            CustomResourceDefinition crd,
            CustomResourceDefinition.Version version,
            String kind,
            String list) {
        String group = crd.group();
        String plural = crd.names().plural();
        String prefix = "/apis/" + group + "/" + version.name() + "/";
        String scoped = crd.namespaced() ? prefix + "namespaces/{namespace}/" + plural : prefix + plural;
        Ids ids = new Ids(crd, version);
        ObjectNode gvk = gvk(group, version.name(), crd.names().kind());
        if (crd.namespaced()) {
            ObjectNode all = paths.putObject(prefix + plural);
            all.set("get", list(ids.of("list", "ForAllNamespaces"), list, gvk, ids.tag));
        }
        ObjectNode collection = paths.putObject(scoped);
        collection.set("delete", deleteCollection(ids, gvk));
        collection.set("get", list(ids.of("list", ""), list, gvk, ids.tag));
        collection.set("parameters", pathParameters(crd.namespaced(), false));
        collection.set("post", write("post", ids.of("create", ""), kind, gvk, ids.tag));
        ObjectNode named = paths.putObject(scoped + "/{name}");
        named.set("delete", delete(ids, gvk));
        named.set("get", read(ids.of("read", ""), kind, gvk, ids.tag));
        named.set("parameters", pathParameters(crd.namespaced(), true));
        named.set("patch", write("patch", ids.of("patch", ""), kind, gvk, ids.tag));
        named.set("put", write("put", ids.of("replace", ""), kind, gvk, ids.tag));
        if (version.scale() != null) {
            subresource(paths.putObject(scoped + "/{name}/scale"), crd, ids, "Scale", SCALE);
        }
        if (version.status()) {
            subresource(paths.putObject(scoped + "/{name}/status"), crd, ids, "Status", kind);
        }
    }

    private static void subresource(
            ObjectNode path, CustomResourceDefinition crd, Ids ids, String suffix, String definition) {
        ObjectNode gvk = suffix.equals("Scale")
                ? gvk("autoscaling", "v1", "Scale")
                : gvk(crd.group(), ids.version, crd.names().kind());
        path.set("get", read(ids.of("read", suffix), definition, gvk, ids.tag));
        path.set("parameters", pathParameters(crd.namespaced(), true));
        path.set("patch", write("patch", ids.of("patch", suffix), definition, gvk, ids.tag));
        path.set("put", write("put", ids.of("replace", suffix), definition, gvk, ids.tag));
    }

    /** Operation ids as Kubernetes writes them: {@code listBatchVolcanoShV1alpha1NamespacedJob}. */
    private static final class Ids {
        final String groupVersion;
        final String version;
        final String kind;
        final String tag;
        final boolean namespaced;

        Ids(CustomResourceDefinition crd, CustomResourceDefinition.Version version) {
            StringBuilder words = new StringBuilder();
            for (String w : crd.group().split("[.-]")) {
                words.append(capital(w));
            }
            this.groupVersion = words + capital(version.name());
            this.version = version.name();
            this.kind = crd.names().kind();
            this.tag = Character.toLowerCase(words.charAt(0)) + words.substring(1) + "_" + version.name();
            this.namespaced = crd.namespaced();
        }

        /** {@code verb} + group-version + {@code Namespaced} + kind + {@code suffix}; all namespaces: {@code …KindForAllNamespaces}. */
        String of(String verb, String suffix) {
            if (suffix.equals("ForAllNamespaces")) {
                return verb + groupVersion + kind + suffix;
            }
            return verb + groupVersion + (namespaced ? "Namespaced" : "") + kind + suffix;
        }

        String collection(String verb) {
            return verb + groupVersion + "Collection" + (namespaced ? "Namespaced" : "") + kind;
        }

        private static String capital(String w) {
            return w.isEmpty() ? w : w.substring(0, 1).toUpperCase(Locale.ROOT) + w.substring(1);
        }
    }

    private static ObjectNode operation(String id, String action, ObjectNode gvk, String tag, List<String> query) {
        ObjectNode op = JSON.objectNode();
        op.put("operationId", id);
        ArrayNode parameters = op.putArray("parameters");
        for (String q : query) {
            ObjectNode p = parameters.addObject();
            p.put("in", "query");
            p.put("name", q.substring(0, q.indexOf(':')));
            p.put("type", q.substring(q.indexOf(':') + 1));
            p.put("uniqueItems", true);
        }
        ArrayNode produces = op.putArray("produces");
        MEDIA_TYPES.forEach(produces::add);
        op.putObject("responses");
        op.putArray("schemes").add("https");
        op.putArray("tags").add(tag);
        op.put("x-kubernetes-action", action);
        op.set("x-kubernetes-group-version-kind", gvk);
        return op;
    }

    private static void respond(ObjectNode op, String status, String description, String definition) {
        ObjectNode r = ((ObjectNode) op.get("responses")).putObject(status);
        r.put("description", description);
        if (definition != null) {
            r.set("schema", ref(definition, null));
        }
    }

    private static ObjectNode list(String id, String listDefinition, ObjectNode gvk, String tag) {
        ObjectNode op = operation(id, "list", gvk, tag, LIST_PARAMETERS);
        ((ArrayNode) op.get("produces")).add("application/json;stream=watch");
        respond(op, "200", "OK", listDefinition);
        return op;
    }

    private static ObjectNode read(String id, String definition, ObjectNode gvk, String tag) {
        ObjectNode op = operation(id, "get", gvk, tag, List.of());
        respond(op, "200", "OK", definition);
        return op;
    }

    /** create ({@code post}), replace ({@code put}) or {@code patch}. */
    private static ObjectNode write(String method, String id, String definition, ObjectNode gvk, String tag) {
        boolean patch = method.equals("patch");
        ObjectNode op = operation(id, method, gvk, tag, patch ? PATCH_PARAMETERS : WRITE_PARAMETERS);
        ArrayNode consumes = op.putArray("consumes");
        (patch ? PATCH_MEDIA_TYPES : MEDIA_TYPES).forEach(consumes::add);
        ObjectNode body = ((ArrayNode) op.get("parameters")).insertObject(0);
        body.put("in", "body");
        body.put("name", "body");
        body.put("required", true);
        body.set("schema", ref(patch ? PATCH : definition, null));
        respond(op, "200", "OK", definition);
        if (method.equals("post")) {
            respond(op, "201", "Created", definition);
            respond(op, "202", "Accepted", definition);
        } else if (method.equals("put")) {
            respond(op, "201", "Created", definition);
        }
        return op;
    }

    private static ObjectNode delete(Ids ids, ObjectNode gvk) {
        ObjectNode op = operation(ids.of("delete", ""), "delete", gvk, ids.tag, DELETE_PARAMETERS);
        deleteBody(op);
        respond(op, "200", "OK", STATUS);
        respond(op, "202", "Accepted", STATUS);
        return op;
    }

    private static ObjectNode deleteCollection(Ids ids, ObjectNode gvk) {
        List<String> query = new java.util.ArrayList<>(LIST_PARAMETERS);
        query.addAll(DELETE_PARAMETERS);
        query.remove("watch:boolean");
        query.remove("allowWatchBookmarks:boolean");
        ObjectNode op = operation(ids.collection("delete"), "deletecollection", gvk, ids.tag, query);
        deleteBody(op);
        respond(op, "200", "OK", STATUS);
        return op;
    }

    private static void deleteBody(ObjectNode op) {
        ObjectNode body = ((ArrayNode) op.get("parameters")).insertObject(0);
        body.put("in", "body");
        body.put("name", "body");
        body.set("schema", ref(DELETE_OPTIONS, null));
    }

    private static ArrayNode pathParameters(boolean namespaced, boolean named) {
        ArrayNode parameters = JSON.arrayNode();
        if (named) {
            pathParameter(parameters, "name", "name of the custom resource");
        }
        if (namespaced) {
            pathParameter(parameters, "namespace", "object name and auth scope, such as for teams and projects");
        }
        return parameters;
    }

    private static void pathParameter(ArrayNode parameters, String name, String description) {
        ObjectNode p = parameters.addObject();
        p.put("description", description);
        p.put("in", "path");
        p.put("name", name);
        p.put("required", true);
        p.put("type", "string");
        p.put("uniqueItems", true);
    }
}
