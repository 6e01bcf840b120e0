package dev.ccigen.generator.render;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses every generated Java file with JavaParser before anything is written, so that a template that
 * renders invalid Java is reported with the template's name, the generated line and the parser's message,
 * not by javac in the user's build far from its cause.
 */
final class JavaValidator {
    private final ParserConfiguration configuration = new ParserConfiguration()
            .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)
            .setStoreTokens(true) // without tokens JavaParser cannot say on which line a problem is
            .setAttributeComments(false);

    /** The errors of {@code file}: empty when it parses. */
    List<InvalidJava.Found> validate(SourceFile file) {
        ParseResult<CompilationUnit> result = new JavaParser(configuration).parse(file.content());
        if (result.isSuccessful()) {
            return List.of();
        }
        List<InvalidJava.Found> found = new ArrayList<>();
        String[] lines = file.content().split("\n", -1);
        for (var p : result.getProblems()) {
            int line = p.getLocation()
                    .flatMap(com.github.javaparser.TokenRange::toRange)
                    .map(r -> r.begin.line)
                    .orElse(0);
            String source = line > 0 && line <= lines.length ? lines[line - 1].strip() : "";
            found.add(new InvalidJava.Found(
                    file.template(), file.path(), line, firstLine(p.getMessage()), abbreviate(source)));
            if (found.size() >= 3) {
                break; // the first few tell the story; the rest are usually consequences
            }
        }
        return found;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String abbreviate(String s) {
        return s.length() <= 160 ? s : s.substring(0, 157) + "...";
    }
}
