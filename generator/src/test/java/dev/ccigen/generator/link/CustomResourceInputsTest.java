package dev.ccigen.generator.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccigen.generator.Generator;
import dev.ccigen.generator.GeneratorConfig;
import dev.ccigen.generator.TestDocs;
import dev.ccigen.generator.problem.GenerationException;
import dev.ccigen.generator.problem.Problem;
import dev.ccigen.generator.problem.Problems;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CRDs beside a document: with its listings (CCI's, and Volcano's CRDs, one of which CCI's document defines too), and
 * without listings (the document's resources still come from its paths).
 */
class CustomResourceInputsTest {
    private static final Path VOLCANO = TestDocs.specs().resolve("crds/volcano-v1.3.0/crds");

    @TempDir
    Path dir;

    private GeneratorConfig cci(boolean strict) {
        return new GeneratorConfig(
                        TestDocs.specs().resolve("cci/openapi-v2.json"),
                        TestDocs.specs().resolve("cci/discovery"),
                        dir.resolve("out"),
                        null,
                        new LinkOptions("io.example.cci", "CciClient", List.of(), List.of(), strict, Map.of()))
                .withCrds(VOLCANO);
    }

    private static Optional<ResourceModel> resource(ApiModel model, String group, String version, String plural) {
        return model.groupVersions().stream()
                .filter(gv -> gv.group().equals(group) && gv.version().equals(version))
                .flatMap(gv -> gv.resources().stream())
                .filter(r -> r.plural().equals(plural))
                .findFirst();
    }

    @Test
    void theCrdOfAKindTheDocumentDefinesTooReplacesItsDefinitionPathsAndListing() {
        Problems problems = new Problems();
        ApiModel model = new Generator().model(cci(false), problems);
        List<Problem> warnings = problems.all().stream()
                .filter(p -> p.severity() == Problem.Severity.WARNING)
                .toList();
        assertEquals(1, warnings.size(), warnings::toString);
        Problem clash = warnings.get(0);
        assertTrue(clash.where().endsWith("volcano-v1.3.0/crds/batch.volcano.sh_jobs.yaml:20:5"), clash::where);
        assertTrue(
                clash.message()
                        .startsWith("batch.volcano.sh/v1alpha1 Job is defined by the CustomResourceDefinition"
                                + " jobs.batch.volcano.sh and by "),
                clash::message);
        assertTrue(clash.message().contains("openapi-v2.json#/definitions/sh.volcano.batch.v1alpha1.Job"));

        ResourceModel jobs =
                resource(model, "batch.volcano.sh", "v1alpha1", "jobs").orElseThrow();
        assertEquals(
                List.of("status"),
                jobs.subresources().stream()
                        .map(ResourceModel.SubresourceModel::name)
                        .toList(),
                "the CRD's status subresource, which CCI's document leaves out");
        assertEquals(List.of("vcjob", "vj"), jobs.shortNames());
        assertEquals(
                "dev.ccigen.runtime.Status",
                jobs.deleteType(),
                "what a server answers a custom resource's delete with");
        assertTrue(
                resource(model, "scheduling.volcano.sh", "v1beta1", "podgroups").isPresent());
        assertTrue(resource(model, "bus.volcano.sh", "v1alpha1", "commands").isPresent());
        assertTrue(resource(model, "", "v1", "pods").isPresent(), "CCI's own resources stay");
        assertTrue(resource(model, "networking.cci.io", "v1beta1", "networks").isPresent());
        List<String> volcanoClasses = model.types().stream()
                .map(TypeModel::qualifiedName)
                .filter(q -> q.startsWith("io.example.cci.model.volcano.batch."))
                .toList();
        assertTrue(
                volcanoClasses.contains("io.example.cci.model.volcano.batch.v1alpha1.Tasks"), volcanoClasses::toString);
        assertFalse(
                volcanoClasses.contains("io.example.cci.model.volcano.batch.v1alpha1.TaskSpec"),
                "the document's definitions only its Job used are left out");
    }

    @Test
    void underStrictTheClashIsAnError() {
        GenerationException e =
                assertThrows(GenerationException.class, () -> new Generator().model(cci(true), new Problems()));
        assertTrue(e.getMessage().contains("batch.volcano.sh/v1alpha1 Job is defined by the CustomResourceDefinition"));
    }

    @Test
    void aDocumentWithoutListingsKeepsItsResourcesBesideTheCrds() {
        Problems problems = new Problems();
        ApiModel model = new Generator()
                .model(
                        new GeneratorConfig(
                                        TestDocs.kubernetes(),
                                        null,
                                        dir.resolve("out"),
                                        null,
                                        LinkOptions.defaults("io.example.k8s"))
                                .withCrds(TestDocs.resource("crd/widgets.yaml")),
                        problems);
        assertTrue(resource(model, "", "v1", "pods").isPresent());
        assertTrue(resource(model, "apps", "v1", "deployments").isPresent());
        ResourceModel widgets = resource(model, "example.com", "v1", "widgets").orElseThrow();
        assertEquals(List.of("wd"), widgets.shortNames(), "the CRD's listing decides its resources");
        assertEquals(
                "io.example.k8s.model.meta.v1.ObjectMeta",
                model.types().stream()
                        .filter(t -> t.qualifiedName().equals("io.example.k8s.model.example.v1.Widget"))
                        .findFirst()
                        .orElseThrow()
                        .imports()
                        .stream()
                        .filter(i -> i.endsWith(".ObjectMeta"))
                        .findFirst()
                        .orElseThrow(),
                "the document's ObjectMeta, not a second one");
        assertFalse(problems.hasErrors(), problems.all()::toString);
    }
}
