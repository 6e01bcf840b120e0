package dev.ccigen.generator.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccigen.generator.problem.Problem;
import dev.ccigen.generator.problem.Problems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CustomResourceDefinition manifests as projects publish them are read; one Kubernetes would refuse is a problem at its
 * file, line and column, in a file of several documents too.
 */
class CrdReaderTest {
    @TempDir
    Path dir;

    /** A valid CRD of {@code kind} in {@code group}, its schema's {@code spec} given as YAML lines (indented 10). */
    static String crd(String group, String kind, String plural, String scope, String spec) {
        return """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata:
                  name: %3$s.%1$s
                spec:
                  group: %1$s
                  names:
                    kind: %2$s
                    plural: %3$s
                  scope: %4$s
                  versions:
                  - name: v1
                    served: true
                    storage: true
                    schema:
                      openAPIV3Schema:
                        type: object
                        properties:
                          spec:
                %5$s
                """.formatted(group, kind, plural, scope, spec);
    }

    private static final String SPEC = "            type: object\n            properties:\n"
            + "              size:\n                type: integer\n";

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private Problems problems;

    private CustomResources read(Path source, boolean strict) {
        problems = new Problems();
        return new CrdReader(strict).read(source, problems);
    }

    private List<Problem> of(Problem.Severity severity) {
        return problems.all().stream().filter(p -> p.severity() == severity).toList();
    }

    private Problem onlyError() {
        List<Problem> errors = of(Problem.Severity.ERROR);
        assertEquals(1, errors.size(), problems.all()::toString);
        return errors.get(0);
    }

    @Test
    void aFolderOfManifestsWithSeveralDocumentsPerFile() throws IOException {
        write(
                "a/widgets.yaml",
                crd("example.com", "Widget", "widgets", "Namespaced", SPEC) + "---\n"
                        + crd("example.com", "Gadget", "gadgets", "Cluster", SPEC));
        write("b/kustomization.yaml", "resources:\n- ../a/widgets.yaml\n");
        write(".git/ignored.yaml", "not: [a crd");
        CustomResources read = read(dir, false);
        assertNotNull(read, problems.all()::toString);
        assertEquals(
                List.of("widgets.example.com", "gadgets.example.com"),
                read.crds().stream().map(CustomResourceDefinition::name).toList());
        CustomResourceDefinition gadgets = read.crds().get(1);
        assertFalse(gadgets.namespaced());
        assertEquals("GadgetList", gadgets.names().listKind());
        assertEquals("gadget", gadgets.names().singular());
        assertEquals(new CustomResourceDefinition.Location(dir.resolve("a/widgets.yaml"), 26, 1), gadgets.at());
        assertTrue(read.definitions().containsKey("com.example.v1.Widget"));
        assertTrue(read.definitions().containsKey("com.example.v1.GadgetList"));
        assertEquals(List.of(), of(Problem.Severity.ERROR));
        assertTrue(
                problems.all().stream()
                        .anyMatch(p -> p.severity() == Problem.Severity.INFO
                                && p.message().contains("not a CustomResourceDefinition (no kind)")),
                problems.all()::toString);
        Discovery.GroupVersion listing = read.listings().get(0);
        assertEquals("example.com/v1", listing.groupVersion());
        assertTrue(listing.preferred());
        assertEquals(
                List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"),
                listing.resources().get(0).verbs());
    }

    @Test
    void aSyntaxErrorNamesItsLineInItsDocument() throws IOException {
        Path file = write("bad.yaml", crd("example.com", "Widget", "widgets", "Namespaced", SPEC) + "---\nspec: [x\n");
        assertNull(read(file, false));
        Problem p = onlyError();
        assertEquals(27, p.line(), p::toString); // the end of the stream, where the list should have closed
        assertTrue(p.message().startsWith("malformed YAML"), p::toString);
    }

    @Test
    void whatKubernetesRefusesIsAnErrorAtItsLineAndColumn() throws IOException {
        Path file = write(
                "refused.yaml",
                crd("example.com", "Widget", "widgets", "Namespaced", SPEC) + "---\n"
                        + crd("example.com", "Gadget", "gadgets", "Everywhere", SPEC));
        CustomResources read = read(file, false);
        Problem p = onlyError();
        assertEquals("scope must be Namespaced or Cluster, found \"Everywhere\"", p.message());
        assertEquals(35, p.line(), p::toString);
        assertEquals(10, p.column(), p::toString);
        assertTrue(p.where().endsWith("refused.yaml:35:10"), p::where);
        assertEquals(1, read.crds().size(), "the other CRD is read (and the run fails on the error)");
    }

    @Test
    void aMissingGroupIsAnErrorAtTheSpec() throws IOException {
        Path file = write(
                "nogroup.yaml",
                crd("example.com", "Widget", "widgets", "Namespaced", SPEC).replace("  group: example.com\n", ""));
        assertNull(read(file, false));
        Problem p = onlyError();
        assertEquals("a CustomResourceDefinition needs group", p.message());
        assertEquals(6, p.line(), p::toString);
    }

