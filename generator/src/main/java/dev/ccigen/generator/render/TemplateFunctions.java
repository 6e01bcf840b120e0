package dev.ccigen.generator.render;

import dev.ccigen.generator.link.JavaText;
import java.util.function.Function;

/**
 * Lambdas a template can use on text it writes itself (the model's own text is escaped already):
 * {@code {{#escapeJavaString}}...{{/escapeJavaString}}} escapes the rendered section for a Java string literal,
 * {@code {{#escapeJavadoc}}...{{/escapeJavadoc}}} makes it safe inside a Javadoc comment.
 */
public final class TemplateFunctions {
    public final Function<String, String> escapeJavaString = JavaText::literal;
    public final Function<String, String> escapeJavadoc = s -> String.join("\n * ", JavaText.javadoc(s));
}
