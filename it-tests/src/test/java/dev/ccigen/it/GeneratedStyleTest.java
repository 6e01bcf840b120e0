package dev.ccigen.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The generated code has one style, the one README's "The generated API" describes: UTF-8, LF line ends, four-space
 * indentation, no tabs, no trailing spaces, never two blank lines in a row, one newline at the end, and comment lines
 * within 120 columns (a word longer than that, such as a URL, stays whole). Short methods may take one line: that is
 * what keeps a model readable in 120-column lines' worth of screen.
 */
class GeneratedStyleTest {

    @Test
    void everyGeneratedFileFollowsTheStyle() throws IOException {
        List<String> problems = new ArrayList<>();
        int files = 0;
        for (String output : List.of("target/generated-sources/ccigen", "target/generated-sources/ccigen-iam")) {
            try (Stream<Path> walk = Files.walk(Path.of(output))) {
                for (Path file : (Iterable<Path>) walk.filter(f -> f.toString().endsWith(".java"))::iterator) {
                    files++;
                    check(file, Files.readString(file, StandardCharsets.UTF_8), problems);
                }
            }
        }
        assertTrue(files > 100, "the CCI and IAM clients were generated");
        assertTrue(
                problems.isEmpty(),
                problems.size() + " problems, the first: "
                        + String.join("\n", problems.subList(0, Math.min(20, problems.size()))));
    }

    static void check(Path file, String text, List<String> problems) {
        if (text.contains("\r")) {
            problems.add(file + ": CR line ends");
        }
        if (!text.endsWith("\n") || text.endsWith("\n\n")) {
            problems.add(file + ": must end with one newline");
        }
        String[] lines = text.split("\n", -1);
        boolean previousBlank = false;
        for (int i = 0; i < lines.length - 1; i++) {
            String line = lines[i];
            String where = file + ":" + (i + 1) + ": ";
            String content = line.stripLeading();
            int indent = line.length() - content.length();
            boolean comment = content.startsWith("*") || content.startsWith("/**") || content.startsWith("//");
            if (line.indexOf('\t') >= 0) {
                problems.add(where + "tab");
            }
            if (!line.equals(line.stripTrailing())) {
                problems.add(where + "trailing whitespace");
            }
            if (line.isBlank() && previousBlank) {
                problems.add(where + "two blank lines");
            }
            previousBlank = line.isBlank();
            // Javadoc continuation lines sit one space after their /** (" * text"); code is indented by fours.
            if (!line.isBlank() && (content.startsWith("*") ? indent % 4 != 1 : indent % 4 != 0)) {
                problems.add(where + "indented by " + indent + ": " + line);
            }
            if (comment
                    && line.length() > 120
                    && content.indexOf(' ', content.indexOf(' ') + 1) >= 0
                    && !content.endsWith("*/")) {
                problems.add(where + "comment line of " + line.length() + " columns");
            }
        }
    }
}
