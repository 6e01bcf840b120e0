package dev.ccigen.generator.render;

import dev.ccigen.generator.link.JavaText;
import java.util.function.Function;

/**
 * Lambdas a template can use on text it writes itself (the model's own text is escaped already):
 * {@code {{#javaString}}...{{/javaString}}} escapes the rendered section for a Java string literal,
 * {@code {{#javadoc}}...{{/javadoc}}} makes it safe inside a Javadoc comment.
 */
public final class TemplateFunctions {
    public final Function<String, String> javaString = JavaText::literal;
    public final Function<String, String> javadoc = s -> String.join("\n * ", JavaText.javadoc(s));
}