    @Test
    void aRefInTheSchemaIsRefusedAsKubernetesDoes() throws IOException {
        Path file = write(
                "ref.yaml",
                crd(
                        "example.com",
                        "Widget",
                        "widgets",
                        "Namespaced",
                        "            $ref: '#/definitions/io.k8s.api.core.v1.PodSpec'\n"));
        assertNull(read(file, false));
        Problem p = onlyError();
        assertTrue(p.message().startsWith("a CustomResourceDefinition's schema cannot hold a $ref"), p::toString);
        assertEquals(20, p.line(), p::toString);
        assertEquals(19, p.column(), p::toString);
    }

    @Test
    void whatKubernetesRefusesButAClientCanUseIsAWarningAndAnErrorWhenStrict() throws IOException {
        Path file = write(
                "lenient.yaml",
                crd("example.com", "Widget", "widgets", "Namespaced", SPEC)
                        .replace("name: widgets.example.com", "name: widget")
                        .replace("    storage: true\n", "    storage: false\n"));
        assertNotNull(read(file, false));
        List<Problem> warnings = of(Problem.Severity.WARNING);
        assertEquals(2, warnings.size(), warnings::toString);
        assertEquals(
                "0 storage versions; Kubernetes wants exactly one",
                warnings.get(0).message());
        assertEquals(12, warnings.get(0).line());
        assertTrue(warnings.get(1).message().contains("must be <plural>.<group>, \"widgets.example.com\""));
        assertEquals(4, warnings.get(1).line());
        assertEquals("widgets.example.com", read(file, false).crds().get(0).name());
        assertNull(read(file, true));
        assertEquals(2, of(Problem.Severity.ERROR).size(), problems.all()::toString);
    }

    @Test
    void theSameCrdTwiceIsAnErrorNamingBoth() throws IOException {
        write("one.yaml", crd("example.com", "Widget", "widgets", "Namespaced", SPEC));
        write("two.yaml", crd("example.com", "Widget", "widgets", "Namespaced", SPEC));
        read(dir, false);
        Problem p = onlyError();
        assertTrue(p.where().endsWith("two.yaml:1:1"), p::where);
        assertTrue(
                p.message()
                        .endsWith("defines example.com kind Widget, which widgets.example.com at "
                                + dir.resolve("one.yaml") + ":1:1 defines already"),
                p::message);
    }

    @Test
    void v1beta1WithItsOneVersionAndSharedSchema() throws IOException {
        Path file = write("beta.yaml", """
                apiVersion: apiextensions.k8s.io/v1beta1
                kind: CustomResourceDefinition
                metadata:
                  name: widgets.example.com
                spec:
                  group: example.com
                  version: v1alpha1
                  names:
                    kind: Widget
                    plural: widgets
                  scope: Namespaced
                  subresources:
                    status: {}
                  validation:
                    openAPIV3Schema:
                      properties:
                        spec:
                          type: object
                """);
        CustomResources read = read(file, true);
        assertNotNull(read, problems.all()::toString);
        CustomResourceDefinition.Version v = read.crds().get(0).versions().get(0);
        assertEquals("v1alpha1", v.name());
        assertTrue(v.status());
        assertTrue(v.storage());
        assertNotNull(read.definitions()
                .get("com.example.v1alpha1.Widget")
                .properties()
                .get("spec"));
    }

    @Test
    void versionsNotServedAreLeftOutAndTheHighestIsPreferred() throws IOException {
        String three = crd("example.com", "Widget", "widgets", "Namespaced", SPEC)
                .replace(
                        "  versions:\n",
                        "  versions:\n  - name: v1alpha1\n    served: false\n    storage: false\n"
                                + "  - name: v2beta1\n    served: true\n    storage: false\n    deprecated: true\n");
        CustomResources read = read(write("three.yaml", three), false);
        assertNotNull(read, problems.all()::toString);
        assertEquals(
                List.of("v2beta1", "v1"),
                read.crds().get(0).versions().stream()
                        .map(CustomResourceDefinition.Version::name)
                        .toList());
        assertTrue(read.definitions().get("com.example.v2beta1.Widget").isDeprecated());
        assertEquals(
                List.of("example.com/v1 true", "example.com/v2beta1 false"),
                read.listings().stream()
                        .map(gv -> gv.groupVersion() + " " + gv.preferred())
                        .toList());
        assertTrue(
                problems.all().stream().anyMatch(p -> p.message().equals("version v1alpha1 is not served: left out")));
    }

    @Test
    void typedAnyOfBranchesAreNoStructuralSchema() throws IOException {
        Path file = write(
                "anyof.yaml",
                crd(
                        "example.com",
                        "Widget",
                        "widgets",
                        "Namespaced",
                        "            anyOf:\n            - type: integer\n            - type: boolean\n"));
        assertNotNull(read(file, false));
        List<Problem> warnings = of(Problem.Severity.WARNING);
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).message().contains("[boolean, integer]"), warnings.get(0)::message);
        assertEquals(20, warnings.get(0).line());
    }

    @Test
    void anEmptyFolderAndAFileOfOtherKindsAreErrors() throws IOException {
        Files.createDirectories(dir.resolve("empty"));
        assertNull(read(dir.resolve("empty"), false));
        assertTrue(onlyError().message().startsWith("no manifests"));
        Path other = write("deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n");
        assertNull(read(other, false));
        assertEquals("no CustomResourceDefinition here", onlyError().message());
    }
}
