import dev.ccigen.generator.GenerationResult;
import dev.ccigen.generator.Generator;
import dev.ccigen.generator.GeneratorConfig;
import dev.ccigen.generator.link.LinkOptions;
import java.nio.file.Path;

/**
 * One cold generation by the engine alone, in a JVM of its own (no Maven): bench/engine.sh runs it. Prints the
 * engine's own time in milliseconds.
 *
 * <p>Usage: {@code java -cp <engine, templates and their libraries> EngineRun.java <document> <listings or -> <output>}
 */
public class EngineRun {
    public static void main(String[] args) {
        Path listings = args[1].equals("-") ? null : Path.of(args[1]);
        GeneratorConfig config = new GeneratorConfig(
                Path.of(args[0]), listings, Path.of(args[2]), null, LinkOptions.defaults("bench.ccigen"));
        GenerationResult result = new Generator().generate(config);
        System.out.println(result.elapsed().toMillis());
    }
}
