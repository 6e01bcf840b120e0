package dev.ccigen.generator.read;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccigen.generator.problem.Problem;
import dev.ccigen.generator.problem.Problems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads CustomResourceDefinition manifests ({@code apiextensions.k8s.io/v1}, and {@code v1beta1} where still
 * published) into {@link CustomResources}: a file, or a folder read with its subfolders ({@code *.yaml}, {@code *.yml},
 * {@code *.json}, each perhaps gzipped), several documents per file, and a {@code List} of them as {@code kubectl get
 * crd -o yaml} writes it. A document of another kind is left out (said in the report).
 *
 * <p>Every problem is located by file, line and column: a manifest Kubernetes would refuse (no group, no plural, a
 * scope that is neither Namespaced nor Cluster, a {@code $ref} in a schema) is an error; one it would refuse but that
 * still says everything a client needs (a name that is not {@code <plural>.<group>}, not exactly one storage
 * version, a v1 version without a schema) is a warning, an error when {@code strict}. Schemas are read by
 * {@link SchemaReader} with the rules of structural schemas, after {@link CrdSchemas} prepared them.
 */
public final class CrdReader {
    private static final Set<String> API_VERSIONS = Set.of("apiextensions.k8s.io/v1", "apiextensions.k8s.io/v1beta1");
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern KIND = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    private final DocumentLoader loader = new DocumentLoader();
    private final boolean strict;

    /** @param strict what Kubernetes would refuse but a client can be made from is an error, not a warning */
    public CrdReader(boolean strict) {
        this.strict = strict;
    }

    /** Reads the manifests of {@code source}; null (and reported) when there is no CustomResourceDefinition there. */
    public CustomResources read(Path source, Problems problems) {
        List<Path> files = files(source, problems);
        if (files == null) {
            return null;
        }
        CustomResources.Collector collector = new CustomResources.Collector(source);
        for (Path file : files) {
            readFile(file, collector, problems);
        }
        if (collector.isEmpty()) {
            if (!problems.hasErrors()) {
                problems.error(source, null, "no CustomResourceDefinition here");
            }
            return null;
        }
        return collector.build(strict, problems);
    }

    /** The manifests' files: {@code source} itself, or those of the folder and its subfolders, sorted by path. */
    private static List<Path> files(Path source, Problems problems) {
        if (Files.isRegularFile(source)) {
            return List.of(source);
        }
        if (!Files.isDirectory(source)) {
            problems.error(source, null, "no such file or folder of CustomResourceDefinitions");
            return null;
        }
        try (Stream<Path> walk = Files.walk(source)) {
            List<Path> files = walk.filter(Files::isRegularFile)
                    .filter(f -> isManifest(source.relativize(f)))
                    .sorted()
                    .toList();
            if (files.isEmpty()) {
                problems.error(source, null, "no manifests (*.yaml, *.yml, *.json) in this folder");
                return null;
            }
            return files;
        } catch (IOException | java.io.UncheckedIOException e) {
            problems.error(source, null, "cannot list: " + e.getMessage());
            return null;
        }
    }

