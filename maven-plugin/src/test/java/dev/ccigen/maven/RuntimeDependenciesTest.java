package dev.ccigen.maven;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccigen.maven.RuntimeDependencies.Dependency;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuntimeDependenciesTest {
    private static final String VERSION = "1.2.0";
    private static final Dependency JACKSON =
            new Dependency("com.fasterxml.jackson.core", "jackson-databind", "2.21.4", "compile");

    @Test
    void theRuntimeOfThePluginsVersionOnTheCompileClassPathIsEnough() {
        assertNull(RuntimeDependencies.problem(List.of(JACKSON, runtime(VERSION, "compile")), VERSION, false));
        assertNull(RuntimeDependencies.problem(List.of(runtime(VERSION, "provided")), VERSION, false));
    }

    @Test
    void aMissingRuntimeIsNamedWithTheBlockToPaste() {
        String problem = RuntimeDependencies.problem(List.of(JACKSON), VERSION, false);
        assertTrue(problem.contains("the project does not depend on dev.ccigen:ccigen-runtime"), problem);
        assertTrue(
                problem.contains("  <dependency>\n    <groupId>dev.ccigen</groupId>\n"
                        + "    <artifactId>ccigen-runtime</artifactId>\n    <version>1.2.0</version>\n"
                        + "  </dependency>"),
                problem);
        assertTrue(problem.contains("or set <runtime>inline</runtime>"), problem);
    }

    @Test
    void anotherVersionOrAScopeOffTheCompileClassPathIsRefused() {
        String problem = RuntimeDependencies.problem(List.of(runtime("1.1.0", "compile")), VERSION, false);
        assertTrue(problem.contains("the project has dev.ccigen:ccigen-runtime:1.1.0"), problem);
        problem = RuntimeDependencies.problem(List.of(runtime(VERSION, "test")), VERSION, false);
        assertTrue(
                problem.contains("dev.ccigen:ccigen-runtime is in scope test, which is not on the compile class path"),
                problem);
    }

    @Test
    void theTestServerNeedsItsLibraryOnTheTestClassPath() {
        List<Dependency> withRuntime = List.of(runtime(VERSION, "compile"));
        String problem = RuntimeDependencies.problem(withRuntime, VERSION, true);
        assertTrue(problem.contains("the project does not depend on dev.ccigen:ccigen-test-server"), problem);
        assertTrue(problem.contains("    <scope>test</scope>\n"), problem);
        assertNull(RuntimeDependencies.problem(
                List.of(runtime(VERSION, "compile"), testServer(VERSION, "test")), VERSION, true));
        assertNull(RuntimeDependencies.problem(
                List.of(runtime(VERSION, "compile"), testServer(VERSION, "runtime")), VERSION, true));
    }

    private static Dependency runtime(String version, String scope) {
        return new Dependency("dev.ccigen", "ccigen-runtime", version, scope);
    }

    private static Dependency testServer(String version, String scope) {
        return new Dependency("dev.ccigen", "ccigen-test-server", version, scope);
    }
}
