package dev.ccigen.generator.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccigen.generator.GeneratedKubernetes;
import dev.ccigen.generator.Generator;
import dev.ccigen.generator.GeneratorConfig;
import dev.ccigen.generator.TestDocs;
import dev.ccigen.generator.link.LinkOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each generated class imports what it uses and nothing else, sorted as the project's own code is (one block, in
 * the order of the names), with no blanket {@code @SuppressWarnings("unused")}: the Kubernetes clients (1.20 and
 * 1.36), the CCI client (with the runtime inline, whose package sorts before Jackson's) and the IAM client.
 */
class GeneratedImportsTest {
    private static final Pattern IMPORT = Pattern.compile("(?m)^import (static )?([\\w.]+);\\n");
    private static final Pattern COMMENT = Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*");
    private static final Pattern LINK = Pattern.compile("\\{@(?:link|linkplain|see) ([\\w.]+)");
    private static final Pattern STRING = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"");

    @Test
    void kubernetesClassesImportWhatTheyUseSorted() throws Exception {
        List<String> problems = new ArrayList<>();
        for (String version : GeneratedKubernetes.VERSIONS) {
            problems.addAll(problems(GeneratedKubernetes.get(version).sources));
        }
        assertEquals(List.of(), problems.stream().limit(30).toList(), problems.size() + " problems");
    }

    @Test
    void cciAndIamClassesImportWhatTheyUseSorted(@TempDir Path dir) throws Exception {
        Path cci = TestDocs.specs().resolve("cci");
        new Generator()
                .generate(new GeneratorConfig(
                        cci.resolve("openapi-v2.json"),
                        cci.resolve("discovery"),
                        dir.resolve("cci"),
                        null,
                        LinkOptions.defaults("com.example.cci").withInlineRuntime(true),
                        true));
        new Generator()
                .generate(new GeneratorConfig(
                        TestDocs.specs().resolve("iam/openapi-v2.json"),
                        null,
                        dir.resolve("iam"),
                        null,
                        LinkOptions.defaults("org.example.iam"),
                        true));
        List<String> problems = new ArrayList<>(problems(dir.resolve("cci/com/example/cci/api")));
        problems.addAll(problems(dir.resolve("cci/com/example/cci/model")));
        problems.addAll(problems(dir.resolve("cci/com/example/cci/Kinds.java")));
        problems.addAll(problems(dir.resolve("cci/com/example/cci/ErrorCodes.java")));
        problems.addAll(problems(dir.resolve("iam")));
        assertEquals(List.of(), problems.stream().limit(30).toList(), problems.size() + " problems");
        String pod = Files.readString(dir.resolve("cci/com/example/cci/model/core/v1/Pod.java"));
        assertTrue(pod.indexOf("import com.example.cci.runtime.") < pod.indexOf("import com.fasterxml"), pod);
    }

    /** What is wrong with the imports of every Java file below {@code root}, a line each. */
    static List<String> problems(Path root) throws IOException {
        List<String> problems = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
        for (Path file : files) {
            String text = Files.readString(file);
            String name = root.relativize(file) + ": ";
            List<String> imported = new ArrayList<>();
            Matcher m = IMPORT.matcher(text);
            while (m.find()) {
                imported.add(m.group(2));
            }
            if (!imported.equals(imported.stream().sorted().distinct().toList())) {
                problems.add(name + "imports not sorted: " + imported);
            }
            if (text.contains("@SuppressWarnings(\"unused\")")) {
                problems.add(name + "@SuppressWarnings(\"unused\")");
            }
            String code = IMPORT.matcher(text).replaceAll("");
            StringBuilder links = new StringBuilder();
            Matcher link = LINK.matcher(code);
            while (link.find()) {
                links.append(' ').append(link.group(1));
            }
            code = STRING.matcher(COMMENT.matcher(code).replaceAll(" ")).replaceAll("\"\"") + links;
            for (String q : imported) {
                String simple = q.substring(q.lastIndexOf('.') + 1);
                if (!Pattern.compile("(?<![\\w.])" + simple + "\\b")
                        .matcher(code)
                        .find()) {
                    problems.add(name + "unused import " + q);
                }
            }
        }
        return problems;
    }
}