    private static boolean isManifest(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return false; // .git, .github, editors' files
            }
        }
        String name = relative.getFileName().toString().toLowerCase(Locale.ROOT);
        name = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    /** One file: its documents read, their problems located at lines and columns, their CRDs collected. */
    private void readFile(Path file, CustomResources.Collector collector, Problems problems) {
        List<JsonNode> documents = loader.loadAll(file, problems);
        if (documents == null) {
            return;
        }
        List<Manifest> manifests = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            JsonNode doc = documents.get(i);
            String kind = doc.path("kind").asText("");
            if (kind.equals("List") || kind.equals("CustomResourceDefinitionList")) {
                JsonNode items = doc.path("items");
                for (int j = 0; j < items.size(); j++) {
                    manifests.add(new Manifest(file, i, "/items/" + j, items.get(j), doc, strict));
                }
            } else if (!doc.isNull()) {
                manifests.add(new Manifest(file, i, "", doc, doc, strict));
            }
        }
        manifests.forEach(Manifest::read);
        Set<DocumentLoader.Place> wanted = new HashSet<>();
        manifests.forEach(m -> m.places(wanted));
        Map<DocumentLoader.Place, int[]> found = loader.locate(file, wanted);
        for (Manifest m : manifests) {
            m.report(found, problems);
            CustomResourceDefinition crd = m.located(found);
            if (crd != null) {
                collector.add(crd, m.schemas, problems);
            }
        }
    }

    /** A served version read, and where it is in its manifest (a JSON pointer). */
    private record Drafted(CustomResourceDefinition.Version version, String pointer) {}

    /** One manifest (a document, or an item of a list document): what it says, and its problems at pointers. */
    private static final class Manifest {
        final Path file;
        final int document;
        final String base;
        final JsonNode node;
        final JsonNode root;
        final Problems local = new Problems();
        final NodeReader nodes;
        final boolean strict;
        /** The kind's schema of each served version, by version name. */
        final Map<String, Schema> schemas = new LinkedHashMap<>();

        String name;
        String group;
        CustomResourceDefinition.Names names;
        boolean namespaced;
        /** The served versions, each with its place in the manifest (a JSON pointer) until it is located. */
        final List<Drafted> versions = new ArrayList<>();

        boolean valid;

        Manifest(Path file, int document, String base, JsonNode node, JsonNode root, boolean strict) {
            this.file = file;
            this.document = document;
            this.base = base;
            this.node = node;
            this.root = root;
            this.strict = strict;
            this.nodes = new NodeReader(local, strict);
        }

        void read() {
            if (!node.isObject()) {
                local.error(file, base, "expected a manifest (an object), found " + NodeReader.kind(node));
                return;
            }
            String kind = node.path("kind").asText(null);
            if (!"CustomResourceDefinition".equals(kind)) {
                local.info(
                        file,
                        base,
                        "not a CustomResourceDefinition (" + (kind == null ? "no kind" : "kind " + kind)
                                + "): left out");
                return;
            }
            String apiVersion = node.path("apiVersion").asText("");
            if (!API_VERSIONS.contains(apiVersion)) {
                local.error(
                        file,
                        base + (node.has("apiVersion") ? "/apiVersion" : ""),
                        "expected apiVersion apiextensions.k8s.io/v1 (or v1beta1), found "
                                + (apiVersion.isEmpty() ? "none" : "\"" + apiVersion + "\""));
                return;
            }
            JsonNode spec = node.path("spec");
            if (!spec.isObject()) {
                local.error(file, base, "a CustomResourceDefinition needs a spec (an object)");
                return;
            }
            valid = identity(spec) & versions(spec, apiVersion.endsWith("/v1beta1"));
            checkName();
        }

        /** group, names and scope; false when one a client needs is missing or wrong (reported). */
        private boolean identity(JsonNode spec) {
            String at = base + "/spec";
            group = required(spec, "group", at);
            boolean ok = group != null;
            if (ok && !DNS_SUBDOMAIN.matcher(group).matches()) {
                local.error(file, at + "/group", "group \"" + group + "\" is not a DNS subdomain with a dot in it");
                ok = false;
            }
            JsonNode n = spec.path("names");
            String kind = required(n, "kind", at + "/names");
            String plural = required(n, "plural", at + "/names");
            ok &= check(kind, KIND, at + "/names/kind", "kind")
                    & check(plural, DNS_LABEL, at + "/names/plural", "plural");
            String singular = n.path("singular").asText(kind == null ? "" : kind.toLowerCase(Locale.ROOT));
            String listKind = n.path("listKind").asText(kind + "List");
            ok &= check(listKind, KIND, at + "/names/listKind", "listKind")
                    & check(singular, DNS_LABEL, at + "/names/singular", "singular");
            List<String> shortNames = nodes.strings(n.path("shortNames"), at + "/names/shortNames", file);
            for (int i = 0; i < shortNames.size(); i++) {
                ok &= check(shortNames.get(i), DNS_LABEL, at + "/names/shortNames/" + i, "short name");
            }
            names = new CustomResourceDefinition.Names(
                    kind,
                    listKind,
                    plural,
                    singular,
                    shortNames,
                    nodes.strings(n.path("categories"), at + "/names/categories", file));
            String scope = spec.path("scope").asText(null);
            namespaced = "Namespaced".equals(scope);
            if (!namespaced && !"Cluster".equals(scope)) {
                local.error(
                        file,
                        spec.has("scope") ? at + "/scope" : at,
                        "scope must be Namespaced or Cluster, found " + (scope == null ? "none" : "\"" + scope + "\""));
                ok = false;
            }
            return ok;
        }

        private String required(JsonNode n, String field, String at) {
            JsonNode v = n.get(field);
            if (v == null || !v.isTextual() || v.asText().isEmpty()) {
                local.error(file, v == null ? at : at + "/" + field, "a CustomResourceDefinition needs " + field);
                return null;
            }
            return v.asText();
        }

        private boolean check(String value, Pattern pattern, String at, String what) {
            if (value == null) {
                return false;
            }
            if (!pattern.matcher(value).matches()) {
                local.error(file, at, what + " \"" + value + "\" is not a name Kubernetes allows here");
                return false;
            }
            return true;
        }

        /** The versions (v1beta1's single {@code version} too); false when none is served or one is broken. */
        private boolean versions(JsonNode spec, boolean v1beta1) {
            String at = base + "/spec";
            JsonNode list = spec.path("versions");
            if (!list.isArray() || list.isEmpty()) {
                if (v1beta1 && spec.path("version").isTextual()) {
                    return version(spec, spec, spec.get("version").asText(), at, at, true) && served();
                }
                local.error(
                        file,
                        list.isMissingNode() ? at : at + "/versions",
                        "a CustomResourceDefinition needs versions");
                return false;
            }
            boolean ok = true;
            Set<String> seen = new HashSet<>();
            int storage = 0;
            for (int i = 0; i < list.size(); i++) {
                JsonNode v = list.get(i);
                String vat = at + "/versions/" + i;
                String name = v.path("name").asText(null);
                if (name == null || !DNS_LABEL.matcher(name).matches() || !seen.add(name)) {
                    local.error(file, vat, "a version needs a name of its own (a DNS label), found " + v.path("name"));
                    ok = false;
                    continue;
                }
                storage += v.path("storage").asBoolean(false) ? 1 : 0;
                if (v.path("served").asBoolean(false)) {
                    ok &= version(spec, v, name, vat, at, v1beta1);
                } else {
                    local.info(file, vat, "version " + name + " is not served: left out");
                }
            }
            if (storage != 1) {
                nodes.deviation(file, at + "/versions", storage + " storage versions; Kubernetes wants exactly one");
            }
            return ok && served();
        }

        private boolean served() {
            if (versions.isEmpty()) {
                local.error(file, base + "/spec", "no version is served");
                return false;
            }
            return true;
        }

        /** One served version: its schema read, its subresources noted. */
        private boolean version(JsonNode spec, JsonNode v, String name, String vat, String at, boolean v1beta1) {
            JsonNode schema = v.path("schema").path("openAPIV3Schema");
            String schemaAt = vat + "/schema/openAPIV3Schema";
            if (schema.isMissingNode() && v1beta1) {
                schema = spec.path("validation").path("openAPIV3Schema");
                schemaAt = at + "/validation/openAPIV3Schema";
            }
            JsonNode subresources =
                    v.has("subresources") || !v1beta1 ? v.path("subresources") : spec.path("subresources");
            boolean status = subresources.has("status");
            JsonNode scale = subresources.path("scale");
            boolean deprecated = v.path("deprecated").asBoolean(false);
            CustomResourceDefinition.Version version = new CustomResourceDefinition.Version(
                    name, deprecated, status, scale(scale), v.path("storage").asBoolean(v == spec), null);
            if (schema.isMissingNode()) {
                if (!v1beta1) {
                    nodes.deviation(
                            file,
                            vat,
                            "version " + name + " has no schema (Kubernetes requires one in v1):"
                                    + " its objects are read as any object");
                }
                schema = null;
            } else if (!"object".equals(schema.path("type").asText("object"))) {
                local.error(file, schemaAt + "/type", "a custom resource's schema must be of type object");
                return false;
            }
            versions.add(new Drafted(version, vat));
            if (group != null && names.kind() != null) {
                CrdSchemas.Refs refs = new CrdSchemas.Refs(nodes, false);
                SchemaReader reader = new SchemaReader(nodes, refs, true);
                schemas.put(
                        name,
                        reader.read(
                                CrdSchemas.kind(schema, schemaAt, names, group, version, refs),
                                schemaAt,
                                new Source(file, root)));
            }
            return true;
        }

        private static CustomResourceDefinition.Scale scale(JsonNode scale) {
            if (!scale.isObject()) {
                return null;
            }
            return new CustomResourceDefinition.Scale(
                    scale.path("specReplicasPath").asText(null),
                    scale.path("statusReplicasPath").asText(null),
                    scale.path("labelSelectorPath").asText(null));
        }

        private void checkName() {
            JsonNode metadataName = node.path("metadata").path("name");
            name = metadataName.asText("");
            if (!valid) {
                return;
            }
            String expected = names.plural() + "." + group;
            if (!name.equals(expected)) {
                nodes.deviation(
                        file,
                        base + (metadataName.isMissingNode() ? "" : "/metadata/name"),
                        "the name of a CustomResourceDefinition must be <plural>.<group>, \"" + expected
                                + "\", found \"" + name + "\"");
                name = expected;
            }
        }

        /** The places whose lines and columns are wanted: each problem's, the manifest's and its versions'. */
        void places(Set<DocumentLoader.Place> wanted) {
            wanted.add(new DocumentLoader.Place(document, base));
            for (Drafted v : versions) {
                wanted.add(new DocumentLoader.Place(document, v.pointer()));
            }
            for (Problem p : local.all()) {
                if (p.pointer() != null && file.equals(p.file())) {
                    wanted.add(new DocumentLoader.Place(document, p.pointer()));
                }
            }
        }

        /** This manifest's problems, each at its line and column where found (else at its pointer). */
        void report(Map<DocumentLoader.Place, int[]> found, Problems problems) {
            for (Problem p : local.all()) {
                int[] lc = p.pointer() == null || !file.equals(p.file()) ? null : closest(found, p.pointer());
                problems.add(
                        lc == null ? p : new Problem(p.severity(), p.file(), lc[0], lc[1], p.pointer(), p.message()));
            }
        }

        /** The place of {@code pointer}, or of the closest value above it that was found. */
        private int[] closest(Map<DocumentLoader.Place, int[]> found, String pointer) {
            for (String p = pointer; ; p = p.substring(0, p.lastIndexOf('/'))) {
                int[] lc = found.get(new DocumentLoader.Place(document, p));
                if (lc != null || p.isEmpty()) {
                    return lc;
                }
            }
        }

        CustomResourceDefinition.Location at(Map<DocumentLoader.Place, int[]> found, String pointer) {
            int[] lc = closest(found, base + pointer);
            return new CustomResourceDefinition.Location(file, lc == null ? 0 : lc[0], lc == null ? 0 : lc[1]);
        }

        /** The CRD, its versions at their places; null when it is no valid CRD (reported). */
        CustomResourceDefinition located(Map<DocumentLoader.Place, int[]> found) {
            if (!valid || local.hasErrors()) {
                return null;
            }
            List<CustomResourceDefinition.Version> located = new ArrayList<>();
            for (Drafted d : versions) {
                CustomResourceDefinition.Version v = d.version();
                int[] lc = closest(found, d.pointer());
                located.add(new CustomResourceDefinition.Version(
                        v.name(),
                        v.deprecated(),
                        v.status(),
                        v.scale(),
                        v.storage(),
                        new CustomResourceDefinition.Location(file, lc == null ? 0 : lc[0], lc == null ? 0 : lc[1])));
            }
            return new CustomResourceDefinition(name, group, names, namespaced, List.copyOf(located), at(found, ""));
        }
    }
}
