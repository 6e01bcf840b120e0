package dev.ccigen.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Two builds of one commit give byte-identical artifacts ({@code project.build.outputTimestamp}): the runtime and
 * test-server libraries, the engine, the templates and the plugin are built again, offline, from a copy of their sources in another folder, and each jar is
 * compared with the one this build made. A difference names the entries that differ.
 */
@Execution(ExecutionMode.CONCURRENT) // it mostly waits for the other build: the other test classes run meanwhile
class ReproducibleBuildTest {
    private static final List<String> MODULES =
            List.of("runtime", "test-server", "generator", "templates", "maven-plugin");

    @Test
    void aSecondBuildInAnotherFolderGivesTheSameJars(@TempDir Path copy) throws Exception {
        Path root = Path.of(System.getProperty("ccigen.root", ".."))
                .toAbsolutePath()
                .normalize();
        String mavenHome = System.getProperty("maven.home");
        assumeTrue(mavenHome != null && !mavenHome.isBlank(), "run by Maven, which says where it is (maven.home)");
        for (String module : MODULES) {
            copyTree(root.resolve(module), copy.resolve(module));
        }
        // The reactor lists these modules too; their POMs are read, not built.
        for (String pomOnly :
                List.of("pom.xml", "it-tests/pom.xml", "specs/build/pom.xml", ".mvn/maven.config", ".mvn/jvm.config")) {
            Files.createDirectories(copy.resolve(pomOnly).getParent());
            Files.copy(root.resolve(pomOnly), copy.resolve(pomOnly));
        }

        List<String> command = new ArrayList<>(List.of(
                Path.of(mavenHome, "bin", "mvn").toString(),
                "-B",
                "-q",
                "-o",
                "package",
                "-Dmaven.test.skip=true",
                "-Denforcer.skip=true",
                "-Dcyclonedx.skip=true",
                "-pl",
                String.join(",", MODULES)));
        String repo = System.getProperty("maven.repo.local");
        if (repo != null && !repo.isBlank()) {
            command.add("-Dmaven.repo.local=" + repo);
        }
        Path log = copy.resolve("build.log");
        Process build = new ProcessBuilder(command)
                .directory(copy.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertTrue(build.waitFor(10, TimeUnit.MINUTES), "the second build took over 10 minutes");
        assertEquals(0, build.exitValue(), () -> "the second build failed:\n" + read(log));

        for (String module : MODULES) {
            for (Path first : jars(root.resolve(module).resolve("target"))) {
                Path second = copy.resolve(module).resolve("target").resolve(first.getFileName());
                assertEquals(entries(first), entries(second), () -> first.getFileName() + ": entries differ");
                assertEquals(
                        -1L,
                        Files.mismatch(first, second),
                        () -> first.getFileName() + " differs in its ZIP bytes"
                                + " (entry times or order) though every entry's content is the same");
            }
        }
    }

    /** The module's jars: the artifact, its sources and its Javadoc, as published. */
    private static List<Path> jars(Path target) throws IOException {
        try (Stream<Path> files = Files.list(target)) {
            List<Path> jars =
                    files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
            assertEquals(3, jars.size(), () -> target + " should hold the jar, its sources and its Javadoc: " + jars);
            return jars;
        }
    }

    /** Each entry's name with the SHA-256 of its content, in order. */
    private static Map<String, String> entries(Path jar) throws IOException, NoSuchAlgorithmException {
        Map<String, String> result = new TreeMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                try (InputStream in = zip.getInputStream(e)) {
                    sha.update(in.readAllBytes());
                }
                result.put(e.getName(), HexFormat.of().formatHex(sha.digest()));
            }
        }
        return result;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path relative = from.relativize(f);
                if (relative.startsWith("target")) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
